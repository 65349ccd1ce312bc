#pragma once

#include "domain/Action.h"

#include <QObject>
#include <QString>

namespace cs {

// One desktop notification the console raises about a pending action. `key` names the action
// ("GATEWAY/ID") so that showing it again replaces the one on screen and withdraw() closes it.
struct Notification
{
    QString key;
    QString summary;
    QString body;
    Urgency urgency = Urgency::High;
    bool sound = false;
};

// Where the console's notifications go: the freedesktop notification service over D-Bus
// (DBusNotifier), the tray's balloon where no service answers, the taskbar's urgency hint where
// neither exists. One interface, so that macOS and Windows back-ends can be added. A notification
// never decides anything: its only action is "Review", which opens the action in the window.
class Notifier : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual QString name() const = 0;
    virtual void show(const Notification &notification) = 0;
    virtual void withdraw(const QString &key) = 0;

Q_SIGNALS:
    // The approver chose "Review" (or clicked the notification).
    void reviewRequested(const QString &key);
};

} // namespace cs
