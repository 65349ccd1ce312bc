#pragma once

#include <QStringList>

namespace cs {

// `countersign-gateway policy check FILE [--config CONFIG]`: reads a policy file as the gateway
// would and prints each mistake as FILE:LINE:COLUMN: MESSAGE. Exit 0 when it loads, 1 when it has
// mistakes, 2 on a usage error. With --config, the groups and quorums are checked against the
// configured approvers; without, only groups are not.
int runPolicyCommand(const QStringList &arguments);

} // namespace cs
