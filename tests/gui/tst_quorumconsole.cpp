#include "ConsoleController.h"
#include "ConsoleTestHelpers.h"
#include "GatewayProcess.h"
#include "KeychainTokenStore.h"
#include "MainWindow.h"
#include "PendingQueueModel.h"
#include "TestClients.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// The console of an approver whose approval is one of a quorum, offscreen against the real gateway
// and its policy: the pane names the rule and what it needs, shows the progress after her
// approval, disables Approve for her, lets her withdraw it, and the second group's approver
// completes it.
class TestQuorumConsole : public QObject
{
    Q_OBJECT

    GatewayProcess m_gateway;
    TestPrincipal m_agent = GatewayProcess::principal(u"agent-1"_s, Role::Agent);
    TestPrincipal m_alice = GatewayProcess::principal(u"alice"_s, Role::Approver);
    TestPrincipal m_bob = GatewayProcess::principal(u"bob"_s, Role::Approver);
    SystemClock m_clock;
    KeychainTokenStore m_keychain;
    std::unique_ptr<ConsoleController> m_console;

    template <typename T> T *child(const QString &name) const { return m_console->window()->findChild<T *>(name); }

    QString quorumText() const { return child<QLabel>(u"quorumLabel"_s)->text(); }

private Q_SLOTS:
    void initTestCase()
    {
        m_alice.groups = {u"sre"_s};
        m_bob.groups = {u"security"_s};
        const QString policy = QDir(m_gateway.dataDir()).filePath(u"policy.yaml"_s);
        QFile file(policy);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("rules:\n  - name: iam-changes\n    match: {kind: iam.change}\n"
                   "    require: 1 of sre AND 1 of security\n");
        file.close();
        QVERIFY(m_gateway.startWithConfig({m_agent, m_alice, m_bob}, "policy: " + policy.toUtf8() + "\n"));
        m_console = std::make_unique<ConsoleController>(&m_clock, &m_keychain);
        m_console->window()->resize(1280, 760);
        m_console->window()->show();
        m_console->start({GatewaySession::Options{{}, m_gateway.url(), m_alice.token, {}, m_alice.signingSeed}});
        QTRY_COMPARE(m_console->feed()->state(), FeedClient::State::Connected);
    }

    void quorum_showsProgress_disablesASecondApproval_andWithdraws()
    {
        HttpProbe http(m_gateway.url());
        const QJsonObject created =
            http.submit(m_agent.token, {{u"kind"_s, u"iam.change"_s},
                                        {u"command"_s, u"aws iam attach-role-policy --role-name release"_s},
                                        {u"target"_s, QJsonObject{{u"system"_s, u"aws-iam"_s},
                                                                  {u"resource"_s, u"role/release"_s},
                                                                  {u"environment"_s, u"production"_s}}}});
        const QString id = created.value(u"id"_s).toString();
        QTRY_VERIFY(m_console->window()->selectAction({}, id));
        QVERIFY2(quorumText().contains(u"1 of sre AND 1 of security (rule iam-changes)"_s), qPrintable(quorumText()));

        QVERIFY(clickApprove(m_console->window()));
        QTRY_VERIFY2(quorumText().contains(u"1 of 2 approved (alice) — waiting for 1 of security"_s),
                     qPrintable(quorumText()));
        QVERIFY(quorumText().contains(u"You approved"_s));
        QCOMPARE(m_console->queue()->rowCount(), 1); // still waiting
        auto *approve = child<QPushButton>(u"approveButton"_s);
        auto *withdraw = child<QPushButton>(u"withdrawButton"_s);
        QTRY_VERIFY(withdraw->isVisible() && withdraw->isEnabled());
        QVERIFY(!approve->isEnabled());
        const QString dir = qEnvironmentVariable("COUNTERSIGN_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            m_console->window()->grab().save(dir + u"/quorum-progress.png"_s);

        QTest::mouseClick(withdraw, Qt::LeftButton);
        QTRY_VERIFY2(!quorumText().contains(u"approved (alice)"_s), qPrintable(quorumText()));
        QTRY_VERIFY(!withdraw->isVisible());
        QVERIFY(http.get(u"/v1/actions/"_s + id, m_agent.token).body.value(u"approvals"_s).toArray().isEmpty());

        // Approve again, then the other group's approver completes the quorum.
        QVERIFY(clickApprove(m_console->window()));
        QTRY_VERIFY(quorumText().contains(u"approved (alice)"_s));
        FeedProbe bob;
        QVERIFY(bob.open(m_gateway.url(), m_bob));
        QVERIFY(bob.decide(id, u"approve"_s, created.value(u"digest"_s).toString()).value(u"accepted"_s).toBool());
        QTRY_COMPARE(m_console->queue()->rowOf(id), -1);
        QCOMPARE(http.get(u"/v1/actions/"_s + id, m_agent.token).body.value(u"status"_s).toString(), u"approved"_s);
    }
};

QTEST_MAIN(TestQuorumConsole)
#include "tst_quorumconsole.moc"
