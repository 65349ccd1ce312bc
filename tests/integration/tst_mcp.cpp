#include "GatewayProcess.h"
#include "TestClients.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// `countersign-cli mcp` driven by a scripted JSON-RPC client over its stdin and stdout, against the
// real gateway: initialize, tools/list, tools/call answered approved and denied once a human
// decides, ping answered while a call waits, a cancelled call cancels its action, and every kind
// of bad message answered with its JSON-RPC error.
class TestMcp : public QObject
{
    Q_OBJECT

    GatewayProcess m_gateway;
    TestPrincipal m_agent = GatewayProcess::principal(u"mcp-agent"_s, Role::Agent);
    TestPrincipal m_alice = GatewayProcess::principal(u"alice"_s, Role::Approver);
    std::unique_ptr<HttpProbe> m_http;
    QProcess m_server;
    QList<QJsonObject> m_received;
    QByteArray m_pending;

    void send(const QJsonObject &message) { sendRaw(QJsonDocument(message).toJson(QJsonDocument::Compact)); }
    void sendRaw(const QByteArray &line) { m_server.write(line + '\n'); }

    void call(int id, const QString &method, const QJsonObject &params = {})
    {
        send({{u"jsonrpc"_s, u"2.0"_s}, {u"id"_s, id}, {u"method"_s, method}, {u"params"_s, params}});
    }

    // The answer with this id (null id: the first error without one); empty after a timeout.
    QJsonObject answer(const QJsonValue &id, int timeoutMs = 15000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (true) {
            for (qsizetype i = 0; i < m_received.size(); ++i) {
                if (m_received[i].value(u"id"_s) == id)
                    return m_received.takeAt(i);
            }
            if (deadline.hasExpired())
                return {};
            m_server.waitForReadyRead(50);
            m_pending += m_server.readAllStandardOutput();
            qsizetype end;
            while ((end = m_pending.indexOf('\n')) >= 0) {
                m_received.append(QJsonDocument::fromJson(m_pending.left(end)).object());
                m_pending.remove(0, end + 1);
            }
        }
    }

    static QJsonObject approvalArguments(const QString &command)
    {
        return {{u"kind"_s, u"deploy"_s},
                {u"command"_s, command},
                {u"system"_s, u"kubernetes"_s},
                {u"resource"_s, u"deploy/api"_s},
                {u"environment"_s, u"production"_s},
                {u"justification"_s, u"Roll out v2 (CHG-7)"_s},
                {u"urgency"_s, u"high"_s}};
    }

