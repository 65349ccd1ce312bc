#include "ActionReviewPane.h"
#include "ConsoleController.h"
#include "GatewayProcess.h"
#include "KeychainTokenStore.h"
#include "MainWindow.h"
#include "PendingQueueModel.h"
#include "TestClients.h"
#include "TrayIcon.h"
#include "UrgentAlerts.h"
#include "notify/DBusNotifier.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// A notification service of the test's own, on its own bus connection: it records every call the
// console makes, the way a daemon would receive them, and can press "Review".
class FakeNotifications : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Call
    {
        QString appName;
        uint replaces = 0;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        int timeout = 0;
        uint id = 0;
    };
    QList<Call> notified;
    QList<uint> closed;

public Q_SLOTS:
    uint Notify(const QString &appName, uint replaces, const QString &, const QString &summary, const QString &body,
                const QStringList &actions, const QVariantMap &hints, int timeout)
    {
        const uint id = replaces ? replaces : m_next++;
        notified.append({appName, replaces, summary, body, actions, hints, timeout, id});
        return id;
    }
    void CloseNotification(uint id)
    {
        closed.append(id);
        Q_EMIT NotificationClosed(id, 3);
    }
    QStringList GetCapabilities() { return {u"actions"_s, u"body"_s}; }

Q_SIGNALS:
    void NotificationClosed(uint id, uint reason);
    void ActionInvoked(uint id, const QString &actionKey);

private:
    uint m_next = 1;
};

// Urgent requests reach the desktop: against the real gateway, through the session bus, either to
// the fake service above (COUNTERSIGN_NOTIFY_DAEMON=fake) or to a real dunst (=dunst, under Xvfb),
// read back with dunstctl. Every registration runs under a D-Bus session of its own.
class TestNotifications : public QObject
{
    Q_OBJECT

    GatewayProcess m_gateway;
    ManualClock m_clock{QDateTime::currentDateTimeUtc()};
    KeychainTokenStore m_keychain;
    FakeNotifications m_fake;
    std::unique_ptr<ConsoleController> m_console;
    QString m_mode = qEnvironmentVariable("COUNTERSIGN_NOTIFY_DAEMON", u"fake"_s);

    QString submit(const QString &urgency, const QString &command)
    {
        HttpProbe http(m_gateway.url());
        return http
            .submit(m_gateway.dev().agent.token,
                    {{u"urgency"_s, urgency}, {u"command"_s, command}, {u"kind"_s, u"iam.change"_s}})
            .value(u"id"_s)
            .toString();
    }

    void cancel(const QString &id)
    {
        HttpProbe http(m_gateway.url());
        QCOMPARE(http.post(u"/v1/actions/%1/cancel"_s.arg(id), m_gateway.dev().agent.token, {}).status, 200);
    }

    static QString dunstctl(const QStringList &arguments)
    {
        QProcess process;
        process.start(u"dunstctl"_s, arguments);
        if (!process.waitForFinished(5000))
            return {};
        return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    }

    bool fakeMode() const { return m_mode == u"fake"_s; }

private Q_SLOTS:
    void initTestCase()
    {
        if (fakeMode()) {
            QDBusConnection bus = QDBusConnection::connectToBus(QDBusConnection::SessionBus, u"fake-notifications"_s);
            QVERIFY2(bus.isConnected(), "no session bus: run this test under dbus-run-session");
            QVERIFY(bus.registerObject(QString::fromLatin1(DBusNotifier::kPath), &m_fake,
                                       QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals));
            QVERIFY(bus.registerService(QString::fromLatin1(DBusNotifier::kService)));
        } else {
            // The real daemon was started beside this test; wait until it owns the name.
            QTRY_VERIFY_WITH_TIMEOUT(QDBusConnection::sessionBus().interface()->isServiceRegistered(
                                         QString::fromLatin1(DBusNotifier::kService)),
                                     10000);
        }
        QVERIFY(m_gateway.startDev());
        m_console = std::make_unique<ConsoleController>(&m_clock, &m_keychain);
        QCOMPARE(m_console->notifier()->name(), u"org.freedesktop.Notifications"_s);
        m_console->window()->show();
        m_console->start({GatewaySession::Options{
            u"prod"_s, m_gateway.url(), m_gateway.dev().approver.token, {}, m_gateway.dev().approver.signingKeySeed}});
        QTRY_VERIFY(m_console->sessions().front()->mayDecide());
    }

