#pragma once

#include "ActionService.h"

#include <QHttpServerResponder>

namespace cs {

// The HTTP endpoints of approvers' signing keys (docs/protocol.md). HttpApi routes to them.
namespace KeyEndpoints {

// GET /v1/keys: an approver's own keys, or every key for an auditor.
void listKeys(const ActionService &service, const Principal &principal, QHttpServerResponder &responder);
// POST /v1/keys: enrolls a key, pending until an operator approves it.
void enrollKey(ActionService &service, const Principal &principal, const QJsonObject &body,
               QHttpServerResponder &responder);

} // namespace KeyEndpoints
} // namespace cs
