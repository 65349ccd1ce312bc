#include "RiskStyle.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

#include <cmath>

using namespace Qt::StringLiterals;

namespace cs::RiskStyle {

namespace {

double channel(double c)
{
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &color)
{
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
}

} // namespace

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor readableOn(const QColor &hue, const QColor &background, double ratio)
{
    const bool darkBackground = luminance(background) < 0.18;
    QColor color = hue.toHsl();
    // Walk the lightness towards white (dark background) or black (light background) until the
    // ratio holds; the hue and saturation stay, so "red" remains red.
    for (int step = 0; step < 100 && contrastRatio(color, background) < ratio; ++step) {
        const float lightness = std::clamp(color.lightnessF() + (darkBackground ? 0.01f : -0.01f), 0.0f, 1.0f);
        color.setHslF(color.hslHueF(), color.hslSaturationF(), lightness);
    }
    return color.toRgb();
}

QColor urgencyColor(Urgency urgency, const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    switch (urgency) {
    case Urgency::Critical:
        return readableOn(QColor::fromHsl(0, 200, 110), base);
    case Urgency::High:
        return readableOn(QColor::fromHsl(28, 230, 100), base);
    case Urgency::Normal:
    case Urgency::Low:
        break;
    }
    return palette.color(QPalette::Text);
}

void paintUrgencyShape(QPainter &painter, const QRectF &rect, Urgency urgency, const QColor &color, const QColor &mark)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const QPointF c = rect.center();
    const double r = std::min(rect.width(), rect.height()) / 2.0;
    QPainterPath path;
    switch (urgency) {
    case Urgency::Critical:
        for (int i = 0; i < 8; ++i) {
            const double angle = M_PI / 8 + i * M_PI / 4;
            const QPointF p(c.x() + r * std::cos(angle), c.y() + r * std::sin(angle));
            i == 0 ? path.moveTo(p) : path.lineTo(p);
        }
        path.closeSubpath();
        break;
    case Urgency::High:
        path.moveTo(c.x(), rect.top());
        path.lineTo(rect.right(), rect.bottom());
        path.lineTo(rect.left(), rect.bottom());
        path.closeSubpath();
        break;
    case Urgency::Normal:
        path.addEllipse(c, r * 0.8, r * 0.8);
        path.addEllipse(c, r * 0.45, r * 0.45);
        break;
    case Urgency::Low:
        path.addEllipse(c, r * 0.35, r * 0.35);
        break;
    }
    painter.fillPath(path, color);
    if (urgency >= Urgency::High) {
        // The "!" in the shape's own contrast colour.
        QPen pen(mark, std::max(1.0, r * 0.22), Qt::SolidLine, Qt::RoundCap);
        painter.setPen(pen);
        const double top = urgency == Urgency::High ? c.y() - r * 0.25 : c.y() - r * 0.5;
        painter.drawLine(QPointF(c.x(), top), QPointF(c.x(), c.y() + r * 0.25));
        painter.drawPoint(QPointF(c.x(), c.y() + r * (urgency == Urgency::High ? 0.62 : 0.55)));
    }
    painter.restore();
}

QIcon urgencyIcon(Urgency urgency, const QPalette &palette)
{
    QIcon icon;
    for (int size : {16, 24, 32, 48}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        paintUrgencyShape(painter, QRectF(1, 1, size - 2, size - 2), urgency, urgencyColor(urgency, palette),
                          palette.color(QPalette::Base));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

bool isProduction(const QString &environment)
{
    const QString name = environment.trimmed().toLower();
    return name == u"production"_s || name == u"prod"_s || name == u"prd"_s || name == u"live"_s ||
           name.startsWith(u"prod-"_s) || name.startsWith(u"production-"_s);
}

QColor productionColor(const QPalette &palette)
{
    return readableOn(QColor::fromHsl(350, 190, 100), palette.color(QPalette::Base));
}

} // namespace cs::RiskStyle