    void critical_givesOneNotification_withoutTheCommand_andResolvingClosesIt()
    {
        if (!fakeMode())
            QSKIP("the real daemon is checked in realDaemon_showsReviewsAndWithdraws");
        const int before = int(m_fake.notified.size());
        const QString id = submit(u"critical"_s, u"aws iam attach-role-policy --role-name ci --policy-arn admin"_s);
        QTRY_COMPARE(int(m_fake.notified.size()), before + 1);
        QTest::qWait(200);
        QCOMPARE(int(m_fake.notified.size()), before + 1); // exactly one
        const FakeNotifications::Call call = m_fake.notified.last();
        QCOMPARE(call.appName, u"Countersign"_s);
        QVERIFY2(call.summary.contains(u"iam.change"_s) && call.summary.contains(u"postgres"_s) &&
                     call.summary.contains(u"production"_s) && call.summary.contains(u"Critical"_s),
                 qPrintable(call.summary));
        QVERIFY2(call.body.contains(m_gateway.dev().agent.id), qPrintable(call.body));
        QVERIFY(!call.summary.contains(u"attach-role-policy"_s) && !call.body.contains(u"attach-role-policy"_s));
        QCOMPARE(call.hints.value(u"urgency"_s).toInt(), 2);
        QCOMPARE(call.hints.value(u"desktop-entry"_s).toString(), u"org.countersign.Console"_s);
        QVERIFY(call.actions.contains(u"default"_s) && call.actions.contains(u"review"_s));
        QVERIFY(!call.actions.contains(u"approve"_s)); // nothing is ever decided from a notification
        cancel(id);
        QTRY_VERIFY(m_fake.closed.contains(call.id));
    }

    void normalUrgency_isNotNotified_byDefault()
    {
        if (!fakeMode())
            QSKIP("fake daemon only");
        const int before = int(m_fake.notified.size());
        const QString id = submit(u"normal"_s, u"make docs"_s);
        QTRY_VERIFY(m_console->queue()->rowOf(id) >= 0);
        QTest::qWait(200);
        QCOMPARE(int(m_fake.notified.size()), before);
        cancel(id);
    }

    void pause_holdsBackHigh_butNotCritical()
    {
        if (!fakeMode())
            QSKIP("fake daemon only");
        m_console->alerts()->pauseUntil(m_clock.now().addSecs(15 * 60));
        const int before = int(m_fake.notified.size());
        const QString high = submit(u"high"_s, u"kubectl delete ns old"_s);
        QTRY_VERIFY(m_console->queue()->rowOf(high) >= 0);
        QTest::qWait(200);
        QCOMPARE(int(m_fake.notified.size()), before);
        const QString critical = submit(u"critical"_s, u"vault operator seal"_s);
        QTRY_COMPARE(int(m_fake.notified.size()), before + 1);
        QCOMPARE(m_fake.notified.last().hints.value(u"urgency"_s).toInt(), 2);
        m_console->alerts()->resume();
        cancel(high);
        cancel(critical);
    }

    void unopenedUrgentAction_isNotifiedOnceMore_afterTheDelay()
    {
        if (!fakeMode())
            QSKIP("fake daemon only");
        const int before = int(m_fake.notified.size());
        const QString id = submit(u"high"_s, u"terraform apply prod.plan"_s);
        QTRY_COMPARE(int(m_fake.notified.size()), before + 1);
        const uint first = m_fake.notified.last().id;
        m_clock.advance(qint64(m_console->alerts()->preferences().renotifySeconds - 10) * 1000);
        QTest::qWait(1200);
        QCOMPARE(int(m_fake.notified.size()), before + 1); // not yet
        m_clock.advance(20 * 1000);
        QTRY_COMPARE(int(m_fake.notified.size()), before + 2);
        QVERIFY(m_fake.notified.last().summary.contains(u"Still waiting"_s));
        QCOMPARE(m_fake.notified.last().replaces, first);
        m_clock.advance(3600 * 1000);
        QTest::qWait(1200);
        QCOMPARE(int(m_fake.notified.size()), before + 2); // once more, not every time
        cancel(id);
        QTRY_VERIFY(m_fake.closed.contains(first));
    }

    void review_raisesTheWindowWithThatActionSelected()
    {
        if (!fakeMode())
            QSKIP("the real daemon's Review is pressed in realDaemon_showsReviewsAndWithdraws");
        const QString id = submit(u"critical"_s, u"psql -c 'DROP TABLE sessions' prod"_s);
        QTRY_VERIFY(!m_fake.notified.isEmpty() && m_fake.notified.last().summary.contains(u"Critical"_s));
        const uint notification = m_fake.notified.last().id;
        m_console->window()->hide();
        Q_EMIT m_fake.ActionInvoked(notification, u"review"_s);
        QTRY_VERIFY(m_console->window()->isVisible());
        QTRY_VERIFY(m_console->window()->reviewPane()->shownAction() &&
                    m_console->window()->reviewPane()->shownAction()->id == id);
        // Opened: no second notification for it.
        m_clock.advance(qint64(m_console->alerts()->preferences().renotifySeconds + 5) * 1000);
        const int count = int(m_fake.notified.size());
        QTest::qWait(1200);
        QCOMPARE(int(m_fake.notified.size()), count);
        cancel(id);
    }

