#include "Autostart.h"
#include "ConsoleController.h"
#include "ConsoleTestHelpers.h"
#include "GatewayList.h"
#include "GatewayProcess.h"
#include "KeychainTokenStore.h"
#include "MainWindow.h"
#include "SettingsController.h"
#include "SettingsDialog.h"
#include "SigningKeyPanel.h"
#include "SigningKeySettings.h"
#include "UrgentAlerts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// Settings (Ctrl+,) against real gateways and a real gnome-keyring: a gateway added with its
// token, found again by the next console from the keychain, removed with its token; the settings
// file holds the URL as text and never a token; notification choices and start at login stick.
class TestSettings : public QObject
{
    Q_OBJECT

    GatewayProcess m_prod;
    GatewayProcess m_staging;
    SystemClock m_clock;
    KeychainTokenStore m_keychain{u"countersign"_s};

    static KeychainTokenStore::Result readKeychain(KeychainTokenStore &store, const QString &key)
    {
        KeychainTokenStore::Result result;
        bool done = false;
        QObject context;
        store.read(key, &context, [&](const KeychainTokenStore::Result &r) {
            result = r;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 10000))
            qWarning() << "the keychain did not answer";
        return result;
    }

    static SettingsDialog *openSettings(ConsoleController &console)
    {
        QApplication::setActiveWindow(console.window());
        QTest::keyClick(console.window(), Qt::Key_Comma, Qt::ControlModifier);
        SettingsDialog *dialog = nullptr;
        if (!QTest::qWaitFor(
                [&] { return (dialog = console.window()->findChild<SettingsDialog *>()) && dialog->isVisible(); }))
            qWarning() << "Ctrl+, opened no settings dialog";
        return dialog;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_prod.startDev());
        QVERIFY(m_staging.startDev());
    }

    void addedGateway_keepsItsTokenInTheKeychain_andComesBackAfterARestart()
    {
        {
            ConsoleController console(&m_clock, &m_keychain);
            console.window()->show();
            console.start({GatewaySession::Options{
                u"prod"_s, m_prod.url(), m_prod.dev().approver.token, {}, m_prod.dev().approver.signingKeySeed}});
            SettingsDialog *dialog = openSettings(console);
            QVERIFY(dialog);
            dialog->setNewGateway(u"staging"_s, m_staging.url().toString(), m_staging.dev().approver.token);
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"addGatewayButton"_s), Qt::LeftButton);
            QTRY_COMPARE(int(console.sessions().size()), 2);
            QTRY_VERIFY(console.session(u"staging"_s)->mayDecide());
            QTRY_VERIFY(dialog->findChild<QLabel *>(u"gatewayStatus"_s)->text().contains(u"keychain"_s));
            QCOMPARE(readKeychain(m_keychain, m_staging.url().toString()).token, m_staging.dev().approver.token);
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"testGatewayButton"_s), Qt::LeftButton);
            QTRY_VERIFY(dialog->findChild<QLabel *>(u"gatewayStatus"_s)->text().contains(u"answers"_s));

            // The Signing keys page shows each gateway's own key: prod the development key it was
            // started with, staging none yet.
            dialog->showSigningKeys(u"prod"_s);
            auto *keyGateway = dialog->findChild<QComboBox *>(u"keyGateway"_s);
            auto *current = dialog->signingKeyPanel()->findChild<QLabel *>(u"currentKeyLabel"_s);
            QCOMPARE(dialog->signingKeyGateway(), u"prod"_s);
            QVERIFY(current->text().contains(console.session(u"prod"_s)->signingKeys()->description()));
            keyGateway->setCurrentIndex(keyGateway->findData(u"staging"_s));
            QVERIFY(current->text().contains(u"No signing key"_s));
            keyGateway->setCurrentIndex(keyGateway->findData(u"prod"_s));
            QVERIFY(current->text().contains(console.session(u"prod"_s)->signingKeys()->description()));
            QVERIFY(!console.session(u"prod"_s)->signingKeys()->description().isEmpty());
            QTest::mouseClick(dialog->findChild<QPushButton *>(u"gatewayKeyButton"_s), Qt::LeftButton); // stays
            QCOMPARE(dialog->signingKeyGateway(), u"prod"_s);
            dialog->findChild<QTabWidget *>(u"settingsTabs"_s)->setCurrentIndex(0);
            const QString dir = qEnvironmentVariable("COUNTERSIGN_SCREENSHOT_DIR");
            if (!dir.isEmpty()) {
                dialog->grab().save(dir + u"/settings.png"_s);
                const QPalette light = QApplication::palette();
                QApplication::setPalette(darkPalette());
                dialog->grab().save(dir + u"/settings-dark.png"_s);
                QApplication::setPalette(light);
            }
        }
        // The settings file: the URL as text, the name, and no token anywhere.
        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains(m_staging.url().toString().toUtf8()));
        QVERIFY(!text.contains("@Variant"));
        QVERIFY(!text.contains(m_staging.dev().approver.token.toUtf8()));
        QVERIFY(!text.contains(m_prod.dev().approver.token.toUtf8()));
        QCOMPARE(GatewayList::load(), QList<GatewayEntry>({{u"staging"_s, m_staging.url()}}));

        // The next console knows the gateway and reads its token from the keychain.
        ConsoleController console(&m_clock, &m_keychain);
        console.window()->show();
        console.start({});
        QCOMPARE(int(console.sessions().size()), 1);
        QTRY_VERIFY_WITH_TIMEOUT(console.session(u"staging"_s) && console.session(u"staging"_s)->isConnected(), 20000);

        // Removed: gone from the settings and from the keychain.
        SettingsDialog *dialog = openSettings(console);
        QVERIFY(dialog);
        QCOMPARE(dialog->selectedGateway(), u"staging"_s);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"removeGatewayButton"_s), Qt::LeftButton);
        QTRY_COMPARE(int(console.sessions().size()), 0);
        QVERIFY(GatewayList::load().isEmpty());
        QTRY_COMPARE(readKeychain(m_keychain, m_staging.url().toString()).status,
                     KeychainTokenStore::Result::Status::NotFound);
    }

    // A remembered key that cannot be opened is said in the main window, with no dialog open.
    void unusableRememberedKey_isSaidInTheMainWindow()
    {
        const QString gateway = QString::fromLatin1(QUrl::toPercentEncoding(m_prod.url().toString()));
        const QString approver = QString::fromLatin1(QUrl::toPercentEncoding(m_prod.dev().approver.id));
        QTemporaryDir dir;
        QFile broken(dir.filePath(u"credential.json"_s));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("not a credential");
        broken.close();
        QSettings().setValue(u"signing/%1/%2/uri"_s.arg(gateway, approver), QString(u"fido2:"_s + broken.fileName()));
        ConsoleController console(&m_clock, &m_keychain);
        console.window()->show();
        console.start({GatewaySession::Options{u"prod"_s, m_prod.url(), m_prod.dev().approver.token, {}, {}}});
        QTRY_VERIFY(console.session(u"prod"_s)->mayDecide());
        QTRY_VERIFY2(console.window()->findChild<QLabel *>(u"identityLabel"_s)->text().contains(u"cannot be used"_s),
                     qPrintable(console.window()->findChild<QLabel *>(u"identityLabel"_s)->text()));
        QSettings().remove(u"signing"_s);
    }

    void notificationChoicesAndStartAtLogin_areStoredAndApplied()
    {
        ConsoleController console(&m_clock, &m_keychain);
        console.window()->show();
        SettingsDialog *dialog = openSettings(console);
        QVERIFY(dialog);
        auto *urgency = dialog->findChild<QComboBox *>(u"minimumUrgency"_s);
        urgency->setCurrentIndex(urgency->findData(int(Urgency::Critical)));
        dialog->findChild<QCheckBox *>(u"showCommands"_s)->setChecked(true);
        dialog->findChild<QCheckBox *>(u"startAtLogin"_s)->setChecked(true);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"settingsApplyButton"_s), Qt::LeftButton);
        QCOMPARE(NotificationPreferences::load().minimumUrgency, Urgency::Critical);
        QVERIFY(NotificationPreferences::load().showCommands);
        QCOMPARE(console.alerts()->preferences().minimumUrgency, Urgency::Critical);
        QFile entry(Autostart::entryPath());
        QVERIFY(entry.open(QIODevice::ReadOnly));
        const QByteArray desktop = entry.readAll();
        QVERIFY(desktop.contains(QByteArray("Exec=\"" + QCoreApplication::applicationFilePath().toUtf8() + '"')));
        QVERIFY(desktop.contains("Type=Application"));
        entry.close();
        dialog->findChild<QCheckBox *>(u"startAtLogin"_s)->setChecked(false);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"settingsOkButton"_s), Qt::LeftButton);
        QVERIFY(!QFile::exists(Autostart::entryPath()));
    }
};

QTEST_MAIN(TestSettings)
#include "tst_settings.moc"
