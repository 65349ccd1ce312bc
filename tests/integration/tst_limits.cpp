#include "GatewayProcess.h"
#include "TestClients.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <atomic>
#include <memory>
#include <thread>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// Every limit of issue 11 against the real gateway process, tried as an attacker would, each
// with a well-behaved client served meanwhile and the gateway's memory (VmRSS) reported before and
// after. The limits are set low in the configuration so that the attacks stay small and quick.
// Timings are printed, never asserted (CI machines are noisy).
class TestLimits : public QObject
{
    Q_OBJECT

    GatewayProcess m_gateway;
    TestPrincipal m_agent = GatewayProcess::principal(u"agent"_s, Role::Agent);
    TestPrincipal m_approver = GatewayProcess::principal(u"alice"_s, Role::Approver);

    qint64 rssKiB() const
    {
        QFile status(u"/proc/%1/status"_s.arg(m_gateway.processId()));
        if (!status.open(QIODevice::ReadOnly))
            return -1;
        static const QRegularExpression rss(u"VmRSS:\\s+(\\d+)"_s);
        return rss.match(QString::fromLatin1(status.readAll())).captured(1).toLongLong();
    }

    // A normal client: GET /healthz on a fresh connection; its latency in ms, or -1 if not served.
    qint64 healthzMs()
    {
        QElapsedTimer timer;
        timer.start();
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_gateway.port());
        if (!socket.waitForConnected(5000))
            return -1;
        socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray answer;
        // Until the whole (small, one-line JSON) answer is in: its body ends with '}'.
        while (!answer.endsWith('}') && socket.waitForReadyRead(5000))
            answer += socket.readAll();
        return answer.startsWith("HTTP/1.1 200") ? timer.elapsed() : -1;
    }

    qint64 refusals(const QString &code)
    {
        const HttpResult metrics = HttpProbe(m_gateway.url()).get(u"/v1/metrics"_s, m_approver.token);
        const QRegularExpression line(u"countersign_refusals_total\\{code=\"%1\"\\} (\\d+)"_s.arg(code));
        return line.match(QString::fromUtf8(metrics.raw)).captured(1).toLongLong();
    }

    std::unique_ptr<QTcpSocket> connectFrom(const QHostAddress &from)
    {
        auto socket = std::make_unique<QTcpSocket>();
        socket->bind(from);
        socket->connectToHost(QHostAddress::LocalHost, m_gateway.port());
        return socket->waitForConnected(5000) ? std::move(socket) : nullptr;
    }

    static int status(const QByteArray &answer) { return answer.mid(9, 3).toInt(); }
    static QString code(const QByteArray &answer)
    {
        return QJsonDocument::fromJson(answer.mid(answer.indexOf("\r\n\r\n") + 4))
            .object()[u"error"_s][u"code"_s]
            .toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QByteArray limits = "limits:\n"
                                  "  max_body_bytes: 262144\n"
                                  "  max_header_bytes: 8192\n"
                                  "  max_headers: 50\n"
                                  "  header_timeout_seconds: 1\n"
                                  "  body_timeout_seconds: 1\n"
                                  "  idle_timeout_seconds: 2\n"
                                  "  max_requests_per_connection: 5\n"
                                  "  max_connections_per_address: 250\n"
                                  "  feed_max_message_bytes: 65536\n"
                                  "  feed_messages_per_second: 5\n"
                                  "  feed_max_send_buffer_bytes: 262144\n";
        QVERIFY(m_gateway.startWithConfig({m_agent, m_approver}, limits));
        QVERIFY(healthzMs() >= 0);
    }

    void announcedBodyOverTheLimit_isRefusedBeforeItIsRead()
    {
        const qint64 before = rssKiB();
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_gateway.port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /v1/actions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Content-Length: 104857600\r\n\r\n");
        // Keep sending the announced 100 MiB while the gateway answers and closes.
        const QByteArray chunk(1024 * 1024, 'a');
        QByteArray answer;
        qint64 sent = 0;
        while (socket.state() == QAbstractSocket::ConnectedState && sent < 100 * chunk.size()) {
            sent += socket.write(chunk);
            socket.waitForBytesWritten(200);
            answer += socket.readAll();
        }
        socket.waitForReadyRead(1000);
        answer += socket.readAll();
        const qint64 after = rssKiB();
        qInfo("100 MiB announced: %lld MiB sent before the close, gateway RSS %lld -> %lld KiB", sent >> 20, before,
              after);
        QCOMPARE(status(answer), 413);
        QCOMPARE(code(answer), u"payload_too_large"_s);
        QVERIFY(sent < 100 * chunk.size()); // the connection was closed long before
        QVERIFY2(after - before < 32 * 1024, "the gateway read the body into memory");
        QVERIFY(healthzMs() >= 0);
    }

    void chunkedBodyOverTheLimit_isRefusedAsItArrives()
    {
        QByteArray request = "POST /v1/actions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (int i = 0; i < 5; ++i)
            request += "10000\r\n" + QByteArray(0x10000, 'a') + "\r\n"; // 5 x 64 KiB > 256 KiB
        const QByteArray answer = rawExchange(m_gateway.port(), request);
        QCOMPARE(status(answer), 413);
        QCOMPARE(code(answer), u"payload_too_large"_s);
    }

    void headersOverTheLimits_get431()
    {
        QByteArray answer =
            rawExchange(m_gateway.port(), "GET /healthz HTTP/1.1\r\nX-Big: " + QByteArray(64 * 1024, 'a') + "\r\n\r\n");
        QCOMPARE(status(answer), 431);
        QCOMPARE(code(answer), u"headers_too_large"_s);
        QByteArray many = "GET /healthz HTTP/1.1\r\n";
        for (int i = 0; i < 60; ++i)
            many += "X-" + QByteArray::number(i) + ": y\r\n";
        answer = rawExchange(m_gateway.port(), many + "\r\n");
        QCOMPARE(status(answer), 431);
        QVERIFY(refusals(u"headers_too_large"_s) >= 2);
    }

    void slowloris_isCutAtTheHeaderTimeout_andOthersAreServed()
    {
        const qint64 before = rssKiB();
        qint64 quiet = 0; // a normal client's worst latency before the attack, to compare
        for (int i = 0; i < 10; ++i)
            quiet = std::max(quiet, healthzMs());
        std::vector<std::unique_ptr<QTcpSocket>> dribblers;
        for (int i = 0; i < 200; ++i) {
            auto socket = connectFrom(QHostAddress(u"127.0.0.2"_s));
            QVERIFY(socket);
            socket->write("GET /healthz HTTP/1.1\r\nX-Slow: ");
            dribblers.push_back(std::move(socket));
        }
        QElapsedTimer attack;
        attack.start();
        qint64 worst = 0;
        while (attack.elapsed() < 3000) {
            for (auto &socket : dribblers) {
                if (socket->state() == QAbstractSocket::ConnectedState)
                    socket->write("a");
            }
            const qint64 latency = healthzMs();
            QVERIFY2(latency >= 0, "a normal client was not served during the attack");
            worst = std::max(worst, latency);
            QTest::qWait(100);
        }
        int closed = 0;
        for (auto &socket : dribblers) {
            socket->waitForReadyRead(10);
            const QByteArray answer = socket->readAll();
            if (socket->state() != QAbstractSocket::ConnectedState || status(answer) == 408)
                ++closed;
        }
        qInfo("slowloris: 200 dribbling connections, a normal client's worst latency %lld ms (%lld ms before the "
              "attack), %d cut; RSS %lld -> %lld KiB",
              worst, quiet, closed, before, rssKiB());
        QCOMPARE(closed, 200);
        QVERIFY(refusals(u"request_timeout"_s) >= 1);
    }

    void connectionsPerAddress_areBounded()
    {
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < 260; ++i) {
            auto socket = connectFrom(QHostAddress(u"127.0.0.4"_s));
            QVERIFY(socket);
            sockets.push_back(std::move(socket));
        }
        QTest::qWait(300);
        int refused = 0;
        for (auto &socket : sockets) {
            socket->waitForReadyRead(5);
            const QByteArray answer = socket->readAll();
            if (status(answer) == 503 && code(answer) == u"too_many_connections"_s)
                ++refused;
        }
        QCOMPARE(refused, 10);
        QVERIFY(healthzMs() >= 0); // another address is served
    }

    void idleAndWornOutConnections_areClosed()
    {
        QTcpSocket idle;
        idle.connectToHost(QHostAddress::LocalHost, m_gateway.port());
        QVERIFY(idle.waitForConnected(5000));
        idle.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(idle.waitForReadyRead(5000));
        idle.readAll();
        QTRY_COMPARE_WITH_TIMEOUT(idle.state(), QAbstractSocket::UnconnectedState, 6000);

        QTcpSocket reused;
        reused.connectToHost(QHostAddress::LocalHost, m_gateway.port());
        QVERIFY(reused.waitForConnected(5000));
        for (int i = 0; i < 5; ++i) {
            reused.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            QVERIFY(reused.waitForReadyRead(5000));
            QVERIFY(reused.readAll().startsWith("HTTP/1.1 200"));
        }
        // Its fifth answer was its last: closed well before the idle timeout.
        QElapsedTimer closing;
        closing.start();
        QTRY_COMPARE_WITH_TIMEOUT(reused.state(), QAbstractSocket::UnconnectedState, 6000);
        qInfo("a connection closed %lld ms after its fifth request", closing.elapsed());
    }

    void feedFramesAndMessagesOverTheLimit_closeTheSocket()
    {
        const qint64 before = rssKiB();
        FeedProbe bigFrame;
        QVERIFY(bigFrame.open(m_gateway.url(), m_approver.token));
        QSignalSpy closed(&bigFrame.socket(), &QWebSocket::disconnected);
        bigFrame.sendRaw(QString(4 * 1024 * 1024, u'a')); // 512 KiB frames
        QVERIFY(closed.wait(10000));
        QCOMPARE(bigFrame.socket().closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);

        FeedProbe bigMessage;
        QVERIFY(bigMessage.open(m_gateway.url(), m_approver.token));
        bigMessage.socket().setOutgoingFrameSize(16 * 1024);
        QSignalSpy closedToo(&bigMessage.socket(), &QWebSocket::disconnected);
        bigMessage.sendRaw(QString(200 * 1024, u'a')); // small frames, too large a message
        QVERIFY(closedToo.wait(10000));
        QCOMPARE(bigMessage.socket().closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
        qInfo("4 MiB websocket message: gateway RSS %lld -> %lld KiB", before, rssKiB());
        QVERIFY(rssKiB() - before < 32 * 1024);
    }

    void feedMessagesPerSecond_areLimited()
    {
        FeedProbe chatty;
        QVERIFY(chatty.open(m_gateway.url(), m_approver.token));
        chatty.waitFor(u"snapshot"_s);
        const int from = int(chatty.messages().size());
        for (int i = 0; i < 40; ++i)
            chatty.send(
                {{u"type"_s, u"audit"_s}, {u"after"_s, 0}, {u"limit"_s, 1}, {u"request_id"_s, QString::number(i)}});
        const QJsonObject limited = chatty.waitForMessage(
            [](const QJsonObject &message) {
                return message[u"type"_s] == u"error"_s && message[u"error"_s][u"code"_s] == u"rate_limited"_s;
            },
            from, 5000, u"a rate_limited error"_s);
        QVERIFY(!limited.isEmpty());
        QCOMPARE(chatty.socket().state(), QAbstractSocket::ConnectedState);
    }

    void consoleThatStopsReading_isDropped_notBuffered()
    {
        // A websocket that never reads what it is sent.
        QTcpSocket silent;
        silent.connectToHost(QHostAddress::LocalHost, m_gateway.port());
        QVERIFY(silent.waitForConnected(5000));
        silent.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        silent.write("GET /v1/feed HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                     "Authorization: Bearer " +
                     m_approver.token.toUtf8() + "\r\n\r\n");
        QVERIFY(silent.waitForReadyRead(5000));
        QVERIFY(silent.peek(12).startsWith("HTTP/1.1 101"));
        silent.setReadBufferSize(1); // from here on nothing more is read

        const qint64 before = rssKiB();
        const QString command = u"echo "_s + QString(60 * 1024, u'x');
        int submitted = 0;
        while (refusals(u"slow_consumer"_s) == 0 && submitted < 400) {
            // A connection each: this gateway closes one after five requests, and a POST caught
            // by that close would not be sent again by QNetworkAccessManager.
            QVERIFY(!HttpProbe(m_gateway.url()).submit(m_agent.token, {{u"command"_s, command}}).isEmpty());
            ++submitted;
        }
        qInfo("a console that stopped reading was dropped after %d events of 60 KiB; RSS %lld -> %lld KiB", submitted,
              before, rssKiB());
        QCOMPARE(refusals(u"slow_consumer"_s), 1);
        QVERIFY(healthzMs() >= 0);
    }

    void auditPages_oneInFlightPerConnection()
    {
        // Two pages asked on one connection that reads nothing yet: the second is refused until
        // the first was read, never both built into the gateway's memory. The first (about 6 MB of
        // 60 KiB events) is more than the kernel's socket buffers take, so part of it waits in the
        // gateway's.
        const QString command = u"echo "_s + QString(60 * 1024, u'y');
        for (int i = 0; i < 60; ++i)
            QVERIFY(!HttpProbe(m_gateway.url()).submit(m_agent.token, {{u"command"_s, command}}).isEmpty());
        QTcpSocket socket;
        socket.bind(QHostAddress::LocalHost);
        socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        socket.connectToHost(QHostAddress::LocalHost, m_gateway.port());
        QVERIFY(socket.waitForConnected(5000));
        socket.setReadBufferSize(4096);
        const QByteArray page = "GET /v1/audit?after=0&limit=100 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                                m_approver.token.toUtf8() + "\r\n\r\n";
        socket.write(page);
        socket.waitForBytesWritten(1000);
        QTest::qWait(500);
        socket.write(page);
        socket.waitForBytesWritten(1000);
        QTest::qWait(500);
        socket.setReadBufferSize(0);
        socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 1024 * 1024);
        QByteArray answers;
        while (socket.waitForReadyRead(3000))
            answers += socket.readAll();
        QVERIFY(answers.startsWith("HTTP/1.1 200"));
        const qsizetype second = answers.lastIndexOf("HTTP/1.1 429");
        QVERIFY2(second > 0,
                 qPrintable(u"%1 bytes, ending %2"_s.arg(answers.size()).arg(QString::fromUtf8(answers.right(200)))));
        QVERIFY(answers.mid(second).contains("rate_limited"));
    }

    void auditPages_areBuiltOffTheEventLoop()
    {
        // Readers on threads of their own fetch the largest page (the whole log, ~6 MB of 60 KiB
        // events from the test before) over and over on their connections, while a normal client
        // asks /healthz: pages are built on the gateway's page thread, so it is still served.
        const QByteArray request = "GET /v1/audit?after=0&limit=5000 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                                   m_approver.token.toUtf8() + "\r\n\r\n";
        qint64 quiet = 0;
        for (int i = 0; i < 10; ++i)
            quiet = std::max(quiet, healthzMs());
        const qint64 before = rssKiB();
        std::atomic<bool> stop = false;
        std::atomic<int> pages = 0;
        std::atomic<int> failures = 0;
        std::vector<std::thread> readers;
        for (int i = 0; i < 6; ++i) {
            readers.emplace_back([&, port = m_gateway.port()] {
                while (!stop) {
                    // The gateway closes a connection after 5 requests: one connection per page.
                    QTcpSocket socket;
                    socket.connectToHost(QHostAddress::LocalHost, port);
                    socket.waitForConnected(5000);
                    socket.write(request);
                    QByteArray answer;
                    while (!answer.endsWith('}') && socket.waitForReadyRead(30000))
                        answer += socket.readAll();
                    const qsizetype body = answer.indexOf("\r\n\r\n") + 4;
                    const bool whole = answer.startsWith("HTTP/1.1 200") &&
                                       QJsonDocument::fromJson(answer.mid(body)).object().contains(u"head"_s);
                    ++(whole ? pages : failures);
                }
            });
        }
        QElapsedTimer attack;
        attack.start();
        qint64 worst = 0;
        int served = 0;
        while (attack.elapsed() < 4000) {
            const qint64 latency = healthzMs();
            worst = std::max(worst, latency);
            served += latency >= 0 ? 1 : 0;
            QVERIFY2(latency >= 0, "a normal client was not served while pages were built");
            QTest::qWait(50);
        }
        stop = true;
        for (std::thread &reader : readers)
            reader.join();
        qInfo("audit pages: 6 readers got %d whole pages of the log (%d failed) in 4 s; a normal client's worst "
              "latency %lld ms over %d requests (%lld ms before); RSS %lld -> %lld KiB",
              pages.load(), failures.load(), worst, served, quiet, before, rssKiB());
        QVERIFY(pages > 0);
        QCOMPARE(failures.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestLimits)
#include "tst_limits.moc"
