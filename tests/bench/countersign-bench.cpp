// countersign-bench: measures Countersign against the bare machine in the same run, and prints JSON.
//   countersign-bench feed [--actions N] [--clients N] [--concurrency N]
#include "GatewayProcess.h"
#include "TestClients.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

namespace {

QElapsedTimer g_clock;

qint64 nowNs()
{
    return g_clock.nsecsElapsed();
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype index = std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size())));
    return values.at(index);
}

QJsonObject summary(const QList<double> &micros)
{
    return {{u"p50_us"_s, percentile(micros, 0.50)}, {u"p99_us"_s, percentile(micros, 0.99)},
            {u"samples"_s, micros.size()}};
}

// Runs the event loop until `done` holds. Blocks in processEvents(WaitForMoreEvents) rather than
// polling with sleeps (as QTest::qWaitFor does), so a measurement is not rounded up to a tick.
bool waitUntil(const std::function<bool()> &done, int timeoutMs = 60000)
{
    QDeadlineTimer deadline(timeoutMs);
    QTimer wakeUp; // bounds each blocking wait so the deadline is noticed
    wakeUp.start(100);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

// Baseline: a bare QWebSocket echo round trip on this machine, in this process.
QJsonObject websocketEcho(int rounds)
{
    QWebSocketServer server(u"echo"_s, QWebSocketServer::NonSecureMode);
    server.listen(QHostAddress::LocalHost);
    QObject::connect(&server, &QWebSocketServer::newConnection, &server, [&server] {
        QWebSocket *peer = server.nextPendingConnection();
        QObject::connect(peer, &QWebSocket::textMessageReceived, peer,
                         [peer](const QString &text) { peer->sendTextMessage(text); });
    });
    QWebSocket client;
    int received = 0;
    QObject::connect(&client, &QWebSocket::textMessageReceived, &client, [&received] { ++received; });
    client.open(QUrl(u"ws://127.0.0.1:%1"_s.arg(server.serverPort())));
    waitUntil([&] { return client.state() == QAbstractSocket::ConnectedState; });
    const QString payload = QString(300, u'x');
    QList<double> micros;
    for (int i = 0; i < rounds; ++i) {
        const qint64 start = nowNs();
        client.sendTextMessage(payload);
        waitUntil([&] { return received > i; });
        micros.append(double(nowNs() - start) / 1000.0);
    }
    return summary(micros);
}

// Baseline: one durable SQLite commit (WAL, synchronous=FULL), as the gateway does per action.
QJsonObject sqliteCommit(int rounds)
{
    QTemporaryDir dir;
    QList<double> micros;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bench"_s);
        db.setDatabaseName(dir.filePath(u"bench.sqlite"_s));
        db.open();
        QSqlQuery query(db);
        query.exec(u"PRAGMA journal_mode = WAL"_s);
        query.exec(u"PRAGMA synchronous = FULL"_s);
        query.exec(u"CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)"_s);
        const QString body = QString(600, u'x');
        for (int i = 0; i < rounds; ++i) {
            const qint64 start = nowNs();
            db.transaction();
            query.prepare(u"INSERT INTO t (body) VALUES (?)"_s);
            query.addBindValue(body);
            query.exec();
            db.commit();
            micros.append(double(nowNs() - start) / 1000.0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"bench"_s);
    return summary(micros);
}

// Baseline: SHA-256 of a 1 KiB request body.
QJsonObject sha256(int rounds)
{
    const QByteArray data(1024, 'a');
    const qint64 start = nowNs();
    QByteArray digest;
    for (int i = 0; i < rounds; ++i)
        digest = QCryptographicHash::hash(QByteArray(data + digest), QCryptographicHash::Sha256);
    return {{u"per_op_us"_s, double(nowNs() - start) / 1000.0 / rounds}};
}

int feedBenchmark(int actions, int clients, int concurrency)
{
    GatewayProcess gateway;
    if (!gateway.startDev()) {
        std::fprintf(stderr, "countersign-bench: cannot start the gateway\n");
        return 2;
    }
    // Feed clients: each records when it saw each action (by its bench sequence number).
    QList<std::shared_ptr<QWebSocket>> sockets;
    QList<QHash<int, qint64>> seen(clients);
    for (int c = 0; c < clients; ++c) {
        auto socket = std::make_shared<QWebSocket>();
        QObject::connect(socket.get(), &QWebSocket::textMessageReceived, socket.get(),
                         [&seen, c](const QString &text) {
                             const qint64 at = nowNs();
                             if (!text.contains(u"action.requested"_s))
                                 return;
                             const QJsonObject event =
                                 QJsonDocument::fromJson(text.toUtf8()).object().value(u"event"_s).toObject();
                             const int n = event.value(u"payload"_s).toObject().value(u"action"_s).toObject().value(
                                 u"context"_s).toObject().value(u"bench_seq"_s).toInt(-1);
                             seen[c].insert(n, at);
                         });
        QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/v1/feed"_s.arg(gateway.port())));
        request.setRawHeader("Authorization", "Bearer " + gateway.dev().approver.token.toUtf8());
        socket->open(request);
        sockets.append(socket);
    }
    waitUntil([&] {
        return std::all_of(sockets.cbegin(), sockets.cend(),
                           [](const auto &s) { return s->state() == QAbstractSocket::ConnectedState; });
    });

    QNetworkAccessManager network;
    QHash<int, qint64> sentAt;
    int created = 0;
    int failed = 0;
    const auto send = [&](int n) {
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/v1/actions"_s.arg(gateway.port())));
        request.setRawHeader("Authorization", "Bearer " + gateway.dev().agent.token.toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        const QJsonObject body = HttpProbe::sampleAction({{u"context"_s, QJsonObject{{u"bench_seq"_s, n}}}});
        sentAt.insert(n, nowNs());
        QNetworkReply *reply = network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QObject::connect(reply, &QNetworkReply::finished, reply, [reply, &created, &failed] {
            (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 201 ? created : failed)++;
            reply->deleteLater();
        });
    };
    const auto allSeen = [&](int n) {
        return std::all_of(seen.cbegin(), seen.cend(), [n](const auto &s) { return s.contains(n); });
    };

    // Latency: one action at a time, from the agent's POST to each console's receipt.
    QList<double> latency;
    for (int n = 0; n < actions; ++n) {
        send(n);
        if (!waitUntil([&] { return allSeen(n); }, 10000))
            break;
        for (const auto &s : seen)
            latency.append(double(s.value(n) - sentAt.value(n)) / 1000.0);
    }
    waitUntil([&] { return created + failed >= actions; });

    // Throughput: `concurrency` submissions in flight, each answered only once durable.
    const int base = actions;
    created = 0;
    failed = 0;
    const qint64 start = nowNs();
    int next = base;
    const auto pump = [&] {
        while (next < base + actions && (next - base) - (created + failed) < concurrency)
            send(next++);
        return created + failed >= actions;
    };
    waitUntil(pump, 120000);
    const double seconds = double(nowNs() - start) / 1e9;
    waitUntil([&] { return allSeen(base + actions - 1); }, 20000);

    const QJsonObject echo = websocketEcho(2000);
    const QJsonObject submitToFeed = summary(latency);
    const double ratioP50 = submitToFeed[u"p50_us"_s].toDouble() / echo[u"p50_us"_s].toDouble();
    const double ratioP99 = submitToFeed[u"p99_us"_s].toDouble() / echo[u"p99_us"_s].toDouble();
    const QJsonObject result{
        {u"benchmark"_s, u"feed"_s},
        {u"actions"_s, actions},
        {u"feed_clients"_s, clients},
        {u"submit_to_feed"_s, submitToFeed},
        {u"throughput"_s, QJsonObject{{u"concurrency"_s, concurrency},
                                      {u"durable_submissions_per_s"_s, double(created) / seconds},
                                      {u"failed"_s, failed}}},
        {u"baseline"_s, QJsonObject{{u"websocket_echo_round_trip"_s, echo},
                                    {u"sqlite_durable_commit"_s, sqliteCommit(500)},
                                    {u"sha256_1KiB"_s, sha256(20000)}}},
        {u"ratio_to_echo"_s, QJsonObject{{u"p50"_s, ratioP50}, {u"p99"_s, ratioP99}}},
        {u"targets"_s, QJsonObject{{u"p99_under_us"_s, 5000}, {u"submissions_per_s_at_least"_s, 1000},
                                   {u"ratio_under"_s, 10}}},
    };
    std::puts(QJsonDocument(result).toJson(QJsonDocument::Indented).constData());
    return failed == 0 && latency.size() == actions * clients ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    g_clock.start();
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Countersign benchmarks; each prints JSON with its bare baseline."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"benchmark"_s, u"feed"_s);
    parser.addOption({u"actions"_s, u"Actions to submit per phase."_s, u"N"_s, u"2000"_s});
    parser.addOption({u"clients"_s, u"Feed clients."_s, u"N"_s, u"5"_s});
    parser.addOption({u"concurrency"_s, u"Submissions in flight in the throughput phase."_s, u"N"_s, u"16"_s});
    parser.process(app);
    if (parser.positionalArguments().value(0) != u"feed") {
        std::fputs("usage: countersign-bench feed [--actions N] [--clients N] [--concurrency N]\n", stderr);
        return 2;
    }
    return feedBenchmark(parser.value(u"actions"_s).toInt(), parser.value(u"clients"_s).toInt(),
                         parser.value(u"concurrency"_s).toInt());
}
