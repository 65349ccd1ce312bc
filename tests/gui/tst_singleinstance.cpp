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
