#pragma once

#include "domain/Action.h"
#include "notify/Notifier.h"
#include "util/Clock.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace cs {

// What the approver asked to be told (Settings > Notifications), kept in QSettings.
struct NotificationPreferences
{
    Urgency minimumUrgency = Urgency::High; // Low: every action
    bool showCommands = false;              // notifications show on locked screens: off by default
    int renotifySeconds = 300;              // an urgent action still unopened is notified once more
    bool soundForCritical = true;

    static NotificationPreferences load();
    void save() const;
};

// Decides which pending actions raise a notification, and when it goes away: a new action of the
// chosen urgency raises one (summary: kind, system, environment, initiator; the command only when
// asked for); one still pending and not opened after the delay is notified once more; a decided,
// expired or cancelled action's notification is withdrawn. Pausing (15 min, 1 h, until tomorrow)
// holds back everything but critical. Many arrivals in one go (a snapshot at start) give one
// summary instead of a notification each. Time comes from the injected clock.
class UrgentAlerts : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxSeparateNotifications = 3;

    UrgentAlerts(const Clock *clock, Notifier *notifier, QObject *parent = nullptr);

    void setNotifier(Notifier *notifier);
    Notifier *notifier() const { return m_notifier; }
    void setPreferences(const NotificationPreferences &preferences) { m_preferences = preferences; }
    const NotificationPreferences &preferences() const { return m_preferences; }

    void pauseUntil(const QDateTime &until);
    void resume() { m_pausedUntil = {}; }
    bool isPaused() const;
    QDateTime pausedUntil() const { return m_pausedUntil; }

    static QString keyOf(const QString &gateway, const QString &actionId) { return gateway + u'/' + actionId; }

    // From the queue model.
    void actionArrived(const QString &gateway, const Action &action);
    void actionLeft(const QString &gateway, const QString &actionId);
    // The approver opened it in the review pane: no second notification.
    void actionOpened(const QString &gateway, const QString &actionId);
    // Every second: re-notifies what waited too long.
    void tick();

Q_SIGNALS:
    // The approver chose Review on the notification of that action (or of the summary: empty id).
    void reviewRequested(const QString &gateway, const QString &actionId);

private:
    struct Entry
    {
        QString gateway;
        Action action;
        QDateTime notifiedAt;
        bool shown = false;
        bool renotified = false;
        bool opened = false;
    };
    bool wanted(const Action &action) const;
    Notification notificationFor(const Entry &entry, bool again) const;
    void flushArrivals();

    const Clock *m_clock;
    QPointer<Notifier> m_notifier;
    NotificationPreferences m_preferences;
    QDateTime m_pausedUntil;
    QHash<QString, Entry> m_entries;
    QList<QString> m_arrivals;
    bool m_summaryShown = false;
    QTimer m_flush;
};

} // namespace cs
