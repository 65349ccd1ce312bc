#pragma once

#include "Notifier.h"

#include <QDBusConnection>
#include <QHash>
#include <QSet>

namespace cs {

// Notifications through org.freedesktop.Notifications (dunst, GNOME Shell, KDE Plasma, …): each
// with the app name and the desktop-entry hint, the urgency hint (critical is 2), a "Review" and a
// default action; closed with CloseNotification when the action is decided, expires or is
// cancelled. Calls are asynchronous: a withdraw() that comes before the service's id is kept and
// done when the id arrives.
class DBusNotifier : public Notifier
{
    Q_OBJECT
public:
    static constexpr auto kService = "org.freedesktop.Notifications";
    static constexpr auto kPath = "/org/freedesktop/Notifications";

    explicit DBusNotifier(QDBusConnection connection = QDBusConnection::sessionBus(), QObject *parent = nullptr);

    // Whether a notification service is on the bus (or can be started by it) right now.
    bool isAvailable() const;
    QString name() const override;
    void show(const Notification &notification) override;
    void withdraw(const QString &key) override;

    // The id the service gave the notification of `key`, 0 while none is shown.
    uint idOf(const QString &key) const { return m_ids.value(key); }

private:
    void onActionInvoked(uint id, const QString &actionKey);
    void onClosed(uint id, uint reason);

    QDBusConnection m_bus;
    QHash<QString, uint> m_ids;
    QSet<QString> m_withdrawnEarly;
};

} // namespace cs
