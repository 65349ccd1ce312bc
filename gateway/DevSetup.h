#pragma once

#include "GatewayConfig.h"

namespace cs::DevSetup {

// The principals of `--dev`: a dev agent, approver and auditor. Their tokens are kept in
// DIR/dev-principals.json, so a restarted dev gateway keeps the same identities.
bool addDevPrincipals(GatewayConfig &config, QString *error);

} // namespace cs::DevSetup
