#include "BenchSupport.h"
#include "GatewayProcess.h"
#include "HttpReceiver.h"
#include "Policy.h"
#include "PolicyFile.h"
#include "TestClients.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace cs::test;

namespace cs::bench {

namespace {

// `rules` rules that each test kind, target and command, none of which matches the benchmark's
// request, so every evaluation walks them all; then the default.
QByteArray policyOf(int rules)
{
    QByteArray yaml = "rules:\n";
    for (int i = 0; i < rules; ++i) {
        yaml += "  - name: rule-" + QByteArray::number(i) + "\n    match:\n      kind: [\"deploy." +
                QByteArray::number(i) + "\", \"db.*-" + QByteArray::number(i) + "\"]\n      system: \"sys-" +
                QByteArray::number(i) + "-*\"\n      environment: [production, staging]\n      command: '\\bcmd" +
                QByteArray::number(i) + "\\b'\n" +
                (i % 3 == 0 ? QByteArray("    allow: true\n") : QByteArray("    require: 1 approver\n"));
    }
    yaml += "default:\n  require: 1 approver\n";
    return yaml;
}

// One durable submission, timed from the POST to its 201 (in microseconds; negative on failure).
double submitOne(QNetworkAccessManager &network, GatewayProcess &gateway, int n)
{
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/v1/actions"_s.arg(gateway.port())));
    request.setRawHeader("Authorization", "Bearer " + gateway.dev().agent.token.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QByteArray body =
        QJsonDocument(HttpProbe::sampleAction({{u"context"_s, QJsonObject{{u"bench_seq"_s, n}}}})).toJson();
    const qint64 start = nowNs();
    QNetworkReply *reply = network.post(request, body);
    waitUntil([reply] { return reply->isFinished(); }, 10000);
    const double micros = double(nowNs() - start) / 1000.0;
    const bool created = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 201;
    reply->deleteLater();
    return created ? micros : -1;
}

} // namespace

// Policy evaluation with many rules beside a submission's own cost, and a submission with a
// webhook configured beside one without.
int policyBenchmark(int rules, int submitted)
{
    // 1. Evaluation in process: the policy as the gateway reads it, every rule walked.
    QList<PolicyError> errors;
    const qint64 loadStart = nowNs();
    const auto policy = PolicyFile::parse(policyOf(rules), u"bench"_s, PolicyFile::Known{{}, 1, false, {}}, &errors);
    const double loadMs = double(nowNs() - loadStart) / 1e6;
    if (!policy) {
        std::fprintf(stderr, "countersign-bench: the generated policy does not load: %s\n",
                     qPrintable(errors.value(0).message));
        return 2;
    }
    ActionRequest request;
    request.kind = u"db.export"_s;
    request.command = u"pg_dump --table=users prod"_s;
    request.target = {u"postgres"_s, u"users"_s, u"production"_s};
    request.justification = u"Quarterly export"_s;
    QList<double> evaluation;
    QString matched;
    for (int i = 0; i < 5000; ++i) {
        const qint64 start = nowNs();
        const PolicyVerdict verdict = policy->evaluate(u"dev-agent"_s, request);
        evaluation.append(double(nowNs() - start) / 1000.0);
        matched = verdict.rule;
    }

    // 2. The real gateway: built-in policy, the many rules, and the many rules with a webhook.
    QTemporaryDir dir;
    const QString policyPath = QDir(dir.path()).filePath(u"policy.yaml"_s);
    QFile file(policyPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(policyOf(rules)) < 0)
        return 2;
    file.close();
    HttpReceiver receiver;
    receiver.keepRequests = false;
    const QString webhookConfig = QDir(dir.path()).filePath(u"webhook.yaml"_s);
    QFile config(webhookConfig);
    if (!config.open(QIODevice::WriteOnly))
        return 2;
    config.write("webhooks:\n  - name: bench\n    url: " + receiver.url().toUtf8() +
                 "\n    secret: a-benchmark-secret-of-length\n");
    config.close();

    // The three gateways run side by side and take turns, so a noisy machine weighs on each alike.
    const QList<std::pair<QString, QStringList>> runs{
        {u"builtin_policy"_s, {}},
        {u"many_rules"_s, {u"--policy"_s, policyPath}},
        {u"many_rules_and_webhook"_s, {u"--policy"_s, policyPath, u"--config"_s, webhookConfig}}};
    std::vector<std::unique_ptr<GatewayProcess>> gateways;
    for (qsizetype i = 0; i < runs.size(); ++i) {
        gateways.push_back(std::make_unique<GatewayProcess>());
        if (!gateways.back()->startDevWith(runs[i].second)) {
            std::fprintf(stderr, "countersign-bench: cannot start the gateway\n");
            return 2;
        }
    }
    QNetworkAccessManager network;
    QList<QList<double>> micros(runs.size());
    QList<int> failed(runs.size(), 0);
    for (int n = -20; n < submitted; ++n) { // 20 to warm up
        for (qsizetype i = 0; i < runs.size(); ++i) {
            const double took = submitOne(network, *gateways[i], n);
            if (took < 0)
                ++failed[i];
            else if (n >= 0)
                micros[i].append(took);
        }
    }
    QJsonObject phases;
    for (qsizetype i = 0; i < runs.size(); ++i) {
        QJsonObject phase = summary(micros[i]);
        phase.insert(u"failed"_s, failed[i]);
        phases.insert(runs[i].first, phase);
    }
    waitUntil([&receiver, submitted] { return receiver.received >= submitted + 20; }, 20000);

    const QJsonObject commit = sqliteCommit(500);
    const double withWebhook = phases.value(u"many_rules_and_webhook"_s).toObject().value(u"p50_us"_s).toDouble();
    const double without = phases.value(u"many_rules"_s).toObject().value(u"p50_us"_s).toDouble();
    const QJsonObject result{
        {u"benchmark"_s, u"policy"_s},
        {u"rules"_s, rules},
        {u"policy_load_ms"_s, loadMs},
        {u"evaluation_walking_every_rule"_s, summary(evaluation)},
        {u"matched_rule"_s, matched},
        {u"submission"_s, phases},
        {u"webhook_deliveries"_s, receiver.received},
        {u"ratios"_s,
         QJsonObject{
             {u"submission_p50_with_webhook_over_without"_s, withWebhook / without},
             {u"evaluation_p50_over_submission_p50"_s, summary(evaluation).value(u"p50_us"_s).toDouble() / without},
             {u"submission_p50_over_sqlite_commit_p50"_s, without / commit.value(u"p50_us"_s).toDouble()}}},
        {u"baseline"_s, QJsonObject{{u"sqlite_durable_commit"_s, commit}, {u"sha256_1KiB"_s, sha256(100000)}}}};
    printJson(result);
    return 0;
}

} // namespace cs::bench
