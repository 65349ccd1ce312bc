#include "ActionReviewPane.h"
#include "ConsoleController.h"
#include "DecisionSigner.h"
#include "DenyReasonDialog.h"
#include "FakeSigner.h"
#include "ConsoleTestHelpers.h"
#include "GatewayProcess.h"
#include "KeychainTokenStore.h"
#include "MainWindow.h"
#include "PendingQueueModel.h"
#include "SigningKeyPanel.h"
#include "SigningPrompt.h"
#include "SoftHsmToken.h"
#include "TestClients.h"
#include "signing/SoftwareSigner.h"

#include <QApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QTableView>
#include <QAction>
#include <QLineEdit>
#include <QRegularExpression>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// The console, offscreen, against the real gateway and the real agent CLI: an approver selects
// an action, reads it, and decides; the agent's --wait returns accordingly.
class TestConsole : public QObject
{
    Q_OBJECT

    GatewayProcess m_gateway;
    SystemClock m_clock;
    KeychainTokenStore m_keychain;
    std::unique_ptr<ConsoleController> m_console;

    std::unique_ptr<QProcess> startAgent(const QString &command)
    {
        auto process = std::make_unique<QProcess>();
        process->start(QStringLiteral(COUNTERSIGN_CLI_BIN), {u"request"_s,
                                                             u"--url"_s,
                                                             m_gateway.url().toString(),
                                                             u"--token"_s,
                                                             m_gateway.dev().agent.token,
                                                             u"--kind"_s,
                                                             u"db.export"_s,
                                                             u"--system"_s,
                                                             u"postgres"_s,
                                                             u"--resource"_s,
                                                             u"users"_s,
                                                             u"--env"_s,
                                                             u"production"_s,
                                                             u"--justification"_s,
                                                             u"Quarterly compliance export, ticket INC-2231"_s,
                                                             u"--urgency"_s,
                                                             u"high"_s,
                                                             u"--context"_s,
                                                             u"{\"ticket\":\"INC-2231\"}"_s,
                                                             u"--wait"_s,
                                                             u"--command"_s,
                                                             command});
        return process;
    }

