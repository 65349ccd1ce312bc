#include "BenchSupport.h"
#include "GatewayProcess.h"
#include "RawClients.h"
#include "TestClients.h"
#include "TestDatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QCoreApplication>
#include <QTcpSocket>

#include <cstdio>
#include <memory>
#include <utility>

using namespace Qt::StringLiterals;
using namespace cs::test;

namespace cs::bench {

namespace {

// A histogram's _count and _sum in a gateway's /metrics text.
std::pair<double, double> histogramTotals(const QByteArray &metrics, const QByteArray &name)
{
    return {metricValue(metrics, name + "_count").value_or(0), metricValue(metrics, name + "_sum").value_or(0)};
}

double histogramMean(const QByteArray &metrics, const QByteArray &name)
{
    const auto [count, sum] = histogramTotals(metrics, name);
    return count > 0 ? sum / count : 0.0;
}

// `submitters` agents, each with its own connection, submitting one action after another for
// `seconds`; every answer (201) comes once the action is durable.
QJsonObject run(int submitters, int seconds, int replicaCount, bool idempotencyKeys)
{
    const auto replicas = startReplicas(replicaCount);
    if (replicas.empty())
        return {{u"error"_s, u"cannot start the gateway"_s}};
    const auto cpuOfGateways = [&replicas] {
        double cpu = 0;
        for (const auto &replica : replicas)
            cpu += cpuSeconds(replica->processId());
        return cpu;
    };
    const QByteArray body = QJsonDocument(HttpProbe::sampleAction()).toJson(QJsonDocument::Compact);
    const QByteArray request =
        "POST /v1/actions HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " +
        replicas.front()->dev().agent.token.toUtf8() +
        "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    const QByteArray rest = "\r\n" + body;
    QList<double> latencyUs;
    int created = 0;
    int failed = 0;
    // Each agent submits to one replica, round robin, one action after another.
    std::vector<std::unique_ptr<Agent>> agents;
    agents.reserve(size_t(submitters));
    std::vector<qint64> sentNs(static_cast<size_t>(submitters));
    std::vector<qint64> sent(static_cast<size_t>(submitters));
    bool running = true;
    const auto submit = [&](size_t i) {
        QByteArray whole = request;
        if (idempotencyKeys)
            whole += "Idempotency-Key: agent" + QByteArray::number(qulonglong(i)) + '-' +
                     QByteArray::number(++sent[i]) + "\r\n";
        sentNs[i] = realtimeNs();
        agents[i]->submit(whole + rest);
    };
    for (size_t i = 0; i < size_t(submitters); ++i) {
        agents.push_back(std::make_unique<Agent>(replicas[i % size_t(replicaCount)]->url(), [&, i](bool ok) {
            (ok ? created : failed)++;
            latencyUs.append(double(realtimeNs() - sentNs[i]) / 1000.0);
            if (running)
                submit(i);
        }));
    }
    for (size_t i = 0; i < agents.size(); ++i)
        submit(i);
    // A second to warm up (connections, caches), then the measured span.
    waitUntil([] { return false; }, 1000);
    created = failed = 0;
    latencyUs.clear();
    const double cpuBefore = cpuOfGateways();
    const double benchCpuBefore = cpuSeconds(QCoreApplication::applicationPid());
    const qint64 start = nowNs();
    waitUntil([] { return false; }, seconds * 1000);
    const double wall = double(nowNs() - start) / 1e9;
    const double cpu = cpuOfGateways() - cpuBefore;
    const double benchCpu = cpuSeconds(QCoreApplication::applicationPid()) - benchCpuBefore;
    const int accepted = created;
    QJsonObject metrics =
        QJsonObject{{u"submitters"_s, submitters},
                    {u"durable_submissions_per_s"_s, double(accepted) / wall},
                    {u"answer"_s, summary(latencyUs)},
                    {u"failed"_s, failed},
                    {u"gateway_cpu_us_per_submission"_s, accepted > 0 ? 1e6 * cpu / double(accepted) : 0.0},
                    {u"agents_cpu_us_per_submission"_s, accepted > 0 ? 1e6 * benchCpu / double(accepted) : 0.0}};
    // How the first replica grouped them: writes per transaction, commits per sync.
    const QJsonObject grouping = storeGrouping(*replicas.front());
    for (const QString &key : {u"writes_per_transaction"_s, u"commits_per_sync"_s})
        metrics.insert(key, grouping.value(key));
    // Connections the gateway closed at their share of requests, and the agents opened again.
    int reconnects = 0;
    for (const auto &agent : agents)
        reconnects += agent->reconnects();
    metrics.insert(u"reconnects"_s, reconnects);
    running = false;
    waitUntil([&] { return std::all_of(agents.cbegin(), agents.cend(), [](const auto &a) { return a->idle(); }); },
              5000);
    return metrics;
}

} // namespace

QJsonObject storeGrouping(GatewayProcess &gateway)
{
    const QByteArray text = HttpProbe(gateway.url()).get(u"/v1/metrics"_s, gateway.dev().auditor.token).raw;
    const auto [syncs, syncMs] = histogramTotals(text, "countersign_store_sync_milliseconds");
    return {{u"transactions"_s, histogramTotals(text, "countersign_store_writes_per_transaction").first},
            {u"writes_per_transaction"_s, histogramMean(text, "countersign_store_writes_per_transaction")},
            {u"syncs"_s, syncs},
            {u"commits_per_sync"_s, histogramMean(text, "countersign_store_commits_per_sync")},
            {u"sync_ms_mean"_s, syncs > 0 ? syncMs / syncs : 0.0}};
}

// Durable submissions per second with 1, 4, 16 and 64 agents at once, with group commit, beside
// the bare one-row-per-commit rate of the same store in the same run: SQLite, or PostgreSQL under
// tests/support/with-postgresql.sh, there through one or more replicas.
int scaleBenchmark(const QList<int> &submitters, int seconds, int replicas, bool idempotencyKeys)
{
    const double bareBefore = bareCommitsPerSecond(3);
    QJsonArray runs;
    double at16 = 0;
    for (int count : submitters) {
        const QJsonObject measured = run(count, seconds, replicas, idempotencyKeys);
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
        {u"idempotency_keys"_s, idempotencyKeys},
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
