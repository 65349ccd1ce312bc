#include "BenchSupport.h"
#include "GatewayProcess.h"
#include "TestClients.h"
#include "TestDatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;
using namespace cs::test;

namespace cs::bench {

namespace {

// `submitters` agents, each with its own connection, submitting one action after another for
// `seconds`; every answer (201) comes once the action is durable.
QJsonObject run(int submitters, int seconds, int replicaCount)
{
    const auto replicas = startReplicas(replicaCount);
    if (replicas.empty())
        return {{u"error"_s, u"cannot start the gateway"_s}};
    const QByteArray authorization = "Bearer " + replicas.front()->dev().agent.token.toUtf8();
    const auto cpuOfGateways = [&replicas] {
        double cpu = 0;
        for (const auto &replica : replicas)
            cpu += cpuSeconds(replica->processId());
        return cpu;
    };
    const QByteArray body = QJsonDocument(HttpProbe::sampleAction()).toJson(QJsonDocument::Compact);
    QList<double> latencyUs;
    int created = 0;
    int failed = 0;
    bool running = true;
    // Each agent submits to one replica, round robin.
    std::function<void(QNetworkAccessManager *)> submit = [&](QNetworkAccessManager *manager) {
        const auto &replica = replicas[size_t(manager->property("replica").toInt())];
        QNetworkRequest request(replica->url().resolved(QUrl(u"/v1/actions"_s)));
        request.setRawHeader("Authorization", authorization);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        const qint64 sent = nowNs();
        QNetworkReply *reply = manager->post(request, body);
        QObject::connect(reply, &QNetworkReply::finished, manager, [&, reply, manager, sent] {
            const bool ok = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 201;
            reply->deleteLater();
            if (!running)
                return;
            (ok ? created : failed)++;
            latencyUs.append(double(nowNs() - sent) / 1000.0);
            submit(manager);
        });
    };
    // One manager each: a manager keeps at most six connections to a host. Declared last, so that
    // its replies go before what their handlers use.
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    for (int i = 0; i < submitters; ++i) {
        managers.push_back(std::make_unique<QNetworkAccessManager>());
        managers.back()->setProperty("replica", i % replicaCount);
        submit(managers.back().get());
    }
    // A second to warm up (connections, caches), then the measured span.
    waitUntil([] { return false; }, 1000);
    created = failed = 0;
    latencyUs.clear();
    const double cpuBefore = cpuOfGateways();
    const qint64 start = nowNs();
    waitUntil([] { return false; }, seconds * 1000);
    const double wall = double(nowNs() - start) / 1e9;
    const double cpu = cpuOfGateways() - cpuBefore;
    running = false;
    const int accepted = created;
    const QJsonObject metrics =
        QJsonObject{{u"submitters"_s, submitters},
                    {u"durable_submissions_per_s"_s, double(accepted) / wall},
                    {u"answer"_s, summary(latencyUs)},
                    {u"failed"_s, failed},
                    {u"gateway_cpu_us_per_submission"_s, accepted > 0 ? 1e6 * cpu / double(accepted) : 0.0}};
    waitUntil(
        [&] {
            return std::all_of(managers.cbegin(), managers.cend(), [](const std::unique_ptr<QNetworkAccessManager> &m) {
                return m->findChildren<QNetworkReply *>().isEmpty();
            });
        },
        5000);
    return metrics;
}

} // namespace

// Durable submissions per second with 1, 4, 16 and 64 agents at once, with group commit, beside
// the bare one-row-per-commit rate of the same store in the same run: SQLite, or PostgreSQL under
// tests/support/with-postgresql.sh, there through one or more replicas.
int scaleBenchmark(const QList<int> &submitters, int seconds, int replicas)
{
    const double bareBefore = bareCommitsPerSecond(3);
    QJsonArray runs;
    double at16 = 0;
    for (int count : submitters) {
        const QJsonObject measured = run(count, seconds, replicas);
        if (count == 16)
            at16 = measured[u"durable_submissions_per_s"_s].toDouble();
        runs.append(measured);
    }
    const double bareAfter = bareCommitsPerSecond(3);
    const double bare = (bareBefore + bareAfter) / 2;
    QJsonObject result{
        {u"benchmark"_s, u"scale"_s},
        {u"store"_s, postgresqlServer().isEmpty() ? u"sqlite"_s : u"postgresql"_s},
        {u"replicas"_s, replicas},
        {u"seconds_per_run"_s, seconds},
        {u"runs"_s, runs},
        {u"baseline"_s, QJsonObject{{u"bare_durable_commits_per_s"_s, bare},
                                    {u"bare_before_and_after"_s, QJsonArray{bareBefore, bareAfter}},
                                    {u"sqlite_durable_commit"_s, sqliteCommit(500)},
                                    {u"sha256_1KiB"_s, sha256(20000)}}},
        {u"targets"_s,
         QJsonObject{{u"at_16_submitters_ratio_to_bare_at_least"_s, 2}, {u"at_16_submitters_per_s_at_least"_s, 5000}}},
    };
    if (at16 > 0)
        result.insert(u"ratio_to_bare_at_16"_s, at16 / bare);
    printJson(result);
    return 0;
}

} // namespace cs::bench
