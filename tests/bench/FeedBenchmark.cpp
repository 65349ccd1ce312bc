#include "BenchSupport.h"
#include "GatewayProcess.h"
#include "TestClients.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QWebSocket>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace cs::test;

namespace cs::bench {

// Submit-to-feed latency (one action at a time, to every console) and durable throughput.
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
        QObject::connect(socket.get(), &QWebSocket::textMessageReceived, socket.get(), [&seen, c](const QString &text) {
            const qint64 at = nowNs();
            if (!text.contains(u"action.requested"_s))
                return;
            const QJsonObject event = QJsonDocument::fromJson(text.toUtf8()).object().value(u"event"_s).toObject();
            const int n = event.value(u"payload"_s)
                              .toObject()
                              .value(u"action"_s)
                              .toObject()
                              .value(u"context"_s)
                              .toObject()
                              .value(u"bench_seq"_s)
                              .toInt(-1);
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
        {u"targets"_s,
         QJsonObject{{u"p99_under_us"_s, 5000}, {u"submissions_per_s_at_least"_s, 1000}, {u"ratio_under"_s, 10}}},
    };
    printJson(result);
    return failed == 0 && latency.size() == actions * clients ? 0 : 1;
}

} // namespace cs::bench
