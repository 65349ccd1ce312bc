#pragma once

#include "AuthThrottle.h"
#include "GatewayConfig.h"
#include "wire/WireError.h"

#include <QHash>
#include <QHostAddress>

namespace cs {

// Maps bearer tokens (and verified client certificates) to principals. Only SHA-256 digests of tokens are held; a
// presented token's digest is compared with every one of them in constant time (CRYPTO_memcmp, no early exit), so
// the time a lookup takes says nothing of the tokens or of which one matched. Failed attempts are throttled per source
// address (AuthThrottle).
class PrincipalDirectory
{
public:
    PrincipalDirectory(const QList<ConfiguredPrincipal> &principals, const Clock *clock, int maxAuthFailures);

    // The principal of an "Authorization" header value from `peer` or, without one, of the
    // common name of the client certificate the connection presented and the gateway verified
    // (empty: none); nothing with `refusal` set (unauthenticated, or rate_limited with
    // `retryAfterSeconds`) otherwise.
    std::optional<Principal> authenticate(const QByteArray &authorizationHeader, const QString &certificateName,
                                          const QHostAddress &peer, WireError *refusal, qint64 *retryAfterSeconds);
    const AuthThrottle &throttle() const { return m_throttle; }
    // Requests refused while their address was locked out (429).
    qint64 rateLimited() const { return m_rateLimited; }
    std::optional<Principal> find(const QString &id) const;

private:
    struct TokenEntry
    {
        QByteArray sha256; // 32 raw bytes
        Principal principal;
    };
    std::optional<Principal> byToken(const QString &token) const;

    QList<TokenEntry> m_tokens;
    QHash<QString, Principal> m_byId;
    QHash<QString, Principal> m_byCertificateName;
    AuthThrottle m_throttle;
    qint64 m_rateLimited = 0;
};

} // namespace cs
