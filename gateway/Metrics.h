#pragma once

#include "domain/Event.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace cs {

// A Prometheus histogram: cumulative counts of observations at or under each bound, their sum and
// their count.
class Histogram
{
public:
    explicit Histogram(QList<double> bounds) : m_bounds(std::move(bounds)), m_counts(m_bounds.size(), 0) {}
    void observe(double value);

private:
    friend class MetricsText;
    QList<double> m_bounds;
    QList<qint64> m_counts; // per bound, not yet cumulative
    double m_sum = 0;
    qint64 m_count = 0;
};

// Writes metrics in Prometheus' text format (version 0.0.4).
class MetricsText
{
public:
    void gauge(const char *name, const char *help, double value);
    void counter(const char *name, const char *help, double value);
    // One series per label value (`label`="key").
    void labelled(const char *name, const char *type, const char *help, const char *label,
                  const QMap<QString, qint64> &values);
    void histogram(const char *name, const char *help, const Histogram &histogram);
    const QByteArray &text() const { return m_text; }

private:
    void header(const char *name, const char *type, const char *help);
    QByteArray m_text;
};

// What happened to actions, from the log's events as they are recorded: outcomes by kind of event
// and how long a human took to decide.
class ActionMetrics
{
public:
    // `requestedAt`: when the event's action was requested, for a decision (invalid otherwise).
    void onEventRecorded(const Event &event, const QDateTime &requestedAt);
    static bool isDecision(const Event &event);
    void write(MetricsText &out) const;

private:
    QMap<QString, qint64> m_outcomes; // "approved", "denied", "expired", … -> count
    Histogram m_decisionSeconds{{1, 5, 15, 30, 60, 120, 300, 900, 1800, 3600, 14400, 86400}};
};

} // namespace cs
