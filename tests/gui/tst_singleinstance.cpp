#include "SingleInstance.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;

// One console per user: the real countersign binary, started while one listens, hands over its
// link and exits 0 without opening a window of its own.
class TestSingleInstance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secondStart_handsItsLinkToTheFirst_andExits0()
    {
        SingleInstance first;
        QVERIFY(first.listen());
        QSignalSpy activated(&first, &SingleInstance::activated);
        QProcess second;
        second.start(QStringLiteral(COUNTERSIGN_CONSOLE_BIN), {u"countersign://action/prod/a-0123456789"_s});
        QTRY_COMPARE_WITH_TIMEOUT(second.state(), QProcess::NotRunning, 20000);
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.exitCode(), 0);
        QTRY_COMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toStringList(), QStringList{u"countersign://action/prod/a-0123456789"_s});
    }

    // --help and --version print and exit 0 without a display, before any window is made.
    void helpAndVersion_workWithoutADisplay()
    {
        for (const QString &option : {u"--help"_s, u"--version"_s}) {
            QProcess console;
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.remove(u"QT_QPA_PLATFORM"_s);
            environment.remove(u"DISPLAY"_s);
            environment.remove(u"WAYLAND_DISPLAY"_s);
            console.setProcessEnvironment(environment);
            console.start(QStringLiteral(COUNTERSIGN_CONSOLE_BIN), {option});
            QTRY_COMPARE_WITH_TIMEOUT(console.state(), QProcess::NotRunning, 20000);
            QCOMPARE(console.exitStatus(), QProcess::NormalExit);
            QCOMPARE(console.exitCode(), 0);
            const QString out = QString::fromUtf8(console.readAllStandardOutput());
            QVERIFY2(option == u"--help"_s ? out.contains(u"--gateway"_s) && out.contains(u"countersign://"_s)
                                           : out.contains(u"0.1.0"_s),
                     qPrintable(out));
        }
    }

    void withoutARunningConsole_handOffSaysSo() { QVERIFY(!SingleInstance::handOff({})); }

    void aStaleSocket_isTakenOver()
    {
        {
            SingleInstance crashed;
            QVERIFY(crashed.listen());
        }
        SingleInstance next;
        QVERIFY(next.listen());
        QSignalSpy activated(&next, &SingleInstance::activated);
        QProcess second;
        second.start(QStringLiteral(COUNTERSIGN_CONSOLE_BIN), {});
        QTRY_COMPARE_WITH_TIMEOUT(second.state(), QProcess::NotRunning, 20000);
        QCOMPARE(second.exitCode(), 0);
        QTRY_COMPARE(activated.size(), 1);
        QVERIFY(activated.first().first().toStringList().isEmpty());
    }
};

QTEST_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