    // The pending action with this command, once the gateway has it.
    QJsonObject pendingWith(const QString &command)
    {
        QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired()) {
            const QJsonArray actions =
                m_http->get(u"/v1/actions?status=pending"_s, m_alice.token).body.value(u"actions"_s).toArray();
            for (const QJsonValue &action : actions) {
                if (action.toObject().value(u"command"_s).toString() == command)
                    return action.toObject();
            }
            QTest::qWait(50);
        }
        return {};
    }

    void decide(const QJsonObject &action, const QString &verdict, const QString &reason = {})
    {
        FeedProbe alice;
        QVERIFY(alice.open(m_gateway.url(), m_alice));
        QVERIFY(alice.decide(action.value(u"id"_s).toString(), verdict, action.value(u"digest"_s).toString(), reason)
                    .value(u"accepted"_s)
                    .toBool());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_gateway.startWithConfig({m_agent, m_alice}));
        m_http = std::make_unique<HttpProbe>(m_gateway.url());
        m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_server.start(QStringLiteral(COUNTERSIGN_CLI_BIN),
                       {u"mcp"_s, u"--url"_s, m_gateway.url().toString(), u"--token"_s, m_agent.token});
        QVERIFY(m_server.waitForStarted());
    }

    void initialize_saysWhatItOffers()
    {
        call(1, u"initialize"_s,
             {{u"protocolVersion"_s, u"2025-06-18"_s},
              {u"capabilities"_s, QJsonObject{}},
              {u"clientInfo"_s, QJsonObject{{u"name"_s, u"test"_s}, {u"version"_s, u"1"_s}}}});
        const QJsonObject result = answer(1).value(u"result"_s).toObject();
        QCOMPARE(result.value(u"protocolVersion"_s).toString(), u"2025-06-18"_s);
        QVERIFY(result.value(u"capabilities"_s).toObject().contains(u"tools"_s));
        QCOMPARE(result.value(u"serverInfo"_s).toObject().value(u"name"_s).toString(), u"countersign"_s);
        send({{u"jsonrpc"_s, u"2.0"_s}, {u"method"_s, u"notifications/initialized"_s}});

        call(2, u"tools/list"_s);
        const QJsonArray tools = answer(2).value(u"result"_s).toObject().value(u"tools"_s).toArray();
        QCOMPARE(tools.size(), 1);
        const QJsonObject tool = tools.first().toObject();
        QCOMPARE(tool.value(u"name"_s).toString(), u"request_approval"_s);
        QVERIFY(tool.value(u"inputSchema"_s).toObject().value(u"required"_s).toArray().contains(u"command"_s));
    }

    void call_waitsForTheHumanAndAnswersApproved()
    {
        call(3, u"tools/call"_s,
             {{u"name"_s, u"request_approval"_s},
              {u"arguments"_s, approvalArguments(u"kubectl rollout restart api"_s)}});
        const QJsonObject action = pendingWith(u"kubectl rollout restart api"_s);
        QVERIFY(!action.isEmpty());
        QCOMPARE(action.value(u"initiator"_s).toString(), m_agent.id);
        // While the call waits, the server still answers.
        call(4, u"ping"_s);
        QVERIFY(answer(4, 5000).contains(u"result"_s));
        decide(action, u"approve"_s);
        const QJsonObject result = answer(3).value(u"result"_s).toObject();
        QCOMPARE(result.value(u"isError"_s).toBool(), false);
        QCOMPARE(result.value(u"structuredContent"_s).toObject().value(u"status"_s).toString(), u"approved"_s);
        QCOMPARE(result.value(u"structuredContent"_s).toObject().value(u"may_run"_s).toBool(), true);
        QVERIFY(result.value(u"content"_s)
                    .toArray()
                    .first()
                    .toObject()
                    .value(u"text"_s)
                    .toString()
                    .startsWith(u"approved by alice"_s));
    }

    void call_answersDeniedWithTheReason()
    {
        call(5, u"tools/call"_s,
             {{u"name"_s, u"request_approval"_s}, {u"arguments"_s, approvalArguments(u"kubectl delete ns shop"_s)}});
        decide(pendingWith(u"kubectl delete ns shop"_s), u"deny"_s, u"wrong namespace"_s);
        const QJsonObject result = answer(5).value(u"result"_s).toObject();
        QCOMPARE(result.value(u"structuredContent"_s).toObject().value(u"status"_s).toString(), u"denied"_s);
        QCOMPARE(result.value(u"structuredContent"_s).toObject().value(u"may_run"_s).toBool(), false);
        QVERIFY(result.value(u"content"_s)
                    .toArray()
                    .first()
                    .toObject()
                    .value(u"text"_s)
                    .toString()
                    .contains(u"wrong namespace"_s));
    }

    void cancelledCall_cancelsItsAction()
    {
        call(6, u"tools/call"_s,
             {{u"name"_s, u"request_approval"_s}, {u"arguments"_s, approvalArguments(u"helm upgrade shop"_s)}});
        const QString id = pendingWith(u"helm upgrade shop"_s).value(u"id"_s).toString();
        QVERIFY(!id.isEmpty());
        send({{u"jsonrpc"_s, u"2.0"_s},
              {u"method"_s, u"notifications/cancelled"_s},
              {u"params"_s, QJsonObject{{u"requestId"_s, 6}, {u"reason"_s, u"user gave up"_s}}}});
        QTRY_COMPARE(m_http->get(u"/v1/actions/"_s + id, m_agent.token).body.value(u"status"_s).toString(),
                     u"cancelled"_s);
    }

    void badMessages_getTheirErrors_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QJsonValue>("id");
        QTest::addColumn<int>("code"); // 0: a tool result with isError
        QTest::newRow("not json") << QByteArray("{nope") << QJsonValue(QJsonValue::Null) << -32700;
        QTest::newRow("no jsonrpc") << QByteArray(R"({"id":10,"method":"ping"})") << QJsonValue(10) << -32600;
        QTest::newRow("unknown method") << QByteArray(R"({"jsonrpc":"2.0","id":11,"method":"resources/list"})")
                                        << QJsonValue(11) << -32601;
        QTest::newRow("unknown tool")
            << QByteArray(R"({"jsonrpc":"2.0","id":12,"method":"tools/call","params":{"name":"rm","arguments":{}}})")
            << QJsonValue(12) << -32602;
        QTest::newRow("missing argument")
            << QByteArray(R"({"jsonrpc":"2.0","id":13,"method":"tools/call","params":{"name":"request_approval",)"
                          R"("arguments":{"kind":"deploy"}}})")
            << QJsonValue(13) << 0;
    }

    void badMessages_getTheirErrors()
    {
        QFETCH(QByteArray, line);
        QFETCH(QJsonValue, id);
        QFETCH(int, code);
        sendRaw(line);
        const QJsonObject reply = answer(id, 5000);
        QVERIFY(!reply.isEmpty());
        if (code == 0) {
            QCOMPARE(reply.value(u"result"_s).toObject().value(u"isError"_s).toBool(), true);
        } else {
            QCOMPARE(reply.value(u"error"_s).toObject().value(u"code"_s).toInt(), code);
            QVERIFY(!reply.value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty());
        }
    }

    void closingStdin_endsTheServer()
    {
        m_server.closeWriteChannel();
        QVERIFY(m_server.waitForFinished(5000));
        QCOMPARE(m_server.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestMcp)
#include "tst_mcp.moc"
