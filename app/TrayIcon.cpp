#include "TrayIcon.h"

#include "RiskStyle.h"

#include <QApplication>
#include <QMenu>
#include <QPainter>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

namespace cs {

TrayIcon::TrayIcon(const Clock *clock, QObject *parent)
    : QObject(parent), m_clock(clock), m_base(QApplication::windowIcon()), m_tray(new QSystemTrayIcon(this)),
      m_menu(std::make_unique<QMenu>())
{
    m_menu->addAction(tr("Show Countersign"), this, &TrayIcon::showRequested);
    m_menu->addSeparator();
    QMenu *pause = m_menu->addMenu(tr("Pause notifications"));
    pause->addAction(tr("For 15 minutes"), this, [this] { Q_EMIT pauseRequested(m_clock->now().addSecs(15 * 60)); });
    pause->addAction(tr("For 1 hour"), this, [this] { Q_EMIT pauseRequested(m_clock->now().addSecs(3600)); });
    pause->addAction(tr("Until tomorrow, 08:00"), this, [this] {
        const QDateTime local = m_clock->now().toLocalTime();
        Q_EMIT pauseRequested(QDateTime(local.date().addDays(1), QTime(8, 0)));
    });
    pause->addSeparator();
    QAction *note = pause->addAction(tr("Critical requests still notify"));
    note->setEnabled(false);
    m_paused = m_menu->addAction(QString());
    m_paused->setEnabled(false);
    m_paused->setVisible(false);
    m_resume = m_menu->addAction(tr("Resume notifications"), this, &TrayIcon::resumeRequested);
    m_resume->setVisible(false);
    m_menu->addSeparator();
    m_menu->addAction(tr("Quit"), this, &TrayIcon::quitRequested);
    m_tray->setContextMenu(m_menu.get());
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            Q_EMIT showRequested();
    });
    update(0, std::nullopt, tr("Countersign: nothing pending"));
    m_tray->show();
}

TrayIcon::~TrayIcon()
{
    m_tray->setContextMenu(nullptr);
}

void TrayIcon::update(int pending, std::optional<Urgency> highest, const QString &tooltip)
{
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64})
        icon.addPixmap(QPixmap::fromImage(render(m_base, pending, highest, size)));
    m_tray->setIcon(icon);
    m_tray->setToolTip(tooltip);
}

void TrayIcon::setPaused(const QDateTime &until)
{
    const bool paused = until.isValid() && m_clock->now() < until;
    m_paused->setText(paused ? tr("Paused until %1").arg(QLocale().toString(until.toLocalTime(), QLocale::ShortFormat))
                             : QString());
    m_paused->setVisible(paused);
    m_resume->setVisible(paused);
}

QImage TrayIcon::render(const QIcon &base, int pending, std::optional<Urgency> highest, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    base.paint(&painter, image.rect());
    if (pending > 0 && highest) {
        // The badge fills the lower right: shape and colour for the urgency, the count inside.
        const QPalette palette = QApplication::palette();
        const qreal badge = size * 0.68;
        const QRectF rect(size - badge, size - badge, badge, badge);
        const QColor fill =
            *highest >= Urgency::High ? RiskStyle::urgencyColor(*highest, palette) : palette.color(QPalette::Highlight);
        RiskStyle::paintUrgencyShape(painter, rect, *highest == Urgency::Low ? Urgency::Normal : *highest, fill,
                                     Qt::transparent);
        if (*highest < Urgency::High) {
            // The ring of "normal" as a solid disc, so the digits have a ground.
            painter.setBrush(fill);
            painter.setPen(Qt::NoPen);
            painter.drawEllipse(rect.adjusted(1, 1, -1, -1));
        }
        QFont font = QApplication::font();
        font.setBold(true);
        font.setPixelSize(std::max(6, int(badge * (pending > 99 ? 0.36 : 0.5))));
        painter.setFont(font);
        painter.setPen(RiskStyle::contrastRatio(Qt::white, fill) >= RiskStyle::contrastRatio(Qt::black, fill)
                           ? Qt::white
                           : Qt::black);
        const QRectF textRect = *highest == Urgency::High ? rect.adjusted(0, badge * 0.25, 0, 0) : rect;
        painter.drawText(textRect, Qt::AlignCenter, pending > 999 ? u"999+"_s : QString::number(pending));
    }
    painter.end();
    return image;
}

} // namespace cs
