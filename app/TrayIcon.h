#pragma once

#include "domain/Action.h"
#include "util/Clock.h"

#include <QIcon>
#include <QObject>

#include <optional>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace cs {

// The console in the system tray: the pending count drawn on the icon in a badge whose shape and
// colour show the highest urgency waiting (octagon critical, triangle high, circle otherwise:
// never colour alone), a tooltip with the count and the most urgent action, and a menu: Show,
// Pause notifications (15 min, 1 h, until tomorrow; critical still notifies), Resume, Quit.
// Made only where a tray exists (QSystemTrayIcon::isSystemTrayAvailable()).
class TrayIcon : public QObject
{
    Q_OBJECT
public:
    TrayIcon(const Clock *clock, QObject *parent = nullptr);
    ~TrayIcon() override;

    QSystemTrayIcon *tray() const { return m_tray; }
    void update(int pending, std::optional<Urgency> highest, const QString &tooltip);
    void setPaused(const QDateTime &until);

    // The icon with its badge, at `size` pixels: also what the tests look at.
    static QImage render(const QIcon &base, int pending, std::optional<Urgency> highest, int size);

Q_SIGNALS:
    void showRequested();
    void pauseRequested(const QDateTime &until);
    void resumeRequested();
    void quitRequested();

private:
    const Clock *m_clock;
    QIcon m_base;
    QSystemTrayIcon *m_tray;
    std::unique_ptr<QMenu> m_menu;
    QAction *m_paused;
    QAction *m_resume;
};

} // namespace cs
