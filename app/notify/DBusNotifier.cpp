#include "DBusNotifier.h"

#include "util/Log.h"

#include <QDBusAbstractInterface>
#include <QDBusConnectionInterface>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

// The service's two signals as Qt signals: QtDBus subscribes to them on the bus when they are
// connected, so they take pointer-to-member connects like any other.
class NotificationsProxy : public QDBusAbstractInterface
{
    Q_OBJECT
public:
    NotificationsProxy(const QDBusConnection &bus, QObject *parent)
        : QDBusAbstractInterface(QString::fromLatin1(DBusNotifier::kService), QString::fromLatin1(DBusNotifier::kPath),
                                 DBusNotifier::kService, bus, parent)
    {
    }

Q_SIGNALS:
    void ActionInvoked(uint id, const QString &actionKey);
    void NotificationClosed(uint id, uint reason);
};

NotificationsProxy *proxyOf(QObject *owner)
{
    return owner->findChild<NotificationsProxy *>(QString(), Qt::FindDirectChildrenOnly);
}

} // namespace

DBusNotifier::DBusNotifier(QDBusConnection connection, QObject *parent) : Notifier(parent), m_bus(std::move(connection))
{
    auto *proxy = new NotificationsProxy(m_bus, this);
    connect(proxy, &NotificationsProxy::ActionInvoked, this, &DBusNotifier::onActionInvoked);
    connect(proxy, &NotificationsProxy::NotificationClosed, this, &DBusNotifier::onClosed);
}

bool DBusNotifier::isAvailable() const
{
    QDBusConnectionInterface *bus = m_bus.isConnected() ? m_bus.interface() : nullptr;
    if (!bus)
        return false;
    const QString service = QString::fromLatin1(kService);
    return bus->isServiceRegistered(service).value() || bus->activatableServiceNames().value().contains(service);
}

QString DBusNotifier::name() const
{
    return u"org.freedesktop.Notifications"_s;
}

void DBusNotifier::show(const Notification &notification)
{
    m_withdrawnEarly.remove(notification.key);
    QVariantMap hints{{u"urgency"_s, QVariant::fromValue(uchar(notification.urgency == Urgency::Critical ? 2 : 1))},
                      {u"desktop-entry"_s, u"org.countersign.Console"_s},
                      {u"category"_s, u"x-countersign.approval"_s}};
    if (notification.sound)
        hints.insert(u"sound-name"_s, u"dialog-warning"_s);
    const QString review = tr("Review");
    const QVariantList arguments{u"Countersign"_s,
                                 m_ids.value(notification.key), // replaces the one on screen, if any
                                 u"countersign"_s,
                                 notification.summary,
                                 notification.body,
                                 QStringList{u"default"_s, review, u"review"_s, review},
                                 hints,
                                 notification.urgency == Urgency::Critical ? 0 : -1}; // critical stays
    NotificationsProxy *proxy = proxyOf(this);
    auto *watcher = new QDBusPendingCallWatcher(proxy->asyncCallWithArgumentList(u"Notify"_s, arguments), this);
    const QString key = notification.key;
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, key](QDBusPendingCallWatcher *call) {
        call->deleteLater();
        const QDBusPendingReply<uint> reply = *call;
        if (reply.isError()) {
            qCWarning(lcClient) << "notification service refused Notify:" << reply.error().message();
            return;
        }
        if (m_withdrawnEarly.remove(key)) {
            proxyOf(this)->asyncCall(u"CloseNotification"_s, reply.value());
            return;
        }
        m_ids.insert(key, reply.value());
    });
}

void DBusNotifier::withdraw(const QString &key)
{
    const uint id = m_ids.take(key);
    if (id == 0) {
        m_withdrawnEarly.insert(key); // Notify may still be on its way
        return;
    }
    proxyOf(this)->asyncCall(u"CloseNotification"_s, id);
}

void DBusNotifier::onActionInvoked(uint id, const QString &actionKey)
{
    if (actionKey != u"default"_s && actionKey != u"review"_s)
        return;
    const QString key = m_ids.key(id);
    if (!key.isEmpty())
        Q_EMIT reviewRequested(key);
}

void DBusNotifier::onClosed(uint id, uint reason)
{
    Q_UNUSED(reason)
    const QString key = m_ids.key(id);
    if (!key.isEmpty())
        m_ids.remove(key);
}

} // namespace cs

#include "DBusNotifier.moc"
