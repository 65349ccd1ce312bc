#pragma once

#include "AuthThrottle.h"
#include "GatewayConfig.h"
#include "wire/WireError.h"

#include <QHash>
#include <QHostAddress>

namespace cs {

// Maps bearer tokens (and verified client certificates) to principals. Only SHA-256 hashes of tokens are held, and a
// token is looked up by its hash, so the time a lookup takes says nothing of the tokens. Failed attempts are throttled
// per source address (AuthThrottle).
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
    QHash<QString, Principal> m_byTokenHash;
    QHash<QString, Principal> m_byId;
    QHash<QString, Principal> m_byCertificateName;
    AuthThrottle m_throttle;
    qint64 m_rateLimited = 0;
};

} // namespace cs
