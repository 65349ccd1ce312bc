#include "FallbackNotifiers.h"

#include <QApplication>
#include <QSystemTrayIcon>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace cs {

TrayMessageNotifier::TrayMessageNotifier(QSystemTrayIcon *tray, QObject *parent) : Notifier(parent), m_tray(tray)
{
    connect(tray, &QSystemTrayIcon::messageClicked, this, [this] {
        if (!m_lastKey.isEmpty())
            Q_EMIT reviewRequested(m_lastKey);
    });
}

QString TrayMessageNotifier::name() const
{
    return u"tray"_s;
}

void TrayMessageNotifier::show(const Notification &notification)
{
    if (!m_tray)
        return;
    m_lastKey = notification.key;
    m_tray->showMessage(notification.summary, notification.body,
                        notification.urgency == Urgency::Critical ? QSystemTrayIcon::Critical
                                                                  : QSystemTrayIcon::Warning,
                        notification.urgency == Urgency::Critical ? 60000 : 10000);
}

void TrayMessageNotifier::withdraw(const QString &key)
{
    if (key == m_lastKey)
        m_lastKey.clear(); // a balloon cannot be taken back; its click no longer leads anywhere
}

WindowAlertNotifier::WindowAlertNotifier(QWidget *window, QObject *parent) : Notifier(parent), m_window(window)
{
}

QString WindowAlertNotifier::name() const
{
    return u"taskbar"_s;
}

void WindowAlertNotifier::show(const Notification &)
{
    if (m_window)
        QApplication::alert(m_window, 0);
}

void WindowAlertNotifier::withdraw(const QString &)
{
}

} // namespace cs
