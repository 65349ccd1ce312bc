#include "Metrics.h"

using namespace Qt::StringLiterals;

namespace cs {

namespace {

QByteArray number(double value)
{
    return QByteArray::number(value, 'g', 15);
}

} // namespace

void Histogram::observe(double value)
{
    for (qsizetype i = 0; i < m_bounds.size(); ++i) {
        if (value <= m_bounds[i]) {
            ++m_counts[i];
            break;
        }
    }
    m_sum += value;
    ++m_count;
}

void MetricsText::header(const char *name, const char *type, const char *help)
{
    m_text += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
}

void MetricsText::gauge(const char *name, const char *help, double value)
{
    header(name, "gauge", help);
    m_text += QByteArray(name) + ' ' + number(value) + '\n';
}

void MetricsText::counter(const char *name, const char *help, double value)
{
    header(name, "counter", help);
    m_text += QByteArray(name) + ' ' + number(value) + '\n';
}

void MetricsText::labelled(const char *name, const char *type, const char *help, const char *label,
                           const QMap<QString, qint64> &values)
{
    header(name, type, help);
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        m_text +=
            QByteArray(name) + '{' + label + "=\"" + it.key().toUtf8() + "\"} " + number(double(it.value())) + '\n';
}

void MetricsText::histogram(const char *name, const char *help, const Histogram &histogram)
{
    header(name, "histogram", help);
    qint64 cumulative = 0;
    for (qsizetype i = 0; i < histogram.m_bounds.size(); ++i) {
        cumulative += histogram.m_counts[i];
        m_text += QByteArray(name) + "_bucket{le=\"" + number(histogram.m_bounds[i]) + "\"} " +
                  QByteArray::number(cumulative) + '\n';
    }
    m_text += QByteArray(name) + "_bucket{le=\"+Inf\"} " + QByteArray::number(histogram.m_count) + '\n';
    m_text += QByteArray(name) + "_sum " + number(histogram.m_sum) + '\n';
    m_text += QByteArray(name) + "_count " + QByteArray::number(histogram.m_count) + '\n';
}

bool ActionMetrics::isDecision(const Event &event)
{
    return event.type == EventType::ActionApproved || event.type == EventType::ActionDenied;
}

void ActionMetrics::onEventRecorded(const Event &event, const QDateTime &requestedAt)
{
    static const QMap<QString, QString> outcomes{{EventType::ActionRequested, u"requested"_s},
                                                 {EventType::ActionApproved, u"approved"_s},
                                                 {EventType::ActionDenied, u"denied"_s},
                                                 {EventType::ActionExpired, u"expired"_s},
                                                 {EventType::ActionCancelled, u"cancelled"_s},
                                                 {EventType::ActionAllowed, u"allowed_by_policy"_s},
                                                 {EventType::ActionPolicyDenied, u"denied_by_policy"_s}};
    const auto outcome = outcomes.constFind(event.type);
    if (outcome == outcomes.cend())
        return;
    ++m_outcomes[*outcome];
    // A human decided: how long after the request.
    if (isDecision(event) && requestedAt.isValid())
        m_decisionSeconds.observe(double(requestedAt.msecsTo(event.time)) / 1000.0);
}

void ActionMetrics::write(MetricsText &out) const
{
    out.labelled("countersign_actions_total", "counter",
                 "Actions by what happened to them (requested, approved, denied, expired, …).", "outcome", m_outcomes);
    out.histogram("countersign_decision_seconds", "From an action's request to a human's approval or denial.",
                  m_decisionSeconds);
}

} // namespace cs
