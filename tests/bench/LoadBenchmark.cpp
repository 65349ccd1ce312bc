#include "BenchSupport.h"
#include "GatewayProcess.h"
#include "RawClients.h"
#include "TestClients.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryFile>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace cs::test;

namespace cs::bench {

namespace {

// The integer that starts `skip` bytes after `at` in `text`.
qint64 numberAfter(const QByteArray &text, qsizetype at, qsizetype skip)
{
    qint64 value = 0;
    for (qsizetype i = at + skip; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
        value = value * 10 + (text[i] - '0');
    return value;
}

// One console on the feed: every event's seq in the order received, and when each bench action
// arrived at its socket.
struct Console
{
    QList<qint64> seqs;
    QHash<int, qint64> arrivedAt; // bench_seq -> realtime ns
    // 100 consoles read 50,000 messages a second at 500 submissions/s: a JSON parse of each would
    // make this process, not the gateway, what the latency measures. An event is canonical JSON
    // ending with …,"seq":N,"time":…,"type":"event"},"type":"event"}.
    FeedReader reader{[this](const QByteArray &text, qint64 arrivedNs) {
        if (!text.endsWith(R"("type":"event"})"))
            return;
        seqs.append(numberAfter(text, text.lastIndexOf(R"("seq":)"), 6));
        const qsizetype bench = text.indexOf(R"("bench_seq":)");
        if (bench >= 0)
            arrivedAt.insert(int(numberAfter(text, bench, 12)), arrivedNs);
    }};

    // Every event once, in order, with no gap.
    bool inOrder() const
    {
        for (qsizetype i = 1; i < seqs.size(); ++i) {
            if (seqs[i] != seqs[i - 1] + 1)
                return false;
        }
        return true;
    }
};

} // namespace

// 100 consoles on the feed while agents submit as fast as the gateway takes them (or at `rate`
// per second); then 1,000 idle feed connections. With `replicas`, consoles and submissions are
// spread over that many gateways on one PostgreSQL store. Loopback only, bounded in time.
int loadBenchmark(int clients, int seconds, int idleConnections, int replicaCount, int rate)
{
    // Room for the idle connections here and in the gateway (which inherits the limit).
    rlimit files{};
    getrlimit(RLIMIT_NOFILE, &files);
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);

    QTemporaryFile config;
    config.open();
    config.write("limits:\n  max_connections_per_address: " + QByteArray::number(idleConnections + clients + 100) +
                 "\n  max_connections: " + QByteArray::number(idleConnections + clients + 200) + "\n");
    config.flush();
    const auto replicas = startReplicas(std::max(1, replicaCount), {u"--config"_s, config.fileName()});
    if (replicas.empty())
        return 2;
    GatewayProcess &gateway = *replicas.front();
    const auto gatewaysCpu = [&replicas] {
        double cpu = 0;
        for (const auto &replica : replicas)
            cpu += cpuSeconds(replica->processId());
        return cpu;
    };
    const qint64 pid = gateway.processId();
    const qint64 rssStart = residentKiB(QString::number(pid));

    std::vector<Console> consoles(static_cast<size_t>(clients));
    const QByteArray approver = gateway.dev().approver.token.toUtf8();
    for (size_t i = 0; i < consoles.size(); ++i) {
        if (!consoles[i].reader.open(replicas[i % replicas.size()]->port(), approver)) {
            std::fprintf(stderr, "console %zu could not open the feed\n", i);
            return 2;
        }
    }

