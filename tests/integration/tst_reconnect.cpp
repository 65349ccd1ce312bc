#include "GatewayProcess.h"
#include "TestClients.h"
#include "feed/FeedClient.h"

#include <QSignalSpy>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// Losing the feed mid-stream must neither lose nor double an event: by the client dropping the
// link, by the gateway crashing and coming back, and by the gateway hanging (pong timeout).
class TestReconnect : public QObject
{
    Q_OBJECT

    // Records every event a FeedClient delivers, and the snapshot's seq.
    struct Recorder
    {
        QList<qint64> seqs;
        qint64 snapshotSeq = -1;
    };

    static void record(FeedClient &client, Recorder &recorder)
    {
        QObject::connect(&client, &FeedClient::eventReceived, &client,
                         [&recorder](const Event &event) { recorder.seqs.append(event.seq); });
        QObject::connect(&client, &FeedClient::snapshotReceived, &client,
                         [&recorder](const FeedMessages::Snapshot &s) { recorder.snapshotSeq = s.seq; });
    }

    static void verifyContiguous(const Recorder &recorder, qint64 lastSeq)
    {
        QList<qint64> expected;
        for (qint64 seq = recorder.snapshotSeq + 1; seq <= lastSeq; ++seq)
            expected.append(seq);
        QCOMPARE(recorder.seqs, expected);
    }

private Q_SLOTS:
    void clientDrop_midStream_missesNothingAndDoublesNothing()
    {
        GatewayProcess gateway;
        QVERIFY(gateway.startDev());
        HttpProbe http(gateway.url());
        FeedClient client;
        client.setBackoff(20, 100);
        Recorder recorder;
        record(client, recorder);
        client.setEndpoint(gateway.url(), gateway.dev().approver.token);
        client.start();
        QTRY_COMPARE(client.state(), FeedClient::State::Connected);

        qint64 last = 0;
        for (int i = 0; i < 60; ++i) {
            if (i % 15 == 7)
                client.dropConnection(); // the link dies while actions keep coming
            QVERIFY(!http.submit(gateway.dev().agent.token).isEmpty());
            last = http.get(u"/healthz"_s, {}).body.value(u"seq"_s).toInteger();
        }
        QTRY_COMPARE(client.lastSeq(), last);
        QCOMPARE(client.state(), FeedClient::State::Connected);
        verifyContiguous(recorder, last);
    }

    void gatewayCrash_clientReconnectsAndResumes()
    {
        GatewayProcess gateway;
        QVERIFY(gateway.startDev());
        FeedClient client;
        client.setBackoff(50, 200);
        Recorder recorder;
        record(client, recorder);
        client.setEndpoint(gateway.url(), gateway.dev().approver.token);
        client.start();
        QTRY_COMPARE(client.state(), FeedClient::State::Connected);
        {
            HttpProbe http(gateway.url());
            for (int i = 0; i < 5; ++i)
                QVERIFY(!http.submit(gateway.dev().agent.token).isEmpty());
        }
        QTRY_COMPARE(client.lastSeq(), 5);

        gateway.kill();
        QTRY_COMPARE(client.state(), FeedClient::State::Reconnecting);
        QVERIFY(gateway.restart());
        HttpProbe http(gateway.url());
        for (int i = 0; i < 5; ++i)
            QVERIFY(!http.submit(gateway.dev().agent.token).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(client.lastSeq(), 10, 10000);
        verifyContiguous(recorder, 10);
    }

    void hungGateway_isDetectedByPongTimeout()
    {
        GatewayProcess gateway;
        QVERIFY(gateway.startDev());
        FeedClient client;
        client.setPingInterval(100);
        client.setPongTimeout(300);
        client.setBackoff(50, 200);
        client.setEndpoint(gateway.url(), gateway.dev().approver.token);
        client.start();
        QTRY_COMPARE(client.state(), FeedClient::State::Connected);
        const qint64 pid = gateway.processId();
        ::kill(pid_t(pid), SIGSTOP);
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), FeedClient::State::Reconnecting, 5000);
        ::kill(pid_t(pid), SIGCONT);
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), FeedClient::State::Connected, 10000);
    }

    void resume_onAFreshConnection_getsExactlyTheMissedEvents()
    {
        GatewayProcess gateway;
        QVERIFY(gateway.startDev());
        HttpProbe http(gateway.url());
        for (int i = 0; i < 8; ++i)
            QVERIFY(!http.submit(gateway.dev().agent.token).isEmpty());
        FeedProbe feed;
        QVERIFY(feed.open(gateway.url(), gateway.dev().approver.token, 3));
        QTRY_COMPARE(feed.eventSeqs(), QList<qint64>({4, 5, 6, 7, 8}));
        QVERIFY(feed.waitFor(u"snapshot"_s, 0, 200).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestReconnect)
#include "tst_reconnect.moc"
