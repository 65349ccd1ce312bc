#include "ActionReviewPane.h"
#include "ConnectDialog.h"
#include "ConsoleController.h"
#include "GatewayProcess.h"
#include "KeychainTokenStore.h"
#include "ConsoleTestHelpers.h"
#include "MainWindow.h"
#include "PendingQueueModel.h"
#include "SigningKeyPanel.h"
#include "SigningKeySettings.h"
#include "TestClients.h"

#include <QAction>
#include <QApplication>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// QtKeychain against a real Secret Service. Registered twice: under with-keyring.sh (a private
// D-Bus session with an unlocked gnome-keyring-daemon), and with no D-Bus session at all, where
// every job must fail and the console must say so and ask for the token.
class TestKeychain : public QObject
{
    Q_OBJECT

    static bool keyringExpected() { return qEnvironmentVariable("COUNTERSIGN_EXPECT_KEYRING") == u"present"; }

    static KeychainTokenStore::Result run(const std::function<void(QObject *, KeychainTokenStore::Callback)> &job)
    {
        QObject context;
        std::optional<KeychainTokenStore::Result> result;
        job(&context, [&result](const KeychainTokenStore::Result &r) { result = r; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000))
            return {KeychainTokenStore::Result::Status::Unavailable, {}, u"timeout"_s};
        return *result;
    }

private Q_SLOTS:
    void token_roundTripsThroughTheKeychain()
    {
        if (!keyringExpected())
            QSKIP("this registration runs without a keyring");
        KeychainTokenStore store(u"countersign-test"_s);
        const QString key = u"http://127.0.0.1:8470"_s;
        auto written = run([&](QObject *c, auto cb) { store.write(key, u"cs_secret-token"_s, c, cb); });
        QVERIFY2(written.ok(), qPrintable(written.error));
        auto read = run([&](QObject *c, auto cb) { store.read(key, c, cb); });
        QVERIFY2(read.ok(), qPrintable(read.error));
        QCOMPARE(read.token, u"cs_secret-token"_s);
        QVERIFY(run([&](QObject *c, auto cb) { store.remove(key, c, cb); }).ok());
        QCOMPARE(run([&](QObject *c, auto cb) { store.read(key, c, cb); }).status,
                 KeychainTokenStore::Result::Status::NotFound);
    }

    void noKeyring_everyJobReportsUnavailable()
    {
        if (keyringExpected())
            QSKIP("this registration runs with a keyring");
        KeychainTokenStore store(u"countersign-test"_s);
        const auto written = run([&](QObject *c, auto cb) { store.write(u"k"_s, u"v"_s, c, cb); });
        QCOMPARE(written.status, KeychainTokenStore::Result::Status::Unavailable);
        QVERIFY(!written.error.isEmpty());
    }

    void console_withoutToken_readsKeychainOrSaysItIsUnreachable()
    {
        KeychainTokenStore store(u"countersign-test"_s);
        SystemClock clock;
        ConsoleController console(&clock, &store);
        console.window()->show();
        console.start({GatewaySession::Options{{}, QUrl(u"http://127.0.0.1:1"_s), {}, {}, {}}});
        ConnectDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = console.window()->findChild<ConnectDialog *>()) != nullptr, 20000);
        QTRY_VERIFY(dialog->isVisible());
        auto *remember = dialog->findChild<QCheckBox *>();
        QVERIFY(remember);
        if (keyringExpected()) {
            QVERIFY(remember->isEnabled());
        } else {
            QVERIFY(!remember->isEnabled());
            bool said = false;
            for (QLabel *label : dialog->findChildren<QLabel *>())
                said = said || label->text().contains(u"No keychain is reachable"_s);
            QVERIFY(said);
        }
    }

    // A development software key lives in the keychain: made and enrolled from File > Signing
    // key…, approved by the operator, and found again by the next console for the same approver.
    void softwareKey_keptInTheKeychain_signsAfterARestart()
    {
        if (!keyringExpected())
            QSKIP("this registration runs without a keyring");
        GatewayProcess gateway;
        QVERIFY(gateway.startDev());
        KeychainTokenStore store(u"countersign-test"_s);
        SystemClock clock;
        QString keyId;
        {
            ConsoleController console(&clock, &store);
            console.window()->show();
            console.start({GatewaySession::Options{{}, gateway.url(), gateway.dev().approver.token, {}, {}}});
            QTRY_COMPARE(console.feed()->state(), FeedClient::State::Connected);
            console.window()->findChild<QAction *>(u"signingKeyAction"_s)->trigger();
            SigningKeyPanel *dialog = nullptr;
            QTRY_VERIFY((dialog = console.window()->findChild<SigningKeyPanel *>()) != nullptr);
            dialog->setKind(SigningKeyPanel::Kind::Software);
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"enrollKeyButton"_s), Qt::LeftButton);
            auto *status = dialog->findChild<QLabel *>(u"keyStatusLabel"_s);
            QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"enrolled"_s), 20000);
            keyId = QRegularExpression(u"k-[0-9a-f]{20}"_s).match(status->text()).captured();
        }
        QProcess approve;
        approve.start(GatewayProcess::binaryPath(),
                      QStringList{u"key"_s, u"approve"_s, keyId} + gateway.storeArguments());
        QTRY_COMPARE(approve.state(), QProcess::NotRunning);
        QCOMPARE(approve.exitCode(), 0);

        ConsoleController console(&clock, &store);
        console.window()->show();
        console.start({GatewaySession::Options{{}, gateway.url(), gateway.dev().approver.token, {}, {}}});
        QTRY_VERIFY(console.signingKeys()->description().contains(u"keychain"_s));
        HttpProbe http(gateway.url());
        const QString id = http.submit(gateway.dev().agent.token).value(u"id"_s).toString();
        QTRY_VERIFY(console.queue()->rowOf(id) >= 0);
        QVERIFY(console.window()->selectAction({}, id));
        QVERIFY(clickApprove(console.window()));
        QTRY_COMPARE(
            http.get(u"/v1/actions/%1"_s.arg(id), gateway.dev().agent.token).body.value(u"status"_s).toString(),
            u"approved"_s);
        const HttpResult exported = http.get(u"/v1/actions/%1/decision"_s.arg(id), gateway.dev().approver.token);
        QCOMPARE(exported.body.value(u"decision"_s).toObject().value(u"key_id"_s).toString(), keyId);
    }
};

QTEST_MAIN(TestKeychain)
#include "tst_keychain.moc"