    static int exitCodeOf(QProcess &process)
    {
        // Spin the event loop while waiting: the console in this process must keep running.
        if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 20000))
            return -1;
        return process.exitCode();
    }

    // Selects the row of the action whose command is `command`, as a click would.
    const Action *select(const QString &command)
    {
        PendingQueueModel *queue = m_console->queue();
        const Action *found = nullptr;
        const bool shown = QTest::qWaitFor([&] {
            for (int row = 0; row < queue->rowCount(); ++row) {
                if (queue->actionAt(row)->request.command == command) {
                    found = queue->actionAt(row);
                    return m_console->window()->selectAction({}, found->id);
                }
            }
            return false;
        });
        if (!shown)
            qWarning() << "the action" << command << "never reached the queue";
        return found;
    }

    template <typename T> T *child(const QString &name) const
    {
        T *widget = m_console->window()->findChild<T *>(name);
        if (!widget)
            qWarning() << "no widget" << name;
        return widget;
    }

    // Back to the dev approver's software key, which the dev gateway knows.
    void useDevKey()
    {
        m_console->signer()->setSigner(std::make_shared<SoftwareSigner>(m_gateway.dev().approver.signingKeySeed),
                                       u"dev key"_s);
    }

    void screenshot(const QString &name, QWidget *widget = nullptr)
    {
        const QString dir = qEnvironmentVariable("COUNTERSIGN_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            (widget ? widget : m_console->window())->grab().save(dir + u'/' + name + u".png"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_gateway.startDev());
        m_console = std::make_unique<ConsoleController>(&m_clock, &m_keychain);
        m_console->window()->show();
        m_console->start({GatewaySession::Options{
            {}, m_gateway.url(), m_gateway.dev().approver.token, {}, m_gateway.dev().approver.signingKeySeed}});
        QTRY_COMPARE(m_console->feed()->state(), FeedClient::State::Connected);
        QTRY_VERIFY(child<QLabel>(u"connectionLabel"_s)->text().contains(m_gateway.url().toString()));
    }

    void approve_inTheConsole_releasesTheWaitingAgent()
    {
        const QString command = u"pg_dump --table=users --format=custom prod > /backups/users.dump"_s;
        auto agent = startAgent(command);
        const Action *action = select(command);
        QVERIFY(action);
        const QString digest = action->digest;
        const QString id = action->id;
        QCOMPARE(child<QPlainTextEdit>(u"commandView"_s)->toPlainText(), command);
        QCOMPARE(child<QLabel>(u"digestLabel"_s)->text(), digest);
        QCOMPARE(child<QLabel>(u"initiatorLabel"_s)->text(), m_gateway.dev().agent.id);
        QCOMPARE(child<QLabel>(u"environmentLabel"_s)->text(), u"production"_s);
        auto *context = child<QTreeWidget>(u"contextView"_s);
        QVERIFY(context);
        QVERIFY(!context->findItems(u"ticket"_s, Qt::MatchExactly).isEmpty());
        QCOMPARE(context->findItems(u"ticket"_s, Qt::MatchExactly).first()->text(1), u"INC-2231"_s);
        QVERIFY(child<QLabel>(u"countdownLabel"_s)->text().contains(u"min"_s));
        screenshot(u"review"_s);

        auto *approve = child<QPushButton>(u"approveButton"_s);
        QVERIFY(clickApprove(m_console->window()));
        QCOMPARE(exitCodeOf(*agent), 0);
        QTRY_COMPARE(m_console->queue()->rowOf(id), -1);
        QTRY_VERIFY(child<QLabel>(u"statusBanner"_s)->text().contains(m_gateway.dev().approver.id));
        QVERIFY(!approve->isEnabled());
        screenshot(u"approved"_s);
    }

    void deny_asksForAReason_andTheAgentExits1()
    {
        const QString command = u"aws iam delete-role --role-name legacy-admin"_s;
        auto agent = startAgent(command);
        QVERIFY(select(command));
        QTRY_VERIFY(child<QPushButton>(u"denyButton"_s)->isEnabled());
        QTest::mouseClick(child<QPushButton>(u"denyButton"_s), Qt::LeftButton);
        DenyReasonDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_console->window()->findChild<DenyReasonDialog *>()) != nullptr);
        auto *confirm = dialog->findChild<QPushButton *>(u"confirmDenyButton"_s);
        QVERIFY(!confirm->isEnabled()); // no reason, no denial
        dialog->setReason(u"Needs a change ticket first"_s);
        QVERIFY(confirm->isEnabled());
        QTest::mouseClick(confirm, Qt::LeftButton);
        QCOMPARE(exitCodeOf(*agent), 1);
        QVERIFY(agent->readAllStandardError().contains("Needs a change ticket first"));
    }

    void refusedDecision_showsTheGatewaysSentence()
    {
        // An action requested by the approver themself: the gateway refuses their approval.
        HttpProbe http(m_gateway.url());
        const QString command = u"terraform apply -auto-approve prod.plan"_s;
        QVERIFY(!http.submit(m_gateway.dev().approver.token, {{u"command"_s, command}}).isEmpty());
        QVERIFY(select(command));
        QVERIFY(clickApprove(m_console->window()));
        QTRY_VERIFY(child<QLabel>(u"statusBanner"_s)->isVisible());
        QTRY_VERIFY(child<QLabel>(u"statusBanner"_s)->text().contains(u"someone else"_s));
        QVERIFY(m_console->queue()->rowCount() >= 1);
        screenshot(u"refused"_s);
    }

    void resolvedElsewhere_marksTheShownActionAndDoesNotJumpToAnother()
    {
        HttpProbe http(m_gateway.url());
        const QJsonObject first = http.submit(m_gateway.dev().agent.token, {{u"command"_s, u"make release-a"_s}});
        QVERIFY(!http.submit(m_gateway.dev().agent.token, {{u"command"_s, u"make release-b"_s}}).isEmpty());
        QVERIFY(select(u"make release-a"_s));
        QCOMPARE(
            http.post(u"/v1/actions/%1/cancel"_s.arg(first.value(u"id"_s).toString()), m_gateway.dev().agent.token, {})
                .status,
            200);
        QTRY_VERIFY2(child<QLabel>(u"statusBanner"_s)->text().contains(u"Cancelled"_s),
                     qPrintable(child<QLabel>(u"statusBanner"_s)->text() + u" / "_s +
                                child<QPlainTextEdit>(u"commandView"_s)->toPlainText()));
        QCOMPARE(child<QPlainTextEdit>(u"commandView"_s)->toPlainText(), u"make release-a"_s);
        QVERIFY(!child<QPushButton>(u"approveButton"_s)->isEnabled());
    }

    void gatewayGone_showsReconnectingAndDisablesDecisions()
    {
        m_gateway.kill();
        QTRY_COMPARE(m_console->feed()->state(), FeedClient::State::Reconnecting);
        QTRY_VERIFY(child<QLabel>(u"connectionLabel"_s)->text().contains(u"Reconnecting"_s));
        QVERIFY(!child<QPushButton>(u"approveButton"_s)->isEnabled());
        QVERIFY(m_gateway.restart());
        QTRY_COMPARE_WITH_TIMEOUT(m_console->feed()->state(), FeedClient::State::Connected, 40000);
    }

    // A key that waits for a touch: after 200 ms the console says so, and Cancel sends nothing.
    void touchPrompt_appearsWhileTheKeyWaits_andCancelSendsNothing()
    {
        auto key = std::make_shared<FakeSigner>(m_gateway.dev().approver.signingKeySeed, true);
        m_console->signer()->setSigner(key, u"test security key"_s);
        const QString command = u"kubectl -n payments rollout restart deploy/api"_s;
        auto agent = startAgent(command);
        const Action *action = select(command);
        QVERIFY(action);
        const QString id = action->id;
        QVERIFY(clickApprove(m_console->window()));
        SigningPrompt *prompt = m_console->signer()->prompt();
        QTRY_VERIFY(prompt->isVisible());
        QCOMPARE(prompt->mode(), SigningPrompt::Mode::Touch);
        QVERIFY(prompt->findChild<QLabel *>(u"signingMessage"_s)->text().contains(u"Touch your security key"_s));
        QVERIFY(key->isWaitingForTouch());
        screenshot(u"touch"_s, prompt);
        QTest::mouseClick(prompt->findChild<QPushButton *>(u"signingCancelButton"_s), Qt::LeftButton);
        QTRY_VERIFY(!prompt->isVisible());
        QTRY_VERIFY(child<QLabel>(u"statusBanner"_s)->text().contains(u"cancelled"_s));
        QVERIFY(m_console->queue()->rowOf(id) >= 0); // still pending: nothing was sent

        // Approve again and touch the key this time.
        QVERIFY(clickApprove(m_console->window()));
        QTRY_VERIFY(key->isWaitingForTouch());
        key->release();
        QCOMPARE(exitCodeOf(*agent), 0);
        QTRY_COMPARE(m_console->queue()->rowOf(id), -1);
        useDevKey();
    }

    // A key with a PIN: the console asks for it, and a wrong one is said in a sentence.
    void pinPrompt_wrongPinIsSaid_rightPinSigns()
    {
        auto key = std::make_shared<FakeSigner>(m_gateway.dev().approver.signingKeySeed, false, u"4711"_s);
        m_console->signer()->setSigner(key, u"test token"_s);
        const QString command = u"vault write -f transit/keys/payments/rotate"_s;
        auto agent = startAgent(command);
        QVERIFY(select(command));
        SigningPrompt *prompt = m_console->signer()->prompt();
        for (const QString &pin : {u"0000"_s, u"4711"_s}) {
            QVERIFY(clickApprove(m_console->window()));
            QTRY_VERIFY(prompt->isVisible());
            QCOMPARE(prompt->mode(), SigningPrompt::Mode::Pin);
            QVERIFY(prompt->findChild<QLineEdit *>(u"pinEdit"_s)->echoMode() == QLineEdit::Password);
            prompt->setPin(pin);
            QTest::mouseClick(prompt->findChild<QPushButton *>(u"pinOkButton"_s), Qt::LeftButton);
            if (pin == u"0000"_s)
                QTRY_VERIFY(child<QLabel>(u"statusBanner"_s)->text().contains(u"PIN is wrong"_s));
        }
        QCOMPARE(exitCodeOf(*agent), 0);
        useDevKey();
    }

    void noSigningKey_isSaidAndNothingIsSent()
    {
        m_console->signer()->setSigner(nullptr, {});
        const QString command = u"gcloud sql instances delete staging-db"_s;
        auto agent = startAgent(command);
        const Action *action = select(command);
        QVERIFY(action);
        const QString id = action->id;
        QVERIFY(clickApprove(m_console->window()));
        QTRY_VERIFY(child<QLabel>(u"statusBanner"_s)->text().contains(u"No signing key"_s));
        QVERIFY(m_console->queue()->rowOf(id) >= 0);
        useDevKey();
        QVERIFY(clickApprove(m_console->window()));
        QCOMPARE(exitCodeOf(*agent), 0);
    }

    // File > Signing key… (Settings' Signing keys page): enroll a key of a real SoftHSM2 token, have the operator
    // approve it, and approve an action with it after typing the token's PIN.
    void signingKeyDialog_enrollsATokenKey_thatSignsAfterApproval()
    {
        SoftHsmToken token;
        QString error;
        QVERIFY2(token.create(u"Console Token"_s, u"314159"_s, u"approver"_s, &error), qPrintable(error));
        m_console->window()->findChild<QAction *>(u"signingKeyAction"_s)->trigger();
        SigningKeyPanel *dialog = nullptr;
        QTRY_VERIFY((dialog = m_console->window()->findChild<SigningKeyPanel *>()) != nullptr);
        dialog->setKind(SigningKeyPanel::Kind::Pkcs11);
        dialog->setPkcs11Uri(token.uri());
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"enrollKeyButton"_s), Qt::LeftButton);
        auto *status = dialog->findChild<QLabel *>(u"keyStatusLabel"_s);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"enrolled"_s), 20000);
        screenshot(u"signing-key"_s, dialog->window());
        const QString keyId = QRegularExpression(u"k-[0-9a-f]{20}"_s).match(status->text()).captured();
        QVERIFY(!keyId.isEmpty());
        dialog->window()->close();

        const QString command = u"psql -c 'VACUUM FULL orders' prod"_s;
        auto agent = startAgent(command);
        QVERIFY(select(command));
        SigningPrompt *prompt = m_console->signer()->prompt();
        QVERIFY(clickApprove(m_console->window()));
        QTRY_VERIFY(prompt->isVisible());
        prompt->setPin(token.pin());
        QTest::mouseClick(prompt->findChild<QPushButton *>(u"pinOkButton"_s), Qt::LeftButton);
        QTRY_VERIFY(child<QLabel>(u"statusBanner"_s)->text().contains(u"operator"_s)); // key_not_approved

        QProcess approve;
        approve.start(GatewayProcess::binaryPath(),
                      QStringList{u"key"_s, u"approve"_s, keyId} + m_gateway.storeArguments());
        QTRY_COMPARE(approve.state(), QProcess::NotRunning);
        QCOMPARE(approve.exitCode(), 0);
        QVERIFY(clickApprove(m_console->window()));
        QTRY_VERIFY(prompt->isVisible());
        prompt->setPin(token.pin());
        QTest::mouseClick(prompt->findChild<QPushButton *>(u"pinOkButton"_s), Qt::LeftButton);
        QCOMPARE(exitCodeOf(*agent), 0);
        useDevKey();
    }
};

QTEST_MAIN(TestConsole)
#include "tst_console.moc"
