#pragma once

#include "domain/Action.h"

#include <QColor>
#include <QIcon>
#include <QPalette>

namespace cs::RiskStyle {

// WCAG 2 contrast ratio of two colours (1 to 21).
double contrastRatio(const QColor &a, const QColor &b);
// `hue` made light or dark enough to read on `background` with at least `ratio`: colours come
// from the palette's background, never fixed, so light and dark themes both stay readable.
QColor readableOn(const QColor &hue, const QColor &background, double ratio = 4.5);

// The colour urgency is drawn in on the palette's base (critical red, high orange, normal and
// low the text colour); always paired with a shape and a word, never colour alone.
QColor urgencyColor(Urgency urgency, const QPalette &palette);
// Critical: an octagon with "!"; high: a triangle with "!"; normal: a ring; low: a small dot.
QIcon urgencyIcon(Urgency urgency, const QPalette &palette);
void paintUrgencyShape(class QPainter &painter, const QRectF &rect, Urgency urgency, const QColor &color,
                       const QColor &mark);

// A target environment that deserves a second look: production and its usual names.
bool isProduction(const QString &environment);
// The colour that marks production on `background` (a strong red), readable.
QColor productionColor(const QPalette &palette);

} // namespace cs::RiskStyle
