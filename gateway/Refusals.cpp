#include "Refusals.h"

#include "util/Log.h"

namespace cs {

namespace {
constexpr qint64 kLogIntervalMs = 60 * 1000;
constexpr qsizetype kMaxRemembered = 10000;
} // namespace

Refusals::Refusals()
{
    m_clock.start();
}

void Refusals::record(const QString &code, const QHostAddress &peer, const QString &message)
{
    ++m_counts[code];
    const qint64 now = m_clock.elapsed();
    const QString key = code + u' ' + peer.toString();
    const auto last = m_lastLogged.constFind(key);
    if (last != m_lastLogged.cend() && now - *last < kLogIntervalMs)
        return;
    if (m_lastLogged.size() >= kMaxRemembered) { // forget what is older than the interval
        m_lastLogged.removeIf([now](const auto &entry) { return now - entry.value() >= kLogIntervalMs; });
    }
    m_lastLogged.insert(key, now);
    qCWarning(lcGateway).noquote() << "refused" << code << "from" << peer.toString() << "-" << message
                                   << "(logged once a minute per address)";
}

} // namespace cs
