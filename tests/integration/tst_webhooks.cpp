#include "GatewayProcess.h"
#include "HttpReceiver.h"
#include "TestClients.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

namespace {

const QByteArray kSecret = "a-webhook-secret-of-some-length";

} // namespace

// Outgoing webhooks from the real gateway to receivers the test runs: the body is signed with
// HMAC-SHA256 and says what happened; urgency and per-rule selection; Slack's format; a 500 is
// retried; a delivery survives a gateway restart; a receiver that never answers delays no
// submission.
class TestWebhooks : public QObject
{
    Q_OBJECT

    GatewayProcess m_gateway;
    TestPrincipal m_agent = GatewayProcess::principal(u"agent-1"_s, Role::Agent);
    TestPrincipal m_alice = GatewayProcess::principal(u"alice"_s, Role::Approver);
    std::unique_ptr<HttpProbe> m_http;
    HttpReceiver m_ops;   // json, high and critical
    HttpReceiver m_chat;  // slack, critical only
    HttpReceiver m_pager; // json, only for actions whose rule names it

    QJsonObject submit(const QString &urgency, const QString &kind = u"db.export"_s)
    {
        return m_http->submit(m_agent.token, {{u"urgency"_s, urgency}, {u"kind"_s, kind}});
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString policy = QDir(m_gateway.dataDir()).filePath(u"policy.yaml"_s);
        QFile file(policy);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("rules:\n  - name: pages\n    match: {kind: page.me}\n    require: 1 approver\n    notify: pager\n");
        file.close();
        const QByteArray webhooks = "webhooks:\n"
                                    "  - name: ops\n    url: " +
                                    m_ops.url().toUtf8() + "\n    secret: " + kSecret +
                                    "\n    min_urgency: high\n    max_attempts: 3\n"
                                    "  - name: chat\n    url: " +
                                    m_chat.url().toUtf8() + "\n    secret: " + kSecret +
                                    "\n    format: slack\n    min_urgency: critical\n    events: [requested]\n"
                                    "  - name: pager\n    url: " +
                                    m_pager.url().toUtf8() + "\n    secret: " + kSecret +
                                    "\n    only_when_named: true\n";
        QVERIFY(m_gateway.startWithConfig({m_agent, m_alice}, "policy: " + policy.toUtf8() + "\n" + webhooks));
        m_http = std::make_unique<HttpProbe>(m_gateway.url());
    }

    void urgentRequest_isSignedAndSaysWhatHappened()
    {
        submit(u"normal"_s); // below ops' min_urgency: never sent
        const QJsonObject created = submit(u"high"_s);
        QTRY_COMPARE(m_ops.requests.size(), 1);
        const HttpReceiver::Request request = m_ops.requests.takeFirst();
        QCOMPARE(request.headers.value("x-countersign-signature"),
                 "sha256=" +
                     QMessageAuthenticationCode::hash(request.body, kSecret, QCryptographicHash::Sha256).toHex());
        const QJsonObject body = request.json();
        QCOMPARE(body.value(u"event"_s).toObject().value(u"type"_s).toString(), u"action.requested"_s);
        QCOMPARE(body.value(u"action"_s).toObject().value(u"id"_s).toString(), created.value(u"id"_s).toString());
        QCOMPARE(body.value(u"link"_s).toString(),
                 u"countersign://action/test-gateway/"_s + created.value(u"id"_s).toString());
        QCOMPARE(request.headers.value("x-countersign-delivery"), body.value(u"delivery"_s).toString().toUtf8());
        QVERIFY(m_chat.requests.isEmpty());
        QVERIFY(m_pager.requests.isEmpty());

        FeedProbe alice;
        QVERIFY(alice.open(m_gateway.url(), m_alice));
        QVERIFY(alice
                    .decide(created.value(u"id"_s).toString(), u"deny"_s, created.value(u"digest"_s).toString(),
                            u"not during the freeze"_s)
                    .value(u"accepted"_s)
                    .toBool());
        QTRY_COMPARE(m_ops.requests.size(), 1);
        const QJsonObject resolved = m_ops.requests.takeFirst().json();
        QCOMPARE(resolved.value(u"event"_s).toObject().value(u"type"_s).toString(), u"action.denied"_s);
        QVERIFY(resolved.value(u"summary"_s).toString().contains(u"not during the freeze"_s));
    }

