#include "PrincipalDirectory.h"

#include "util/Tokens.h"

using namespace Qt::StringLiterals;

namespace cs {

PrincipalDirectory::PrincipalDirectory(const QList<ConfiguredPrincipal> &principals, const Clock *clock,
                                       int maxAuthFailures)
    : m_throttle(clock, maxAuthFailures)
{
    for (const ConfiguredPrincipal &entry : principals) {
        if (!entry.tokenSha256.isEmpty())
            m_byTokenHash.insert(entry.tokenSha256, entry.principal);
        if (!entry.certificateName.isEmpty())
            m_byCertificateName.insert(entry.certificateName, entry.principal);
        m_byId.insert(entry.principal.id, entry.principal);
    }
}

std::optional<Principal> PrincipalDirectory::authenticate(const QByteArray &authorizationHeader,
                                                          const QString &certificateName, const QHostAddress &peer,
                                                          WireError *refusal, qint64 *retryAfterSeconds)
{
    if (const qint64 wait = m_throttle.retryAfter(peer)) {
        *retryAfterSeconds = wait;
        ++m_rateLimited;
        *refusal = {ErrorCode::RateLimited,
                    u"Too many failed authentications from this address; try again in %1 s."_s.arg(wait)};
        return std::nullopt;
    }
    if (authorizationHeader.isEmpty() && !certificateName.isEmpty()) {
        if (const auto it = m_byCertificateName.constFind(certificateName); it != m_byCertificateName.cend()) {
            m_throttle.succeeded(peer);
            return *it;
        }
    }
    const QString token = Tokens::fromAuthorizationHeader(authorizationHeader);
    const auto it = token.isEmpty() ? m_byTokenHash.cend() : m_byTokenHash.constFind(Tokens::hash(token));
    if (it == m_byTokenHash.cend()) {
        m_throttle.failed(peer);
        *refusal = {ErrorCode::Unauthenticated, u"A valid bearer token (or client certificate) is required."_s};
        return std::nullopt;
    }
    m_throttle.succeeded(peer);
    return *it;
}

std::optional<Principal> PrincipalDirectory::find(const QString &id) const
{
    const auto it = m_byId.constFind(id);
    if (it == m_byId.cend())
        return std::nullopt;
    return *it;
}

} // namespace cs
