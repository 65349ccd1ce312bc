#include "PrincipalDirectory.h"

#include "util/Tokens.h"

#include <QCryptographicHash>

#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

namespace cs {

PrincipalDirectory::PrincipalDirectory(const QList<ConfiguredPrincipal> &principals, const Clock *clock,
                                       int maxAuthFailures)
    : m_throttle(clock, maxAuthFailures)
{
    for (const ConfiguredPrincipal &entry : principals) {
        if (!entry.tokenSha256.isEmpty())
            m_tokens.append({QByteArray::fromHex(entry.tokenSha256.toLatin1()), entry.principal});
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
    auto principal = byToken(Tokens::fromAuthorizationHeader(authorizationHeader));
    if (!principal) {
        m_throttle.failed(peer);
        *refusal = {ErrorCode::Unauthenticated, u"A valid bearer token (or client certificate) is required."_s};
        return std::nullopt;
    }
    m_throttle.succeeded(peer);
    return principal;
}

std::optional<Principal> PrincipalDirectory::byToken(const QString &token) const
{
    if (token.isEmpty())
        return std::nullopt;
    const QByteArray digest = QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
    qsizetype match = -1;
    for (qsizetype i = 0; i < m_tokens.size(); ++i) {
        const bool equal = CRYPTO_memcmp(digest.constData(), m_tokens[i].sha256.constData(), digest.size()) == 0;
        match = equal ? i : match; // configuration guarantees distinct digests: at most one is equal
    }
    if (match < 0)
        return std::nullopt;
    return m_tokens[match].principal;
}

std::optional<Principal> PrincipalDirectory::find(const QString &id) const
{
    const auto it = m_byId.constFind(id);
    if (it == m_byId.cend())
        return std::nullopt;
    return *it;
}

} // namespace cs