    void criticalRequest_reachesChatInSlacksFormat()
    {
        const QJsonObject created = submit(u"critical"_s);
        QTRY_COMPARE(m_chat.requests.size(), 1);
        const QJsonObject body = m_chat.requests.takeFirst().json();
        QCOMPARE(body.keys(), QStringList{u"text"_s});
        const QString text = body.value(u"text"_s).toString();
        QVERIFY2(text.contains(u"[critical] Approval needed"_s) && text.contains(created.value(u"id"_s).toString()),
                 qPrintable(text));
        QVERIFY2(!text.contains(u"pg_dump"_s), "the command reached the chat channel");
        QTRY_COMPARE(m_ops.requests.size(), 1); // ops hears of it too
        m_ops.requests.clear();
    }

    void ruleNamedWebhook_hearsOnlyOfItsRule()
    {
        const QJsonObject paged = submit(u"low"_s, u"page.me"_s);
        QTRY_COMPARE(m_pager.requests.size(), 1);
        QCOMPARE(m_pager.requests.takeFirst().json().value(u"action"_s).toObject().value(u"id"_s).toString(),
                 paged.value(u"id"_s).toString());
        submit(u"low"_s);
        const QJsonObject second = submit(u"low"_s, u"page.me"_s);
        QTRY_COMPARE(m_pager.requests.size(), 1); // the next one it hears of is the next page.me
        QCOMPARE(m_pager.requests.takeFirst().json().value(u"action"_s).toObject().value(u"id"_s).toString(),
                 second.value(u"id"_s).toString());
    }

    void failedDelivery_isRetried()
    {
        m_ops.statuses = {500};
        submit(u"high"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_ops.requests.size(), 2, 10000);
        QCOMPARE(m_ops.requests[0].body, m_ops.requests[1].body);
        m_ops.requests.clear();

        // The failure and the deliveries show in the metrics (reported within a second).
        const auto metric = [this](const QByteArray &name) {
            const QByteArray text = m_http->get(u"/v1/metrics"_s, m_alice.token).raw;
            const qsizetype at = text.indexOf(QByteArray(name + "{webhook=\"ops\"} "));
            return at < 0 ? -1 : text.mid(at).split('\n').first().split(' ').last().toLongLong();
        };
        QTRY_VERIFY_WITH_TIMEOUT(metric("countersign_webhook_failed_attempts_total") >= 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(metric("countersign_webhook_deliveries_total") >= 4, 5000);
        QCOMPARE(metric("countersign_webhook_given_up_total"), 0);
        QCOMPARE(m_http->get(u"/v1/metrics"_s, m_agent.token).status, 403);
    }

    void hangingReceiver_delaysNoSubmission()
    {
        m_ops.hang = true;
        submit(u"high"_s);
        QTRY_COMPARE(m_ops.requests.size(), 1);
        // The receiver holds its request unanswered; the gateway takes submissions meanwhile.
        for (int i = 0; i < 20; ++i)
            QCOMPARE(submit(u"high"_s).value(u"status"_s).toString(), u"pending"_s);
        QCOMPARE(m_ops.requests.size(), 1);
        QCOMPARE(m_ops.held.size(), 1);
        QVERIFY(m_ops.held.first());
        QCOMPARE(m_http->get(u"/healthz"_s, {}).status, 200);
    }

    void delivery_survivesARestart()
    {
        // ops still holds the last test's request; what was submitted since waits in the log.
        m_ops.hang = false;
        m_ops.statuses = {503, 503, 503, 503, 503, 503};
        const QJsonObject created = submit(u"high"_s);
        m_gateway.kill();
        m_ops.requests.clear();
        m_ops.statuses.clear();
        QVERIFY(m_gateway.restart());
        // Delivered at least once after the restart (a few may come again: the cursor is saved
        // once a second, and receivers tell repeats apart by X-Countersign-Delivery).
        const auto delivered = [this, &created] {
            return std::any_of(
                m_ops.requests.cbegin(), m_ops.requests.cend(), [&created](const HttpReceiver::Request &r) {
                    return r.json().value(u"action"_s).toObject().value(u"id"_s) == created.value(u"id"_s);
                });
        };
        QTRY_VERIFY_WITH_TIMEOUT(delivered(), 15000);
    }
};

QTEST_GUILESS_MAIN(TestWebhooks)
#include "tst_webhooks.moc"
