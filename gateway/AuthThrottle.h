#pragma once

#include "util/Clock.h"

#include <QHash>
#include <QHostAddress>

namespace cs {

// Slows down guessing tokens: each source address may fail to authenticate `maxFailures` times a
// minute; then it is locked out for 1 s, 2 s, 4 s … up to 5 minutes, and every request it makes
// meanwhile is refused with 429 and Retry-After, valid token or not. A success forgets the
// failures (not a running lockout). Each lockout is logged once.
class AuthThrottle
{
public:
    AuthThrottle(const Clock *clock, int maxFailures);

    // Seconds until `peer` may try again; 0 when it may now.
    qint64 retryAfter(const QHostAddress &peer) const;
    void failed(const QHostAddress &peer);
    void succeeded(const QHostAddress &peer);

    qint64 failures() const { return m_failures; }
    qint64 lockouts() const { return m_lockouts; }

private:
    struct Entry
    {
        int failures = 0;
        QDateTime windowStart;
        int lockouts = 0; // in a row, for the exponential lockout
        QDateTime lockedUntil;
    };
    void prune();

    const Clock *m_clock;
    int m_maxFailures;
    QHash<QHostAddress, Entry> m_entries;
    qint64 m_failures = 0;
    qint64 m_lockouts = 0;
};

} // namespace cs