    // Agents: 16, each with one submission in flight at most, each submitting to one replica.
    constexpr int kAgents = 16;
    constexpr int kWarmUpMs = 1000;
    QHash<int, qint64> sentAt; // bench_seq -> realtime ns, as its request was written
    int next = 0;
    int answered = 0;
    int created = 0;
    bool submitting = true;
    std::vector<std::unique_ptr<Agent>> agents;
    std::vector<QList<size_t>> idleAgents(replicas.size()); // of each replica
    std::vector<QList<int>> due(replicas.size());           // submissions due with no agent free, of each replica
    const QByteArray head = "POST /v1/actions HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " +
                            gateway.dev().agent.token.toUtf8() + "\r\nContent-Type: application/json\r\n";
    const auto submit = [&](size_t agent, int n) {
        const QByteArray body =
            QJsonDocument(HttpProbe::sampleAction({{u"context"_s, QJsonObject{{u"bench_seq"_s, n}}}}))
                .toJson(QJsonDocument::Compact);
        sentAt.insert(n, realtimeNs());
        agents[agent]->submit(head + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    };
    // Submission n goes to replica n % replicas, on one of its agents that is free, or once one is.
    const auto send = [&](int n) {
        const size_t replica = size_t(n) % replicas.size();
        if (idleAgents[replica].isEmpty())
            due[replica].append(n);
        else
            submit(idleAgents[replica].takeLast(), n);
    };
    for (size_t i = 0; i < kAgents; ++i) {
        const size_t replica = i % replicas.size();
        agents.push_back(std::make_unique<Agent>(replicas[replica]->url(), [&, i, replica](bool ok) {
            ++answered;
            created += ok ? 1 : 0;
            if (!due[replica].isEmpty()) {
                submit(i, due[replica].takeFirst());
                return;
            }
            idleAgents[replica].append(i);
            if (submitting && rate <= 0) // as many in flight as there are agents
                send(next++);
        }));
        idleAgents[replica].append(i);
    }
    // At a rate: a tick every 10 ms sends what is due by then, however many are in flight.
    const qint64 paceStart = nowNs();
    QTimer pace;
    pace.setTimerType(Qt::PreciseTimer);
    QObject::connect(&pace, &QTimer::timeout, &pace, [&] {
        const qint64 dueBy = (nowNs() - paceStart) * rate / 1'000'000'000;
        while (submitting && next < dueBy)
            send(next++);
    });
    if (rate > 0)
        pace.start(10);
    else
        for (int i = 0; i < kAgents; ++i)
            send(next++);
    // A second of warm-up, not measured: the agents connect, each replica's sync makes its
    // connection, the server plans the statements. Its events are still checked on every console.
    waitUntil([] { return false; }, kWarmUpMs);
    const int firstMeasured = next;
    const int createdInWarmUp = created;
    const double cpuBefore = gatewaysCpu();
    const qint64 start = nowNs();
    qint64 rssPeak = rssStart;
    waitUntil(
        [&] {
            rssPeak = std::max(rssPeak, residentKiB(QString::number(pid)));
            return nowNs() - start > qint64(seconds) * 1000000000;
        },
        (seconds + 10) * 1000);
    submitting = false;
    pace.stop();
    waitUntil([&] { return answered >= next; }, 30000);
    const double wall = double(nowNs() - start) / 1e9;
    const double cpu = gatewaysCpu() - cpuBefore;
    waitUntil(
        [&] {
            return std::all_of(consoles.cbegin(), consoles.cend(),
                               [&](const Console &c) { return c.arrivedAt.size() >= created; });
        },
        60000);

    QList<double> latency;
    // With replicas, apart: consoles on the replica an action was submitted to, and on the others.
    QList<double> sameReplica;
    QList<double> otherReplica;
    int complete = 0;
    int inOrder = 0;
    for (size_t i = 0; i < consoles.size(); ++i) {
        const Console &console = consoles[i];
        inOrder += console.inOrder();
        if (console.inOrder() && console.arrivedAt.size() == created)
            ++complete;
        for (auto it = console.arrivedAt.cbegin(); it != console.arrivedAt.cend(); ++it) {
            if (it.key() < firstMeasured)
                continue;
            const double us = double(it.value() - sentAt.value(it.key())) / 1000.0;
            latency.append(us);
            (size_t(it.key()) % replicas.size() == i % replicas.size() ? sameReplica : otherReplica).append(us);
        }
    }
    const qint64 rssAfterLoad = residentKiB(QString::number(pid));
    QJsonArray grouping; // of each replica: its own writes, and the syncs it made for them and the others'
    for (const auto &replica : replicas)
        grouping.append(storeGrouping(*replica));
    consoles.clear();
    waitUntil([] { return false; }, 1000); // let the gateway close them

    // Idle feed connections: what each costs the gateway, on a fresh one with an empty queue (the
    // snapshot each connection is sent otherwise dominates).
    GatewayProcess quiet;
    if (!quiet.startDevWith({u"--config"_s, config.fileName()}))
        return 2;
    const QString quietPid = QString::number(quiet.processId());
    const qint64 rssIdleBefore = residentKiB(quietPid);
    std::vector<Console> idle(static_cast<size_t>(idleConnections));
    const QByteArray quietApprover = quiet.dev().approver.token.toUtf8();
    for (Console &console : idle)
        console.reader.open(quiet.port(), quietApprover);
    waitUntil([] { return false; }, 1000);
    const qint64 rssIdleAfter = residentKiB(quietPid);
    const auto connected =
        std::count_if(idle.cbegin(), idle.cend(), [](const Console &c) { return c.reader.isOpen(); });

    const QJsonObject result{
        {u"benchmark"_s, u"load"_s},
        {u"feed_clients"_s, clients},
        {u"store"_s, gateway.storageUrl().isEmpty() ? u"sqlite"_s : u"postgresql"_s},
        {u"replicas"_s, int(replicas.size())},
        {u"seconds"_s, wall},
        {u"warm_up_seconds"_s, kWarmUpMs / 1000.0},
        {u"submissions"_s, QJsonObject{{u"accepted"_s, created},
                                       {u"refused"_s, answered - created},
                                       {u"per_s"_s, double(created - createdInWarmUp) / wall},
                                       {u"in_flight"_s, rate > 0 ? QJsonValue(u"paced"_s) : QJsonValue(kAgents)},
                                       {u"rate_asked_per_s"_s, rate}}},
        {u"submit_to_feed_across_clients"_s, summary(latency)},
        {u"submit_to_feed_on_the_replica_submitted_to"_s, summary(sameReplica)},
        {u"submit_to_feed_on_other_replicas"_s, summary(otherReplica)},
        {u"store_grouping_of_each_replica"_s, grouping},
        {u"clients_with_every_event_once_in_order"_s, complete},
        {u"clients_in_order"_s, inOrder},
        {u"gateway"_s, QJsonObject{{u"rss_start_kib"_s, rssStart},
                                   {u"rss_peak_kib"_s, rssPeak},
                                   {u"rss_after_kib"_s, rssAfterLoad},
                                   {u"cpu_percent_of_one_core_all_replicas"_s, 100.0 * cpu / wall}}},
        {u"idle_feed_connections"_s,
         QJsonObject{
             {u"opened"_s, idleConnections},
             {u"connected"_s, qint64(connected)},
             {u"rss_before_kib"_s, rssIdleBefore},
             {u"rss_after_kib"_s, rssIdleAfter},
             {u"kib_per_connection"_s, double(rssIdleAfter - rssIdleBefore) / double(std::max<qint64>(1, connected))}}},
        {u"baseline"_s, QJsonObject{{u"websocket_echo_round_trip"_s, websocketEcho(2000)},
                                    {u"sqlite_durable_commit"_s, sqliteCommit(300)},
                                    {u"sha256_1KiB"_s, sha256(20000)}}},
    };
    printJson(result);
    return complete == clients && connected == idleConnections ? 0 : 1;
}

} // namespace cs::bench
