#include "PrincipalDirectory.h"

#include "util/Tokens.h"

namespace cs {

PrincipalDirectory::PrincipalDirectory(const QList<ConfiguredPrincipal> &principals)
{
    for (const ConfiguredPrincipal &entry : principals) {
        m_byTokenHash.insert(entry.tokenSha256, entry.principal);
        m_byId.insert(entry.principal.id, entry.principal);
    }
}

std::optional<Principal> PrincipalDirectory::authenticate(const QByteArray &authorizationHeader) const
{
    const QString token = Tokens::fromAuthorizationHeader(authorizationHeader);
    if (token.isEmpty())
        return std::nullopt;
    const auto it = m_byTokenHash.constFind(Tokens::hash(token));
    if (it == m_byTokenHash.cend())
        return std::nullopt;
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
