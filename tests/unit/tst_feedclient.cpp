#include "SampleActions.h"
#include "feed/FeedClient.h"
#include "wire/ActionCodec.h"

#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;
using namespace cs;

// The feed client against a scripted QWebSocketServer: what it does with what it receives.
class TestFeedClient : public QObject
{
    Q_OBJECT

    static QString event(qint64 seq)
    {
        return QString::fromUtf8(FeedMessages::event(
            Event{seq, QDateTime::currentDateTimeUtc(), EventType::ActionExpired, u"gateway"_s, u"a"_s, {}}));
    }

    static QString hello()
    {
        return QString::fromUtf8(
            FeedMessages::hello({1, u"gw"_s, Principal{u"alice"_s, u"Alice"_s, Role::Approver, {}}}));
    }

private Q_SLOTS:
    void events_seenTwice_areDeliveredOnce()
    {
        QWebSocketServer server(u"test"_s, QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        connect(&server, &QWebSocketServer::newConnection, this, [&server] {
            QWebSocket *socket = server.nextPendingConnection();
            socket->sendTextMessage(hello());
            for (qint64 seq : {1, 2, 2, 1, 3})
                socket->sendTextMessage(event(seq));
        });
        FeedClient client;
        QSignalSpy events(&client, &FeedClient::eventReceived);
        client.setEndpoint(QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort())), u"t"_s);
        client.start();
        QTRY_COMPARE(events.size(), 3);
        QTest::qWait(50);
        QCOMPARE(events.size(), 3);
        QCOMPARE(client.lastSeq(), 3);
        QCOMPARE(client.state(), FeedClient::State::Connected);
    }

    // A snapshot in pages is told once, whole, when its last page is in; events follow it.
    void snapshotPages_areToldOnceWhole()
    {
        const QList<QByteArray> texts = cs::test::sampleActionTexts(5);
        QWebSocketServer server(u"test"_s, QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        connect(&server, &QWebSocketServer::newConnection, this, [&server, &texts] {
            QWebSocket *socket = server.nextPendingConnection();
            socket->sendTextMessage(hello());
            for (qsizetype from = 0; from < texts.size(); from += 2)
                socket->sendTextMessage(QString::fromUtf8(FeedMessages::snapshotPage(4, texts, from, 2)));
            socket->sendTextMessage(event(5));
        });
        FeedClient client;
        QList<FeedMessages::Snapshot> snapshots;
        connect(&client, &FeedClient::snapshotReceived, this,
                [&snapshots](const FeedMessages::Snapshot &snapshot) { snapshots.append(snapshot); });
        QSignalSpy events(&client, &FeedClient::eventReceived);
        client.setEndpoint(QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort())), u"t"_s);
        client.start();
        QTRY_COMPARE(events.size(), 1);
        QCOMPARE(snapshots.size(), 1);
        const FeedMessages::Snapshot &snapshot = snapshots.first();
        QCOMPARE(snapshot.seq, 4);
        QCOMPARE(snapshot.actions.size(), 5);
        QCOMPARE(snapshot.actions.last().id, u"a-4"_s);
        QCOMPARE(client.lastSeq(), 5);
    }

    void reconnect_afterDrop_resumesWithSinceSeq()
    {
        QWebSocketServer server(u"test"_s, QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QList<QUrl> requested;
        QList<QByteArray> authorizations;
        connect(&server, &QWebSocketServer::newConnection, this, [&] {
            QWebSocket *socket = server.nextPendingConnection();
            requested.append(socket->requestUrl());
            authorizations.append(socket->request().rawHeader("Authorization"));
            socket->sendTextMessage(hello());
            socket->sendTextMessage(event(requested.size() == 1 ? 7 : 8));
        });
        FeedClient client;
        client.setBackoff(10, 40);
        QSignalSpy events(&client, &FeedClient::eventReceived);
        client.setEndpoint(QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort())), u"secret"_s);
        client.start();
        QTRY_COMPARE(events.size(), 1);
        client.dropConnection();
        QTRY_COMPARE(events.size(), 2);
        QCOMPARE(requested.size(), 2);
        QVERIFY(!requested.first().hasQuery());
        QCOMPARE(requested.last().query(), u"since_seq=7"_s);
        QCOMPARE(authorizations.last(), QByteArray("Bearer secret"));
        QCOMPARE(requested.last().path(), u"/v1/feed"_s);
    }

    void backoff_growsWhileTheGatewayIsDown_andConnectsWhenItReturns()
    {
        QWebSocketServer probe(u"probe"_s, QWebSocketServer::NonSecureMode);
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();

        FeedClient client;
        client.setBackoff(10, 80);
        QSignalSpy states(&client, &FeedClient::stateChanged);
        client.setEndpoint(QUrl(u"http://127.0.0.1:%1"_s.arg(port)), u"t"_s);
        client.start();
        QTRY_VERIFY(client.reconnectAttempts() >= 4);
        QCOMPARE(client.state(), FeedClient::State::Reconnecting);

        QWebSocketServer server(u"test"_s, QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(QHostAddress::LocalHost, port));
        connect(&server, &QWebSocketServer::newConnection, this,
                [&server] { server.nextPendingConnection()->sendTextMessage(hello()); });
        QTRY_COMPARE(client.state(), FeedClient::State::Connected);
        QCOMPARE(client.reconnectAttempts(), 0);
    }

    void closeWithUnauthenticated_stopsAndReportsIt()
    {
        QWebSocketServer server(u"test"_s, QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        int connections = 0;
        connect(&server, &QWebSocketServer::newConnection, this, [&] {
            ++connections;
            server.nextPendingConnection()->close(QWebSocketProtocol::CloseCode(FeedMessages::kCloseUnauthenticated),
                                                  u"bad token"_s);
        });
        FeedClient client;
        client.setBackoff(10, 20);
        QSignalSpy failed(&client, &FeedClient::authenticationFailed);
        client.setEndpoint(QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort())), u"t"_s);
        client.start();
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().toString(), u"bad token"_s);
        QTest::qWait(100);
        QCOMPARE(connections, 1);
        QCOMPARE(client.state(), FeedClient::State::Offline);
    }

    void decide_whenOffline_returnsNoRequestId()
    {
        FeedClient client;
        QVERIFY(client.decide(DecisionSubmission{}).isEmpty());
    }

    void feedUrl_mapsHttpToWs()
    {
        QCOMPARE(FeedClient::feedUrl(QUrl(u"https://gw.example:8443"_s), 5).toString(),
                 u"wss://gw.example:8443/v1/feed?since_seq=5"_s);
        QCOMPARE(FeedClient::feedUrl(QUrl(u"http://127.0.0.1:1"_s), -1).toString(), u"ws://127.0.0.1:1/v1/feed"_s);
    }
};

QTEST_GUILESS_MAIN(TestFeedClient)
#include "tst_feedclient.moc"