    void showCommands_putsTheEscapedCommandInTheBody()
    {
        if (!fakeMode())
            QSKIP("fake daemon only");
        NotificationPreferences preferences = m_console->alerts()->preferences();
        preferences.showCommands = true;
        m_console->alerts()->setPreferences(preferences);
        const QString id = submit(u"critical"_s, u"rm -rf /srv/\u202Eetad"_s);
        QTRY_VERIFY(!m_fake.notified.isEmpty() && m_fake.notified.last().body.contains(u"rm -rf"_s));
        QVERIFY(m_fake.notified.last().body.contains(u"⟦U+202E RLO⟧"_s));
        preferences.showCommands = false;
        m_console->alerts()->setPreferences(preferences);
        cancel(id);
    }

    void trayIcon_drawsTheCountInAShapeForTheUrgency()
    {
        const QIcon base(u":/icons/countersign.svg"_s);
        const QImage none = TrayIcon::render(base, 0, std::nullopt, 32);
        const QImage critical = TrayIcon::render(base, 7, Urgency::Critical, 32);
        const QImage high = TrayIcon::render(base, 7, Urgency::High, 32);
        const QImage twelve = TrayIcon::render(base, 12, Urgency::Critical, 32);
        QVERIFY(none != critical);
        QVERIFY(critical != high);   // another shape and colour
        QVERIFY(critical != twelve); // another number
        const QString dir = qEnvironmentVariable("COUNTERSIGN_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            TrayIcon::render(base, 7, Urgency::Critical, 64).save(dir + u"/tray-critical.png"_s);
            TrayIcon::render(base, 3, Urgency::High, 64).save(dir + u"/tray-high.png"_s);
        }
    }

    void realDaemon_showsReviewsAndWithdraws()
    {
        if (fakeMode())
            QSKIP("runs against the real daemon (the tst_notifications_dunst registration)");
        const QString first = submit(u"critical"_s, u"aws iam delete-role --role-name legacy"_s);
        QTRY_COMPARE_WITH_TIMEOUT(dunstctl({u"count"_s, u"displayed"_s}), u"1"_s, 10000);
        // Review through the daemon itself: its default action raises the window on the action.
        m_console->window()->hide();
        dunstctl({u"action"_s, u"0"_s});
        QTRY_VERIFY_WITH_TIMEOUT(m_console->window()->isVisible(), 10000);
        QTRY_VERIFY(m_console->window()->reviewPane()->shownAction() &&
                    m_console->window()->reviewPane()->shownAction()->id == first);
        cancel(first);

        const QString second = submit(u"critical"_s, u"gcloud sql instances delete prod-db"_s);
        QTRY_COMPARE_WITH_TIMEOUT(dunstctl({u"count"_s, u"displayed"_s}), u"1"_s, 10000);
        cancel(second);
        QTRY_COMPARE_WITH_TIMEOUT(dunstctl({u"count"_s, u"displayed"_s}), u"0"_s, 10000);
        // What the daemon was given, from its history: app, urgency, summary, and no command.
        const QJsonObject history = QJsonDocument::fromJson(dunstctl({u"history"_s}).toUtf8()).object();
        const QJsonArray shown = history.value(u"data"_s).toArray().at(0).toArray();
        QVERIFY(!shown.isEmpty());
        const QJsonObject last = shown.at(0).toObject();
        QCOMPARE(last.value(u"appname"_s).toObject().value(u"data"_s).toString(), u"Countersign"_s);
        // dunst 1.9's history has no urgency field; a critical one never times out (ours sends 0 too).
        QCOMPARE(last.value(u"timeout"_s).toObject().value(u"data"_s).toInt(), 0);
        QCOMPARE(last.value(u"category"_s).toObject().value(u"data"_s).toString(), u"x-countersign.approval"_s);
        const QString summary = last.value(u"summary"_s).toObject().value(u"data"_s).toString();
        QVERIFY2(summary.contains(u"iam.change"_s) && summary.contains(u"production"_s), qPrintable(summary));
        const QString body = last.value(u"body"_s).toObject().value(u"data"_s).toString();
        QVERIFY(!body.contains(u"gcloud"_s) && !summary.contains(u"gcloud"_s));
    }
};

QTEST_MAIN(TestNotifications)
#include "tst_notifications.moc"
