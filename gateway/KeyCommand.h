#pragma once

#include <QStringList>

namespace cs {

// `countersign-gateway key list|approve|revoke`: the operator's side of key enrollment. Works on
// the gateway's database directly (SQLite allows it while the gateway runs), so approving a key
// needs shell access to the gateway host, not an API token.
int runKeyCommand(const QStringList &arguments);

} // namespace cs
