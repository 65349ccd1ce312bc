#include "ConnectDialog.h"
#include "ConsoleController.h"
#include "KeychainTokenStore.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;

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
        console.start({QUrl(u"http://127.0.0.1:1"_s), {}, {}, {}});
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
};

QTEST_MAIN(TestKeychain)
#include "tst_keychain.moc"
