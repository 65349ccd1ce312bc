#include "GatewayProcess.h"
#include "TestClients.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTcpSocket>
#include <QTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// The agent HTTP API of the real countersign-gateway process: every bad input has its status
// and code, long polls hold and answer, and nothing stored is lost across a crash.
class TestGatewayHttp : public QObject
{
    Q_OBJECT

    GatewayProcess m_gateway;
    TestPrincipal m_agent = GatewayProcess::principal(u"agent-1"_s, Role::Agent);
    TestPrincipal m_otherAgent = GatewayProcess::principal(u"agent-2"_s, Role::Agent);
    TestPrincipal m_alice = GatewayProcess::principal(u"alice"_s, Role::Approver);
    TestPrincipal m_auditor = GatewayProcess::principal(u"audrey"_s, Role::Auditor);
    std::unique_ptr<HttpProbe> m_http;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_gateway.startWithConfig({m_agent, m_otherAgent, m_alice, m_auditor}));
        m_http = std::make_unique<HttpProbe>(m_gateway.url());
    }

    void healthz_answersWithoutToken()
    {
        const HttpResult result = m_http->get(u"/healthz"_s, {});
        QCOMPARE(result.status, 200);
        QCOMPARE(result.body.value(u"status"_s).toString(), u"ok"_s);
    }

    void submit_valid_returns201WithIdDigestAndExpiry()
    {
        const HttpResult result =
            m_http->post(u"/v1/actions"_s, m_agent.token, HttpProbe::sampleAction({{u"ttl_seconds"_s, 120}}));
        QCOMPARE(result.status, 201);
        QCOMPARE(result.body.value(u"status"_s).toString(), u"pending"_s);
        QCOMPARE(result.body.value(u"digest"_s).toString().size(), 64);
        QVERIFY(!result.body.value(u"id"_s).toString().isEmpty());
        QVERIFY(!result.body.value(u"expires_at"_s).toString().isEmpty());

        const HttpResult fetched =
            m_http->get(u"/v1/actions/"_s + result.body.value(u"id"_s).toString(), m_agent.token);
        QCOMPARE(fetched.status, 200);
        QCOMPARE(fetched.body.value(u"initiator"_s).toString(), m_agent.id);
        QCOMPARE(fetched.body.value(u"digest"_s), result.body.value(u"digest"_s));
    }

    void submit_initiatorInBody_isIgnored()
    {
        const QJsonObject created = m_http->submit(m_agent.token, {{u"initiator"_s, u"alice"_s}});
        const HttpResult fetched = m_http->get(u"/v1/actions/"_s + created.value(u"id"_s).toString(), m_agent.token);
        QCOMPARE(fetched.body.value(u"initiator"_s).toString(), m_agent.id);
    }

    void submit_malformedJson_is400()
    {
        const HttpResult result = m_http->send("POST", u"/v1/actions"_s, m_agent.token, "{\"kind\": ");
        QCOMPARE(result.status, 400);
        QCOMPARE(result.errorCode(), u"malformed_json"_s);
        const HttpResult array = m_http->send("POST", u"/v1/actions"_s, m_agent.token, "[1]");
        QCOMPARE(array.status, 400);
        QCOMPARE(array.errorCode(), u"malformed_json"_s);
    }

    void submit_missingOrEmptyRequiredField_is422_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<bool>("empty");
        for (const QString &field : {u"kind"_s, u"command"_s, u"target"_s, u"justification"_s}) {
            QTest::newRow(qPrintable(field + u" missing"_s)) << field << false;
            QTest::newRow(qPrintable(field + u" empty"_s)) << field << true;
        }
    }

    void submit_missingOrEmptyRequiredField_is422()
    {
        QFETCH(QString, field);
        QFETCH(bool, empty);
        QJsonObject body = HttpProbe::sampleAction();
        if (empty)
            body.insert(field, field == u"target" ? QJsonValue(QJsonObject{}) : QJsonValue(u""_s));
        else
            body.remove(field);
        const HttpResult result = m_http->post(u"/v1/actions"_s, m_agent.token, body);
        QCOMPARE(result.status, 422);
        QCOMPARE(result.errorCode(), u"missing_field"_s);
        QVERIFY(!result.body.value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty());
    }

    void submit_wrongTypedField_is422InvalidField()
    {
        const HttpResult result =
            m_http->post(u"/v1/actions"_s, m_agent.token, HttpProbe::sampleAction({{u"urgency"_s, u"now!"_s}}));
        QCOMPARE(result.status, 422);
        QCOMPARE(result.errorCode(), u"invalid_field"_s);
    }

    void missingOrUnknownToken_is401()
    {
        QCOMPARE(m_http->post(u"/v1/actions"_s, {}, HttpProbe::sampleAction()).status, 401);
        const HttpResult unknown = m_http->post(u"/v1/actions"_s, u"cs_not-a-token"_s, HttpProbe::sampleAction());
        QCOMPARE(unknown.status, 401);
        QCOMPARE(unknown.errorCode(), u"unauthenticated"_s);
        QCOMPARE(m_http->get(u"/v1/actions/x"_s, u"cs_nope"_s).status, 401);
    }

    void auditorSubmitting_is403()
    {
        const HttpResult result = m_http->post(u"/v1/actions"_s, m_auditor.token, HttpProbe::sampleAction());
        QCOMPARE(result.status, 403);
        QCOMPARE(result.errorCode(), u"forbidden_role"_s);
    }

    void unknownId_is404_andOtherAgentsActionToo()
    {
        const HttpResult unknown = m_http->get(u"/v1/actions/does-not-exist"_s, m_agent.token);
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.errorCode(), u"not_found"_s);
        const QString id = m_http->submit(m_agent.token).value(u"id"_s).toString();
        QCOMPARE(m_http->get(u"/v1/actions/"_s + id, m_otherAgent.token).status, 404);
        QCOMPARE(m_http->get(u"/v1/actions/"_s + id, m_auditor.token).status, 200);
        QCOMPARE(m_http->get(u"/v1/nothing"_s, m_agent.token).status, 404);
    }

    void bodyOver1MiB_is413()
    {
        const QByteArray big = "{\"kind\":\"" + QByteArray(1024 * 1024 + 10, 'a') + "\"}";
        const HttpResult result = m_http->send("POST", u"/v1/actions"_s, m_agent.token, big);
        QCOMPARE(result.status, 413);
        QCOMPARE(result.errorCode(), u"payload_too_large"_s);
    }

    void wrongMethod_is405()
    {
        const HttpResult result = m_http->send("DELETE", u"/v1/actions"_s, m_agent.token);
        QCOMPARE(result.status, 405);
        QCOMPARE(result.errorCode(), u"method_not_allowed"_s);
    }

    void cancel_byInitiator_thenAgain_is409()
    {
        const QString id = m_http->submit(m_agent.token).value(u"id"_s).toString();
        const HttpResult byOther = m_http->post(u"/v1/actions/%1/cancel"_s.arg(id), m_alice.token, {});
        QCOMPARE(byOther.status, 403);
        QCOMPARE(byOther.errorCode(), u"not_initiator"_s);
        const HttpResult cancelled = m_http->post(u"/v1/actions/%1/cancel"_s.arg(id), m_agent.token, {});
        QCOMPARE(cancelled.status, 200);
        QCOMPARE(cancelled.body.value(u"status"_s).toString(), u"cancelled"_s);
        const HttpResult again = m_http->post(u"/v1/actions/%1/cancel"_s.arg(id), m_agent.token, {});
        QCOMPARE(again.status, 409);
        QCOMPARE(again.errorCode(), u"not_pending"_s);
    }

    // An approved action, decided over the feed with alice's key.
    QString approvedAction()
    {
        const QJsonObject created = m_http->submit(m_agent.token);
        const QString id = created.value(u"id"_s).toString();
        FeedProbe approver;
        if (!approver.open(m_gateway.url(), m_alice) || approver.waitFor(u"snapshot"_s).isEmpty())
            return {};
        const QJsonObject result = approver.decide(id, u"approve"_s, created.value(u"digest"_s).toString());
        return result.value(u"accepted"_s).toBool() ? id : QString();
    }

    void execution_reportedByTheInitiatorOfAnApprovedAction_isLoggedOnce()
    {
        const QString id = approvedAction();
        QVERIFY(!id.isEmpty());
        const QString path = u"/v1/actions/%1/execution"_s.arg(id);
        const HttpResult reported = m_http->post(
            path, m_agent.token, {{u"status"_s, u"failed"_s}, {u"exit_code"_s, 3}, {u"detail"_s, u"disk full"_s}});
        QCOMPARE(reported.status, 201);
        const QJsonObject execution = reported.body.value(u"execution"_s).toObject();
        QCOMPARE(execution.value(u"status"_s).toString(), u"failed"_s);
        QCOMPARE(execution.value(u"exit_code"_s).toInteger(), 3);
        // The action keeps it, and the log has it.
        QCOMPARE(m_http->get(u"/v1/actions/"_s + id, m_agent.token)
                     .body.value(u"execution"_s)
                     .toObject()
                     .value(u"detail"_s)
                     .toString(),
                 u"disk full"_s);
        const QJsonArray events =
            m_http->get(u"/v1/audit?after=0&limit=5000"_s, m_auditor.token).body.value(u"events"_s).toArray();
        const QJsonObject last = events.last().toObject();
        QCOMPARE(last.value(u"type"_s).toString(), u"execution.reported"_s);
        QCOMPARE(last.value(u"action_id"_s).toString(), id);
        QCOMPARE(last.value(u"actor"_s).toString(), m_agent.id);
        QCOMPARE(last.value(u"payload"_s).toObject().value(u"exit_code"_s).toInteger(), 3);

        const HttpResult again = m_http->post(path, m_agent.token, {{u"status"_s, u"succeeded"_s}});
        QCOMPARE(again.status, 409);
        QCOMPARE(again.errorCode(), u"already_reported"_s);
    }

    void execution_byAnotherPrincipal_is403NotInitiator()
    {
        const QString id = approvedAction();
        QVERIFY(!id.isEmpty());
        const HttpResult byAlice =
            m_http->post(u"/v1/actions/%1/execution"_s.arg(id), m_alice.token, {{u"status"_s, u"succeeded"_s}});
        QCOMPARE(byAlice.status, 403);
        QCOMPARE(byAlice.errorCode(), u"not_initiator"_s);
        // Another agent does not even see the action.
        const HttpResult byOther =
            m_http->post(u"/v1/actions/%1/execution"_s.arg(id), m_otherAgent.token, {{u"status"_s, u"succeeded"_s}});
        QCOMPARE(byOther.status, 404);
    }

    void execution_ofAPendingOrCancelledAction_is409NotApproved()
    {
        const QString id = m_http->submit(m_agent.token).value(u"id"_s).toString();
        const QString path = u"/v1/actions/%1/execution"_s.arg(id);
        const HttpResult pending = m_http->post(path, m_agent.token, {{u"status"_s, u"succeeded"_s}});
        QCOMPARE(pending.status, 409);
        QCOMPARE(pending.errorCode(), u"not_approved"_s);
        QCOMPARE(m_http->post(u"/v1/actions/%1/cancel"_s.arg(id), m_agent.token, {}).status, 200);
        QCOMPARE(m_http->post(path, m_agent.token, {{u"status"_s, u"succeeded"_s}}).errorCode(), u"not_approved"_s);
    }

    void execution_unknownAction_is404()
    {
        const HttpResult result =
            m_http->post(u"/v1/actions/act-nosuch/execution"_s, m_agent.token, {{u"status"_s, u"succeeded"_s}});
        QCOMPARE(result.status, 404);
        QCOMPARE(result.errorCode(), u"not_found"_s);
    }

    void execution_badReport_is422_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::newRow("no status") << QByteArray(R"({"exit_code":0})") << u"missing_field"_s;
        QTest::newRow("unknown status") << QByteArray(R"({"status":"maybe"})") << u"invalid_field"_s;
        QTest::newRow("fractional exit code")
            << QByteArray(R"({"status":"failed","exit_code":1.5})") << u"invalid_field"_s;
        QTest::newRow("text exit code") << QByteArray(R"({"status":"failed","exit_code":"1"})") << u"invalid_field"_s;
        QTest::newRow("detail not text") << QByteArray(R"({"status":"failed","detail":42})") << u"invalid_field"_s;
        QTest::newRow("detail too long") << QByteArray(R"({"status":"failed","detail":")") + QByteArray(4001, 'x') +
                                                "\"}"
                                         << u"invalid_field"_s;
        QTest::newRow("not JSON") << QByteArray("{status") << u"malformed_json"_s;
    }

    void execution_badReport_is422()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        const QString id = approvedAction();
        QVERIFY(!id.isEmpty());
        const HttpResult result = m_http->send("POST", u"/v1/actions/%1/execution"_s.arg(id), m_agent.token, body);
        QCOMPARE(result.errorCode(), code);
        QCOMPARE(result.status, code == u"malformed_json"_s ? 400 : 422);
        // Nothing was recorded: a good report is still taken.
        QCOMPARE(
            m_http->post(u"/v1/actions/%1/execution"_s.arg(id), m_agent.token, {{u"status"_s, u"succeeded"_s}}).status,
            201);
    }

    void longPoll_returnsWhenTheActionIsDecided()
    {
        const QJsonObject created = m_http->submit(m_agent.token);
        const QString id = created.value(u"id"_s).toString();
        FeedProbe approver;
        QVERIFY(approver.open(m_gateway.url(), m_alice));
        QVERIFY(!approver.waitFor(u"snapshot"_s).isEmpty());
        QTimer::singleShot(300, &approver, [&] {
            const SignedDecision decision = approver.decision(id, u"approve"_s, created.value(u"digest"_s).toString());
            QJsonObject message = DecisionSubmission{decision, approver.sign(decision)}.toJson();
            message.insert(u"type"_s, u"decide"_s);
            approver.send(message);
        });
        QElapsedTimer timer;
        timer.start();
        const HttpResult result = m_http->get(u"/v1/actions/%1?wait=20"_s.arg(id), m_agent.token, 25000);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.body.value(u"status"_s).toString(), u"approved"_s);
        QCOMPARE(result.body.value(u"resolution"_s).toObject().value(u"by"_s).toString(), m_alice.id);
        QVERIFY2(timer.elapsed() < 15000, "the long poll waited for its full time");
    }

    void longPoll_endsWithPendingWhenTheWaitRunsOut()
    {
        const QString id = m_http->submit(m_agent.token).value(u"id"_s).toString();
        const HttpResult result = m_http->get(u"/v1/actions/%1?wait=1"_s.arg(id), m_agent.token);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.body.value(u"status"_s).toString(), u"pending"_s);
        QCOMPARE(m_http->get(u"/v1/actions/%1?wait=soon"_s.arg(id), m_agent.token).status, 422);
    }

    void longPoll_clientGoneBeforeDecision_gatewaySurvives()
    {
        const QJsonObject created = m_http->submit(m_agent.token);
        const QString id = created.value(u"id"_s).toString();
        {
            QTcpSocket socket;
            socket.connectToHost(m_gateway.url().host(), m_gateway.port());
            QVERIFY(socket.waitForConnected(5000));
            socket.write("GET /v1/actions/" + id.toUtf8() + "?wait=30 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                         m_agent.token.toUtf8() + "\r\n\r\n");
            QVERIFY(socket.waitForBytesWritten(5000));
            QTest::qWait(200);
            socket.abort();
        }
        QTest::qWait(100);
        FeedProbe approver;
        QVERIFY(approver.open(m_gateway.url(), m_alice));
        const QJsonObject result = approver.decide(id, u"approve"_s, created.value(u"digest"_s).toString());
        QVERIFY(result.value(u"accepted"_s).toBool());
        QCOMPARE(m_http->get(u"/healthz"_s, {}).status, 200);
    }

    void crash_keepsEveryAcceptedAction()
    {
        QStringList ids;
        for (int i = 0; i < 20; ++i)
            ids.append(m_http->submit(m_agent.token).value(u"id"_s).toString());
        m_gateway.kill();
        QVERIFY(m_gateway.restart());
        m_http = std::make_unique<HttpProbe>(m_gateway.url());
        for (const QString &id : std::as_const(ids)) {
            const HttpResult result = m_http->get(u"/v1/actions/"_s + id, m_agent.token);
            QCOMPARE(result.status, 200);
            QCOMPARE(result.body.value(u"status"_s).toString(), u"pending"_s);
        }
    }
};

QTEST_GUILESS_MAIN(TestGatewayHttp)
#include "tst_gatewayhttp.moc"
