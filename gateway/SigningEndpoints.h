#pragma once

#include "ActionService.h"

#include <QHttpServerResponder>

namespace cs {

// The HTTP endpoints of signed decisions and keys (docs/protocol.md): what waits, a signed
// decision in and out, key enrollment, and the gateway's signing policy. HttpApi routes to them.
namespace SigningEndpoints {

// GET /v1/actions?status=pending
void listPending(const ActionService &service, const Principal &principal, QHttpServerResponder &responder);
// POST /v1/actions/{id}/decision
void postDecision(ActionService &service, const Principal &principal, const QString &actionId, const QJsonObject &body,
                  QHttpServerResponder &responder);
// GET /v1/actions/{id}/decision: the accepted decision with everything needed to check it offline.
void getDecision(const ActionService &service, const Principal &principal, const QString &actionId,
                 QHttpServerResponder &responder);
// GET /v1/keys
void listKeys(const ActionService &service, const Principal &principal, QHttpServerResponder &responder);
// POST /v1/keys
void enrollKey(ActionService &service, const Principal &principal, const QJsonObject &body,
               QHttpServerResponder &responder);
// GET /v1/gateway: who the caller is and what the gateway asks of a signature.
void gatewayInfo(const ActionService &service, const QString &gatewayId, const Principal &principal,
                 const QByteArray &auditKey, QHttpServerResponder &responder);

} // namespace SigningEndpoints
} // namespace cs
