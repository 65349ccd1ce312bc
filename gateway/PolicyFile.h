#pragma once

#include "Policy.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace cs {

// A mistake in a policy file, where it is (1-based line and column; 0 when the file as a whole).
struct PolicyError
{
    int line = 0;
    int column = 0;
    QString message;

    // "FILE:LINE:COLUMN: MESSAGE", as compilers say it.
    QString toString(const QString &file) const;
};

// Reads the YAML policy file (docs/policy.md): ordered `rules` and a `default`. Every mistake is
// reported, each with its line and column, and a file with any mistake gives no policy at all, so
// a half-read policy never decides anything.
namespace PolicyFile {

// What the gateway's configuration defines that a policy may name: how many approvers each group
// has (for quorums), and the webhooks (for notify:).
struct Known
{
    QHash<QString, int> perGroup;
    int total = 0;
    bool configured = true; // false: nothing to check against (policy check without --config)
    QStringList webhooks;   // the configured webhooks a rule's notify: may name (when known)
};

std::optional<Policy> parse(const QByteArray &yaml, const QString &source, const Known &known,
                            QList<PolicyError> *errors);
std::optional<Policy> load(const QString &path, const Known &known, QList<PolicyError> *errors);

} // namespace PolicyFile
} // namespace cs
