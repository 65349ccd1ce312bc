#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QMap>
#include <QString>

namespace cs {

// Every request or connection the gateway's limits refused, by code: counted for /v1/metrics and
// logged at most once per source address, code and minute, so an attack cannot flood the log.
class Refusals
{
public:
    Refusals();

    void record(const QString &code, const QHostAddress &peer, const QString &message);
    // Counts by code, sorted by code.
    const QMap<QString, qint64> &counts() const { return m_counts; }

private:
    QElapsedTimer m_clock;
    QMap<QString, qint64> m_counts;
    QHash<QString, qint64> m_lastLogged; // "code address" -> ms on m_clock
};

} // namespace cs
