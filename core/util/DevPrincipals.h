#pragma once

#include "domain/Principal.h"

#include <QString>

#include <optional>

namespace cs {

// The file `countersign-gateway --dev` writes: {"agent":{"id","token"},"approver":{…, "software_signing_key"},
// "auditor":{…}}, owner-only.
// Scripts, the CLI and the console read it to pick up a dev identity without copying tokens by hand.
struct DevPrincipals
{
    struct Entry
    {
        QString id;
        QString token;
        // A development Ed25519 signing key (32-byte seed) the dev gateway lists as approved;
        // only the approver has one.
        QByteArray signingKeySeed;
    };
    Entry agent;
    Entry approver;
    Entry auditor;

    static std::optional<DevPrincipals> load(const QString &path, QString *error);
    bool save(const QString &path, QString *error) const;

    const Entry &forRole(Role role) const;
};

} // namespace cs
