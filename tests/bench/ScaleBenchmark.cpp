#include "BenchSupport.h"
#include "GatewayProcess.h"
#include "TestClients.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;
using namespace cs::test;

namespace cs::bench {

namespace {

// The bare rate: one row per transaction, each committed with its own fsync (synchronous = FULL),
// as fast as one thread can, in a directory beside the gateway's.
double bareCommitsPerSecond(int seconds)
{
    QTemporaryDir dir;
    int commits = 0;
    double elapsed = 0;
    {
        QSqlDatabase db = openBareDatabase(u"bare"_s, dir.filePath(u"bare.sqlite"_s));
        QSqlQuery query(db);
        query.prepare(u"INSERT INTO t (body) VALUES (?)"_s);
        const QString body = QString(1500, u'x'); // about an event and an action's row
        const qint64 start = nowNs();
        while (nowNs() - start < qint64(seconds) * 1'000'000'000) {
            db.transaction();
            query.addBindValue(body);
            query.exec();
            db.commit();
            ++commits;
        }
        elapsed = double(nowNs() - start) / 1e9;
        query = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"bare"_s);
    return double(commits) / elapsed;
}

// `submitters` agents, each with its own connection, submitting one action after another for
// `seconds`; every answer (201) comes once the action is durable.
QJsonObject run(int submitters, int seconds)
{
    GatewayProcess gateway;
    if (!gateway.startDev())
        return {{u"error"_s, u"cannot start the gateway"_s}};
    const QUrl url(u"http://127.0.0.1:%1/v1/actions"_s.arg(gateway.port()));
    const QByteArray authorization = "Bearer " + gateway.dev().agent.token.toUtf8();
    const QByteArray body = QJsonDocument(HttpProbe::sampleAction()).toJson(QJsonDocument::Compact);
    QList<double> latencyUs;
    int created = 0;
    int failed = 0;
    bool running = true;
    std::function<void(QNetworkAccessManager *)> submit = [&](QNetworkAccessManager *manager) {
        QNetworkRequest request(url);
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
        submit(managers.back().get());
    }
    // A second to warm up (connections, caches), then the measured span.
    waitUntil([] { return false; }, 1000);
    created = failed = 0;
    latencyUs.clear();
    const double cpuBefore = cpuSeconds(gateway.processId());
    const qint64 start = nowNs();
    waitUntil([] { return false; }, seconds * 1000);
    const double wall = double(nowNs() - start) / 1e9;
    const double cpu = cpuSeconds(gateway.processId()) - cpuBefore;
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

// Durable submissions per second with 1, 4, 16 and 64 agents at once, on SQLite with group
// commit, beside the bare one-row-per-commit rate of the same disk in the same run.
int scaleBenchmark(const QList<int> &submitters, int seconds)
{
    const double bareBefore = bareCommitsPerSecond(3);
    QJsonArray runs;
    double at16 = 0;
    for (int count : submitters) {
        const QJsonObject measured = run(count, seconds);
        if (count == 16)
            at16 = measured[u"durable_submissions_per_s"_s].toDouble();
        runs.append(measured);
    }
    const double bareAfter = bareCommitsPerSecond(3);
    const double bare = (bareBefore + bareAfter) / 2;
    QJsonObject result{
        {u"benchmark"_s, u"scale"_s},
        {u"store"_s, u"sqlite"_s},
        {u"seconds_per_run"_s, seconds},
        {u"runs"_s, runs},
        {u"baseline"_s, QJsonObject{{u"sqlite_bare_full_commits_per_s"_s, bare},
                                    {u"sqlite_bare_before_and_after"_s, QJsonArray{bareBefore, bareAfter}},
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
