#pragma once

#include "Notifier.h"

#include <QPointer>

class QSystemTrayIcon;
class QWidget;

namespace cs {

// Where no notification service answers: the tray icon's own message balloon. It cannot be
// withdrawn; a click on it reviews the action it was about.
class TrayMessageNotifier : public Notifier
{
    Q_OBJECT
public:
    explicit TrayMessageNotifier(QSystemTrayIcon *tray, QObject *parent = nullptr);
    QString name() const override;
    void show(const Notification &notification) override;
    void withdraw(const QString &key) override;

private:
    QPointer<QSystemTrayIcon> m_tray;
    QString m_lastKey;
};

// Where there is neither a service nor a tray: the taskbar's urgency hint on the window
// (QApplication::alert); the window's title already carries the count.
class WindowAlertNotifier : public Notifier
{
    Q_OBJECT
public:
    explicit WindowAlertNotifier(QWidget *window, QObject *parent = nullptr);
    QString name() const override;
    void show(const Notification &notification) override;
    void withdraw(const QString &key) override;

private:
    QPointer<QWidget> m_window;
};

} // namespace cs
