#include "GatewayProcess.h"
#include "TestClients.h"

#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// The websocket feed of the real gateway: hello, snapshot, live events, decisions and every
// refusal, driven by a real QWebSocket client.
class TestGatewayFeed : public QObject
{
    Q_OBJECT

    GatewayProcess m_gateway;
    TestPrincipal m_agent = GatewayProcess::principal(u"agent-1"_s, Role::Agent);
    TestPrincipal m_alice = GatewayProcess::principal(u"alice"_s, Role::Approver);
    TestPrincipal m_bob = GatewayProcess::principal(u"bob"_s, Role::Approver);
    TestPrincipal m_auditor = GatewayProcess::principal(u"audrey"_s, Role::Auditor);
    std::unique_ptr<HttpProbe> m_http;

    QJsonObject submit(const QJsonObject &overrides = {}, const TestPrincipal *as = nullptr)
    {
        return m_http->submit((as ? as : &m_agent)->token, overrides);
    }

    static QString errorCode(const QJsonObject &result)
    {
        return result.value(u"error"_s).toObject().value(u"code"_s).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_gateway.startWithConfig({m_agent, m_alice, m_bob, m_auditor}));
        m_http = std::make_unique<HttpProbe>(m_gateway.url());
    }

    void connect_sendsHelloThenSnapshotOfPending()
    {
        const QString id = submit().value(u"id"_s).toString();
        FeedProbe feed;
        QVERIFY(feed.open(m_gateway.url(), m_alice));
        const QJsonObject snapshot = feed.waitFor(u"snapshot"_s);
        QVERIFY(!snapshot.isEmpty());
        const QJsonObject hello = feed.messages().first();
        QCOMPARE(hello.value(u"type"_s).toString(), u"hello"_s);
        QCOMPARE(hello.value(u"protocol"_s).toInt(), 1);
        QCOMPARE(hello.value(u"gateway_id"_s).toString(), u"test-gateway"_s);
        QCOMPARE(hello.value(u"principal"_s).toObject().value(u"id"_s).toString(), m_alice.id);
        bool found = false;
        for (const QJsonValue &action : snapshot.value(u"actions"_s).toArray())
            found = found || action.toObject().value(u"id"_s).toString() == id;
        QVERIFY(found);
        QVERIFY(snapshot.value(u"seq"_s).toInteger() >= 1);
    }

    void submit_reachesEveryConnectedConsoleAsEvent()
    {
        FeedProbe alice;
        FeedProbe auditor;
        QVERIFY(alice.open(m_gateway.url(), m_alice));
        QVERIFY(auditor.open(m_gateway.url(), m_auditor));
        QVERIFY(!alice.waitFor(u"snapshot"_s).isEmpty());
        QVERIFY(!auditor.waitFor(u"snapshot"_s).isEmpty());
        const QString id = submit({{u"urgency"_s, u"critical"_s}}).value(u"id"_s).toString();
        for (FeedProbe *feed : {&alice, &auditor}) {
            const QJsonObject event = feed->waitFor(u"event"_s).value(u"event"_s).toObject();
            QCOMPARE(event.value(u"type"_s).toString(), u"action.requested"_s);
            QCOMPARE(event.value(u"action_id"_s).toString(), id);
            QCOMPARE(event.value(u"payload"_s).toObject().value(u"action"_s).toObject().value(u"urgency"_s).toString(),
                     u"critical"_s);
        }
    }

    void approve_byOtherApprover_isAccepted()
    {
        const QJsonObject created = submit();
        FeedProbe feed;
        QVERIFY(feed.open(m_gateway.url(), m_alice));
        const QJsonObject result =
            feed.decide(created.value(u"id"_s).toString(), u"approve"_s, created.value(u"digest"_s).toString());
        QVERIFY2(result.value(u"accepted"_s).toBool(), qPrintable(errorCode(result)));
        QCOMPARE(result.value(u"status"_s).toString(), u"approved"_s);
        QCOMPARE(result.value(u"request_id"_s).toString(), u"r1"_s);
    }

    void decide_refusals_carryTheirCode_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("code");
        QTest::newRow("deny without reason") << u"no-reason"_s << u"reason_required"_s;
        QTest::newRow("changed action") << u"digest"_s << u"digest_mismatch"_s;
        QTest::newRow("already decided") << u"twice"_s << u"not_pending"_s;
        QTest::newRow("own request") << u"self"_s << u"self_approval"_s;
        QTest::newRow("on behalf of approver") << u"behalf"_s << u"on_behalf_of_approval"_s;
        QTest::newRow("auditor decides") << u"auditor"_s << u"not_approver"_s;
        QTest::newRow("unknown action") << u"unknown"_s << u"unknown_action"_s;
        QTest::newRow("expired") << u"expired"_s << u"expired"_s;
    }

    void decide_refusals_carryTheirCode()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, code);
        QJsonObject created = scenario == u"self"      ? submit({}, &m_alice)
                              : scenario == u"behalf"  ? submit({{u"on_behalf_of"_s, m_alice.id}})
                              : scenario == u"expired" ? submit({{u"ttl_seconds"_s, 1}})
                                                       : submit();
        QString id = created.value(u"id"_s).toString();
        QString digest = created.value(u"digest"_s).toString();
        FeedProbe feed;
        QVERIFY(feed.open(m_gateway.url(), (scenario == u"auditor" ? m_auditor : m_alice)));
        if (scenario == u"auditor")
            feed.setSigningKey(m_alice.signingSeed); // a valid signature does not make an auditor an approver
        QString verdict = u"approve"_s;
        if (scenario == u"no-reason")
            verdict = u"deny"_s;
        if (scenario == u"digest")
            digest = QString(64, u'f');
        if (scenario == u"unknown")
            id = u"no-such-action"_s;
        if (scenario == u"twice") {
            FeedProbe bob;
            QVERIFY(bob.open(m_gateway.url(), m_bob));
            QVERIFY(bob.decide(id, u"deny"_s, digest, u"too risky"_s).value(u"accepted"_s).toBool());
        }
        if (scenario == u"expired")
            QTest::qWait(1200);
        const QJsonObject result = feed.decide(id, verdict, digest);
        QVERIFY(!result.isEmpty());
        QCOMPARE(result.value(u"accepted"_s).toBool(), false);
        QCOMPARE(errorCode(result), code);
        QVERIFY(!result.value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty());
        if (scenario != u"unknown" && scenario != u"twice" && scenario != u"expired") {
            // The refusal is on record and the action is still pending.
            const HttpResult action = m_http->get(u"/v1/actions/"_s + id, m_auditor.token);
            QCOMPARE(action.body.value(u"status"_s).toString(), u"pending"_s);
        }
    }

    void refusal_isRecordedAsEventOnTheFeed()
    {
        const QJsonObject created = submit({}, &m_alice);
        FeedProbe auditor;
        QVERIFY(auditor.open(m_gateway.url(), m_auditor));
        QVERIFY(!auditor.waitFor(u"snapshot"_s).isEmpty());
        FeedProbe alice;
        QVERIFY(alice.open(m_gateway.url(), m_alice));
        alice.decide(created.value(u"id"_s).toString(), u"approve"_s, created.value(u"digest"_s).toString());
        QTRY_VERIFY([&] {
            for (const QJsonObject &message : auditor.messages()) {
                const QJsonObject event = message.value(u"event"_s).toObject();
                if (event.value(u"type"_s).toString() == u"decision.refused" &&
                    event.value(u"actor"_s).toString() == m_alice.id &&
                    event.value(u"payload"_s).toObject().value(u"code"_s).toString() == u"self_approval")
                    return true;
            }
            return false;
        }());
    }

    void expiry_isAnEventAndTheAgentSeesExpired()
    {
        FeedProbe feed;
        QVERIFY(feed.open(m_gateway.url(), m_alice));
        QVERIFY(!feed.waitFor(u"snapshot"_s).isEmpty());
        const QString id = submit({{u"ttl_seconds"_s, 1}}).value(u"id"_s).toString();
        QTRY_VERIFY_WITH_TIMEOUT(feed.eventSeqs().size() >= 2, 5000);
        const QJsonObject last = feed.messages().last().value(u"event"_s).toObject();
        QCOMPARE(last.value(u"type"_s).toString(), u"action.expired"_s);
        QCOMPARE(last.value(u"action_id"_s).toString(), id);
        QCOMPARE(m_http->get(u"/v1/actions/"_s + id, m_agent.token).body.value(u"status"_s).toString(), u"expired"_s);
    }

    void badMessages_getErrorAndTheSessionStaysUsable_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        QTest::newRow("not json") << u"{nope"_s << u"malformed_message"_s;
        QTest::newRow("not an object") << u"[1,2,3]"_s << u"malformed_message"_s;
        QTest::newRow("no type") << u"{\"action_id\":\"x\"}"_s << u"malformed_message"_s;
        QTest::newRow("unknown type") << u"{\"type\":\"approve_all\"}"_s << u"unknown_message_type"_s;
    }

    void badMessages_getErrorAndTheSessionStaysUsable()
    {
        QFETCH(QString, text);
        QFETCH(QString, code);
        FeedProbe feed;
        QVERIFY(feed.open(m_gateway.url(), m_alice));
        QVERIFY(!feed.waitFor(u"snapshot"_s).isEmpty());
        const int from = int(feed.messages().size());
        feed.sendRaw(text);
        const QJsonObject error = feed.waitFor(u"error"_s, from);
        QCOMPARE(error.value(u"error"_s).toObject().value(u"code"_s).toString(), code);
        const QJsonObject created = submit();
        QVERIFY(feed.decide(created.value(u"id"_s).toString(), u"approve"_s, created.value(u"digest"_s).toString())
                    .value(u"accepted"_s)
                    .toBool());
    }

    void decide_malformedOrUnsigned_isRefusedWithItsCode()
    {
        FeedProbe feed;
        QVERIFY(feed.open(m_gateway.url(), m_alice));
        const QJsonObject created = submit();
        const QString id = created.value(u"id"_s).toString();
        const QString digest = created.value(u"digest"_s).toString();
        QJsonObject unsignedDecision{{u"action_id"_s, id}, {u"verdict"_s, u"approve"_s}, {u"action_digest"_s, digest}};
        QCOMPARE(errorCode(feed.sendDecision(unsignedDecision)), u"signature_required"_s);

        SignedDecision decision = feed.decision(id, u"approve"_s, digest);
        QJsonObject body = decision.toJson();
        body.remove(u"action_id"_s);
        QCOMPARE(errorCode(feed.sendDecision({{u"decision"_s, body}, {u"signature"_s, feed.sign(decision).toJson()}})),
                 u"missing_field"_s);
        body = decision.toJson();
        body.insert(u"verdict"_s, u"maybe"_s);
        QCOMPARE(errorCode(feed.sendDecision({{u"decision"_s, body}, {u"signature"_s, feed.sign(decision).toJson()}})),
                 u"invalid_field"_s);

        // A duplicate member makes the signed bytes ambiguous: the whole message is refused.
        const int from = int(feed.messages().size());
        feed.sendRaw(u"{\"type\":\"decide\",\"decision\":{\"verdict\":\"deny\",\"verdict\":\"approve\"}}"_s);
        const QJsonObject error = feed.waitFor(u"error"_s, from);
        QCOMPARE(error.value(u"error"_s).toObject().value(u"code"_s).toString(), u"malformed_message"_s);
        QVERIFY(error.value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"duplicate_key"_s));
        QCOMPARE(m_http->get(u"/v1/actions/%1"_s.arg(id), m_alice.token).body.value(u"status"_s).toString(),
                 u"pending"_s);
    }

    void badToken_isClosedWith4401_andAgentsWith4403()
    {
        FeedProbe stranger;
        QSignalSpy closed(&stranger.socket(), &QWebSocket::disconnected);
        QVERIFY(stranger.open(m_gateway.url(), u"cs_bogus"_s));
        QTRY_COMPARE(closed.size(), 1);
        QCOMPARE(int(stranger.socket().closeCode()), 4401);
        QCOMPARE(stranger.messages().first().value(u"error"_s).toObject().value(u"code"_s).toString(),
                 u"unauthenticated"_s);

        FeedProbe agent;
        QSignalSpy agentClosed(&agent.socket(), &QWebSocket::disconnected);
        QVERIFY(agent.open(m_gateway.url(), m_agent));
        QTRY_COMPARE(agentClosed.size(), 1);
        QCOMPARE(int(agent.socket().closeCode()), 4403);
    }

    // More pending actions than one page holds (FeedHub::kSnapshotPage, 1000): the snapshot comes
    // in pages of one seq, the last without "more", then whatever was recorded meanwhile, once.
    void largeSnapshot_comesInPages_thenTheEventsRecordedMeanwhile()
    {
        GatewayProcess gateway;
        QVERIFY(gateway.startWithConfig({m_agent, m_alice}));
        HttpProbe http(gateway.url());
        QSet<QString> pending;
        for (int i = 0; i < 1500; ++i)
            pending.insert(http.submit(m_agent.token).value(u"id"_s).toString());
        QCOMPARE(pending.size(), 1500);
        FeedProbe feed;
        QVERIFY(feed.open(gateway.url(), m_alice));
        const QString meanwhile = http.submit(m_agent.token).value(u"id"_s).toString();
        const auto told = [&meanwhile](const QJsonObject &message) {
            return message[u"event"_s][u"action_id"_s].toString() == meanwhile;
        };
        QVERIFY(!feed.waitForMessage(told, 0, 10000, u"the action submitted while the pages went out"_s).isEmpty());
        QTest::qWait(200); // and nothing twice

        QList<QJsonObject> pages;
        qsizetype toldAt = -1;
        for (qsizetype i = 0; i < feed.messages().size(); ++i) {
            const QJsonObject &message = feed.messages().at(i);
            if (message[u"type"_s] == u"snapshot"_s)
                pages.append(message);
            if (told(message)) {
                QCOMPARE(toldAt, -1);
                toldAt = i;
            }
        }
        QCOMPARE(pages.size(), 2);
        QVERIFY(pages.first()[u"more"_s].toBool());
        QVERIFY(!pages.last().contains(u"more"_s));
        QCOMPARE(pages.first()[u"seq"_s], pages.last()[u"seq"_s]);
        QSet<QString> snapshot;
        for (const QJsonObject &page : std::as_const(pages)) {
            for (const QJsonValue &action : page[u"actions"_s].toArray())
                snapshot.insert(action[u"id"_s].toString());
        }
        // The one submitted meanwhile is in the snapshot or told after it, never both.
        snapshot.remove(meanwhile);
        QCOMPARE(snapshot, pending);
        QVERIFY(toldAt > feed.messages().indexOf(pages.last()));
    }

    void plainGetOnFeed_is426()
    {
        const HttpResult result = m_http->get(u"/v1/feed"_s, m_alice.token);
        QCOMPARE(result.status, 426);
    }
};

QTEST_GUILESS_MAIN(TestGatewayFeed)
#include "tst_gatewayfeed.moc"
