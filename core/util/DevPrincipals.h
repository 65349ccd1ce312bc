#pragma once

#include "domain/Principal.h"

#include <QString>

#include <optional>

namespace cs {

// The file `countersign-gateway --dev` writes: {"agent":{"id","token"},"approver":{…},"auditor":{…}}.
// Scripts, the CLI and the console read it to pick up a dev identity without copying tokens by hand.
struct DevPrincipals
{
    struct Entry
    {
        QString id;
        QString token;
    };
    Entry agent;
    Entry approver;
    Entry auditor;

    static std::optional<DevPrincipals> load(const QString &path, QString *error);
    bool save(const QString &path, QString *error) const;

    const Entry &forRole(Role role) const;
};

} // namespace cs
