#pragma once

#include "ActionService.h"

#include <QHttpServerResponder>

namespace cs {

// The HTTP endpoints of decisions (docs/protocol.md): what waits, and a signed decision in and out.
// HttpApi routes to them.
namespace DecisionEndpoints {

// GET /v1/actions?status=pending (approvers and auditors; agents fetch their own actions by id)
void listPending(const ActionService &service, QHttpServerResponder &responder);
// POST /v1/actions/{id}/decision
void postDecision(ActionService &service, const Principal &principal, const QString &actionId, const QJsonObject &body,
                  QHttpServerResponder &responder);
// GET /v1/actions/{id}/decision: the accepted decision with everything needed to check it offline.
void getDecision(const ActionService &service, const Principal &principal, const QString &actionId,
                 QHttpServerResponder &responder);
} // namespace DecisionEndpoints
} // namespace cs
