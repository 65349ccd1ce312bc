#pragma once

#include <QStringList>

namespace cs {

// Commands that need no gateway: anyone can reproduce what was signed and check it.
namespace OfflineCommands {

// `countersign-cli canonicalize [FILE]`: the RFC 8785 form of a JSON document (stdin without FILE).
int canonicalize(const QStringList &arguments);

// `countersign-cli verify-decision FILE [--public-key PEM] [--action FILE] [--rp-id ID]`: checks a
// decision exported from GET /v1/actions/{id}/decision against a public key and the action.
int verifyDecision(const QStringList &arguments);

} // namespace OfflineCommands
} // namespace cs
