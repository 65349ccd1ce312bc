#include "ConsoleController.h"
#include "GatewayProcess.h"
#include "KeychainTokenStore.h"
#include "MainWindow.h"
#include "client/TlsTrust.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QMessageBox>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// The console against a TLS gateway (issue 11): connected with the gateway's pinned CA; with
// another CA, one dialog that says why with the certificate's fingerprint, and no retry.
class TestConsoleTls : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    GatewayProcess m_gateway;
    TestPrincipal m_alice = GatewayProcess::principal(u"alice"_s, Role::Approver);
    SystemClock m_clock;
    KeychainTokenStore m_keychain;

    QString path(const QString &relative) const { return QDir(m_dir.path()).filePath(relative); }
    QUrl url() const
    {
        QUrl url = m_gateway.url();
        url.setHost(u"localhost"_s);
        return url;
    }
    std::unique_ptr<ConsoleController> console(const QString &caFile)
    {
        auto console = std::make_unique<ConsoleController>(&m_clock, &m_keychain);
        console->window()->show();
        GatewaySession::Options options{u"prod"_s, url(), m_alice.token, {}, m_alice.signingSeed};
        options.trust = TlsTrust{caFile, {}, false};
        console->start({options});
        return console;
    }
    static QString fingerprint(const QString &pem)
    {
        return TlsTrust::fingerprintOf(QSslCertificate::fromPath(pem).value(0));
    }
    void screenshot(const QString &name, QWidget *widget)
    {
        const QString dir = qEnvironmentVariable("COUNTERSIGN_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            widget->grab().save(dir + u'/' + name + u".png"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        for (const QString &name : {u"tls"_s, u"other"_s}) {
            QCOMPARE(QProcess::execute(GatewayProcess::binaryPath(), {u"tls"_s, u"self-signed"_s, u"--host"_s,
                                                                      u"localhost"_s, u"--out"_s, path(name)}),
                     0);
        }
        QVERIFY(m_gateway.startWithConfig({m_alice}, "tls:\n  certificate: " + path(u"tls/server.pem"_s).toUtf8() +
                                                         "\n  private_key: " + path(u"tls/server.key"_s).toUtf8() +
                                                         "\n"));
    }

    void pinnedCa_connects()
    {
        const auto trusted = console(path(u"tls/ca.pem"_s));
        QTRY_COMPARE_WITH_TIMEOUT(trusted->feed()->state(), FeedClient::State::Connected, 10000);
        auto *label = trusted->window()->findChild<QLabel *>(u"connectionLabel"_s);
        QTRY_VERIFY(label->text().contains(u"https://localhost"_s));
        screenshot(u"console-tls-connected"_s, trusted->window());
    }

    void anotherCa_saysWhyOnce_withTheFingerprint_andDoesNotRetry()
    {
        const auto untrusted = console(path(u"other/ca.pem"_s));
        QSignalSpy retries(untrusted->feed(), &FeedClient::reconnectScheduled);
        QMessageBox *box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((box = untrusted->window()->findChild<QMessageBox *>(u"certificateRefused"_s)), 10000);
        QVERIFY(box->isVisible());
        QVERIFY2(box->informativeText().contains(fingerprint(path(u"tls/ca.pem"_s))),
                 qPrintable(box->informativeText()));
        QVERIFY(box->text().contains(u"prod"_s));
        screenshot(u"console-tls-untrusted"_s, box);
        QTest::qWait(1500);
        QCOMPARE(retries.size(), 0);
        QCOMPARE(untrusted->feed()->state(), FeedClient::State::Offline);
        QCOMPARE(untrusted->window()->findChildren<QMessageBox *>(u"certificateRefused"_s).size(), 1);
        auto *label = untrusted->window()->findChild<QLabel *>(u"connectionLabel"_s);
        QVERIFY2(label->text().contains(u"not trusted"_s), qPrintable(label->text()));
    }
};

QTEST_MAIN(TestConsoleTls)
#include "tst_consoletls.moc"
