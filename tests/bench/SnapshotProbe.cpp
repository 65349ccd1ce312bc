// The gateway's side of a console's snapshot: how long a feed client waits for it, and how long
// other clients wait meanwhile. Another thread asks GET /healthz on one keep-alive connection
// again and again while the snapshot is built and sent; its slowest answer in that window is how
// long the gateway kept others waiting.
#include "BenchSupport.h"
#include "GatewayProcess.h"

#include <QTcpSocket>
#include <QWebSocket>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace cs::test;

namespace cs::bench {

namespace {

struct Ping
{
    qint64 sentNs = 0;
    double micros = 0;
};

// Until `stop`: GET /healthz, one at a time, each answer read whole (blocking: a thread of its own).
QList<Ping> pingUntil(quint16 port, const std::atomic<bool> &stop)
{
    QList<Ping> pings;
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    if (!socket.waitForConnected(5000))
        return pings;
    while (!stop.load()) {
        const qint64 sent = nowNs();
        socket.write("GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n");
        QByteArray answer;
        // The answer ends with its JSON body's closing brace.
        while (!answer.endsWith('}') && socket.waitForReadyRead(30000))
            answer += socket.readAll();
        if (!answer.endsWith('}'))
            break;
        pings.append({sent, double(nowNs() - sent) / 1000.0});
    }
    return pings;
}

} // namespace

QJsonObject gatewaySnapshot(GatewayProcess &gateway)
{
    std::atomic<bool> stop = false;
    QList<Ping> pings;
    std::thread pinger([&] { pings = pingUntil(gateway.port(), stop); });
    waitUntil([] { return false; }, 300); // the pings' pace before the feed opens

    QWebSocket feed;
    qint64 openedAt = 0;
    qint64 helloAt = 0;
    qint64 snapshotAt = 0;
    qint64 snapshotBytes = 0;
    int pages = 0;
    QObject::connect(&feed, &QWebSocket::textMessageReceived, &feed, [&](const QString &message) {
        if (helloAt == 0) {
            helloAt = nowNs();
            return;
        }
        snapshotBytes += message.toUtf8().size();
        ++pages;
        if (!message.contains(u"\"more\":true"_s)) // the last page
            snapshotAt = nowNs();
    });
    QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/v1/feed"_s.arg(gateway.port())));
    request.setRawHeader("Authorization", "Bearer " + gateway.dev().approver.token.toUtf8());
    openedAt = nowNs();
    feed.open(request);
    waitUntil([&] { return snapshotAt > 0; }, 120000);
    waitUntil([] { return false; }, 300);
    stop = true;
    pinger.join();

    QList<double> before;
    QList<double> during;
    for (const Ping &ping : std::as_const(pings)) {
        if (ping.sentNs < openedAt)
            before.append(ping.micros);
        // Asked before the snapshot was all in: waited on it if the gateway was busy with it.
        else if (ping.sentNs < snapshotAt)
            during.append(ping.micros);
    }
    return {{u"hello_ms"_s, double(helloAt - openedAt) / 1e6},
            {u"snapshot_received_ms"_s, double(snapshotAt - openedAt) / 1e6},
            {u"snapshot_mib"_s, double(snapshotBytes) / (1024.0 * 1024.0)},
            {u"snapshot_pages"_s, pages},
            {u"healthz_before_us"_s, summary(before)},
            {u"healthz_during_snapshot_us"_s, summary(during)},
            {u"healthz_slowest_during_snapshot_ms"_s,
             during.isEmpty() ? 0.0 : *std::max_element(during.cbegin(), during.cend()) / 1000.0}};
}

} // namespace cs::bench
