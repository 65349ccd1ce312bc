#include "AuthThrottle.h"

#include "util/Log.h"

namespace cs {

namespace {
constexpr int kWindowSeconds = 60;
constexpr int kMaxLockoutSeconds = 300;
constexpr qsizetype kMaxEntries = 100000; // beyond, forgotten addresses make room
} // namespace

AuthThrottle::AuthThrottle(const Clock *clock, int maxFailures) : m_clock(clock), m_maxFailures(maxFailures)
{
}

qint64 AuthThrottle::retryAfter(const QHostAddress &peer) const
{
    const auto it = m_entries.constFind(peer);
    if (it == m_entries.cend() || !it->lockedUntil.isValid())
        return 0;
    const qint64 ms = m_clock->now().msecsTo(it->lockedUntil);
    return ms > 0 ? (ms + 999) / 1000 : 0;
}

void AuthThrottle::failed(const QHostAddress &peer)
{
    ++m_failures;
    if (m_entries.size() >= kMaxEntries)
        prune();
    Entry &entry = m_entries[peer];
    const QDateTime now = m_clock->now();
    if (!entry.windowStart.isValid() || entry.windowStart.secsTo(now) >= kWindowSeconds) {
        entry.windowStart = now;
        entry.failures = 0;
    }
    if (++entry.failures < m_maxFailures)
        return;
    const int seconds = std::min(kMaxLockoutSeconds, 1 << std::min(entry.lockouts, 16));
    ++entry.lockouts;
    ++m_lockouts;
    entry.failures = 0;
    entry.windowStart = now;
    entry.lockedUntil = now.addSecs(seconds);
    qCWarning(lcGateway).noquote() << "authentication from" << peer.toString() << "failed" << m_maxFailures
                                   << "times in a minute: locked out for" << seconds << "s";
}

void AuthThrottle::succeeded(const QHostAddress &peer)
{
    const auto it = m_entries.find(peer);
    if (it == m_entries.end())
        return;
    if (!it->lockedUntil.isValid() || it->lockedUntil <= m_clock->now())
        m_entries.erase(it);
}

void AuthThrottle::prune()
{
    const QDateTime now = m_clock->now();
    m_entries.removeIf([&now](const auto &it) {
        const Entry &entry = it.value();
        return (!entry.lockedUntil.isValid() || entry.lockedUntil <= now) &&
               entry.windowStart.secsTo(now) >= kWindowSeconds;
    });
}

} // namespace cs
