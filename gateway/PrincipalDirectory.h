#pragma once

#include "GatewayConfig.h"

#include <QHash>

namespace cs {

// Maps bearer tokens to principals. Only SHA-256 hashes of tokens are held.
class PrincipalDirectory
{
public:
    explicit PrincipalDirectory(const QList<ConfiguredPrincipal> &principals);

    // The principal of an "Authorization" header value, or nothing for a missing or unknown token.
    std::optional<Principal> authenticate(const QByteArray &authorizationHeader) const;
    std::optional<Principal> find(const QString &id) const;

private:
    QHash<QString, Principal> m_byTokenHash;
    QHash<QString, Principal> m_byId;
};

} // namespace cs
