#include "UrgentAlerts.h"

#include "PendingQueueModel.h"
#include "domain/CommandDisplay.h"
#include "notify/Notifier.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

const QString kSummaryKey = u"summary/"_s;

} // namespace

NotificationPreferences NotificationPreferences::load()
{
    QSettings settings;
    NotificationPreferences preferences;
    preferences.minimumUrgency =
        urgencyFromName(settings.value(u"notifications/minimum_urgency"_s, u"high"_s).toString())
            .value_or(Urgency::High);
    preferences.showCommands = settings.value(u"notifications/show_commands"_s, false).toBool();
    preferences.renotifySeconds = std::max(30, settings.value(u"notifications/renotify_seconds"_s, 300).toInt());
    preferences.soundForCritical = settings.value(u"notifications/sound_for_critical"_s, true).toBool();
    return preferences;
}

void NotificationPreferences::save() const
{
    QSettings settings;
    settings.setValue(u"notifications/minimum_urgency"_s, urgencyName(minimumUrgency));
    settings.setValue(u"notifications/show_commands"_s, showCommands);
    settings.setValue(u"notifications/renotify_seconds"_s, renotifySeconds);
    settings.setValue(u"notifications/sound_for_critical"_s, soundForCritical);
}

UrgentAlerts::UrgentAlerts(const Clock *clock, Notifier *notifier, QObject *parent)
    : QObject(parent), m_clock(clock), m_preferences(NotificationPreferences::load())
{
    m_flush.setSingleShot(true);
    m_flush.setInterval(0); // arrivals of one event-loop pass (one snapshot) are told together
    connect(&m_flush, &QTimer::timeout, this, &UrgentAlerts::flushArrivals);
    setNotifier(notifier);
}

void UrgentAlerts::setNotifier(Notifier *notifier)
{
    if (m_notifier)
        m_notifier->disconnect(this);
    m_notifier = notifier;
    if (!notifier)
        return;
    connect(notifier, &Notifier::reviewRequested, this, [this](const QString &key) {
        const auto entry = m_entries.constFind(key);
        if (entry != m_entries.cend())
            Q_EMIT reviewRequested(entry->gateway, entry->action.id);
        else if (key.startsWith(kSummaryKey))
            Q_EMIT reviewRequested({}, {});
    });
}

void UrgentAlerts::pauseUntil(const QDateTime &until)
{
    m_pausedUntil = until;
}

bool UrgentAlerts::isPaused() const
{
    return m_pausedUntil.isValid() && m_clock->now() < m_pausedUntil;
}

bool UrgentAlerts::wanted(const Action &action) const
{
    const Urgency urgency = action.request.urgency;
    if (urgency == Urgency::Critical)
        return true; // whatever the pause: do-not-disturb still lets critical through
    return !isPaused() && urgency >= m_preferences.minimumUrgency;
}

Notification UrgentAlerts::notificationFor(const Entry &entry, bool again) const
{
    const ActionRequest &request = entry.action.request;
    const auto text = [](const QString &field) { return CommandDisplay::escape(field, false); };
    Notification notification;
    notification.key = keyOf(entry.gateway, entry.action.id);
    notification.urgency = request.urgency;
    notification.sound = request.urgency == Urgency::Critical && m_preferences.soundForCritical;
    const QString what =
        tr("%1 on %2 (%3)").arg(text(request.kind), text(request.target.system), text(request.target.environment));
    notification.summary = again ? tr("Still waiting: %1").arg(what)
                                 : tr("%1 approval: %2").arg(PendingQueueModel::urgencyLabel(request.urgency), what);
    QString initiator = text(entry.action.initiator);
    if (!request.onBehalfOf.isEmpty())
        initiator = tr("%1 for %2").arg(initiator, text(request.onBehalfOf));
    notification.body = entry.gateway.isEmpty() ? tr("Requested by %1.").arg(initiator)
                                                : tr("Requested by %1 on %2.").arg(initiator, entry.gateway);
    if (m_preferences.showCommands)
        notification.body += u'\n' + CommandDisplay::singleLine(request).left(300);
    return notification;
}

void UrgentAlerts::actionArrived(const QString &gateway, const Action &action)
{
    const QString key = keyOf(gateway, action.id);
    if (m_entries.contains(key))
        return;
    const bool tell = wanted(action);
    if (!tell && action.request.urgency < Urgency::High)
        return; // never told, never told again: nothing to keep
    m_entries.insert(key, {gateway, action, {}, false, false, false});
    if (tell) {
        m_arrivals.append(key);
        m_flush.start();
    }
}

void UrgentAlerts::flushArrivals()
{
    const QList<QString> arrivals = std::exchange(m_arrivals, {});
    if (!m_notifier || arrivals.isEmpty())
        return;
    const QDateTime now = m_clock->now();
    if (arrivals.size() > kMaxSeparateNotifications) {
        Urgency highest = Urgency::Low;
        for (const QString &key : arrivals) {
            Entry &entry = m_entries[key];
            entry.notifiedAt = now;
            highest = std::max(highest, entry.action.request.urgency);
        }
        m_summaryShown = true;
        m_notifier->show({kSummaryKey, tr("%n actions wait for approval", nullptr, int(arrivals.size())),
                          tr("Open Countersign to review them."), highest, false});
        return;
    }
    for (const QString &key : arrivals) {
        const auto it = m_entries.find(key);
        if (it == m_entries.end())
            continue; // resolved before it could be told
        it->notifiedAt = now;
        it->shown = true;
        m_notifier->show(notificationFor(*it, false));
    }
}

void UrgentAlerts::actionLeft(const QString &gateway, const QString &actionId)
{
    const QString key = keyOf(gateway, actionId);
    const Entry entry = m_entries.take(key);
    m_arrivals.removeAll(key);
    if (entry.shown && m_notifier)
        m_notifier->withdraw(key);
    if (m_summaryShown && m_notifier && std::none_of(m_entries.cbegin(), m_entries.cend(), [](const Entry &e) {
            return e.notifiedAt.isValid() && !e.shown;
        })) {
        m_summaryShown = false;
        m_notifier->withdraw(kSummaryKey);
    }
}

void UrgentAlerts::actionOpened(const QString &gateway, const QString &actionId)
{
    const auto it = m_entries.find(keyOf(gateway, actionId));
    if (it != m_entries.end())
        it->opened = true;
}

void UrgentAlerts::tick()
{
    if (!m_notifier)
        return;
    const QDateTime now = m_clock->now();
    for (Entry &entry : m_entries) {
        if (entry.opened || entry.renotified || !entry.notifiedAt.isValid() ||
            entry.action.request.urgency < Urgency::High)
            continue;
        if (entry.notifiedAt.secsTo(now) < m_preferences.renotifySeconds || now >= entry.action.expiresAt)
            continue;
        if (!wanted(entry.action))
            continue;
        entry.renotified = true;
        entry.shown = true;
        m_notifier->show(notificationFor(entry, true));
    }
}

} // namespace cs
