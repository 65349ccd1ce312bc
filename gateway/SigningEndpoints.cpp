#include "SigningEndpoints.h"

#include "HttpReplies.h"
#include "signing/Crypto.h"
#include "wire/ActionCodec.h"
#include "wire/FeedMessages.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;
using namespace cs::HttpReplies;

namespace cs::SigningEndpoints {

void listPending(const ActionService &service, const Principal &principal, QHttpServerResponder &responder)
{
    if (principal.role == Role::Agent) {
        return writeError(responder, Status::Forbidden, ErrorCode::ForbiddenRole,
                          u"Agents may not list the queue; fetch your own actions by id."_s);
    }
    QJsonArray actions;
    for (const Action &action : service.pending())
        actions.append(ActionCodec::toJson(action));
    writeJson(responder, {{u"seq"_s, service.headSeq()}, {u"actions"_s, actions}});
}

void postDecision(ActionService &service, const Principal &principal, const QString &actionId, const QJsonObject &body,
                  QHttpServerResponder &responder)
{
    WireError error;
    const auto submission = DecisionSubmission::fromJson(body, &error);
    if (!submission) {
        service.refuseUnreadableDecision(principal, actionId, error);
        return writeError(responder, error);
    }
    if (submission->decision.actionId != actionId) {
        return writeError(responder, {ErrorCode::InvalidField, u"The decision is for action %1, not %2."_s.arg(
                                                                   submission->decision.actionId, actionId)});
    }
    const auto action = service.decide(principal, submission->decision, submission->signature, &error);
    if (!action)
        return writeError(responder, error);
    writeJson(responder, ActionCodec::toJson(*action));
}

void getDecision(const ActionService &service, const Principal &principal, const QString &actionId,
                 QHttpServerResponder &responder)
{
    const auto action = service.find(actionId);
    if (!action || (principal.role == Role::Agent && principal.id != action->initiator))
        return writeError(responder, Status::NotFound, ErrorCode::NotFound, u"There is no action %1."_s.arg(actionId));
    const auto event = service.acceptedDecision(actionId);
    if (!event) {
        return writeError(responder, Status::NotFound, ErrorCode::NotFound,
                          u"No signed decision on action %1 has been accepted."_s.arg(actionId));
    }
    const auto key = service.keys().find(event->payload.value(u"key_id"_s).toString());
    writeJson(responder, {{u"format"_s, u"countersign-decision/1"_s},
                          {u"seq"_s, event->seq},
                          {u"action"_s, ActionCodec::toJson(*action)},
                          // exactly what the digest covers, for a check with any RFC 8785 tool
                          {u"request"_s, action->requestDocument()},
                          {u"decision"_s, event->payload.value(u"decision"_s)},
                          {u"signature"_s, event->payload.value(u"signature"_s)},
                          {u"key"_s, key ? key->toJson() : QJsonObject()},
                          {u"fido2_rp_id"_s, service.signingPolicy().fido2RpId}});
}

void listKeys(const ActionService &service, const Principal &principal, QHttpServerResponder &responder)
{
    if (principal.role == Role::Agent) {
        return writeError(responder, Status::Forbidden, ErrorCode::ForbiddenRole, u"Agents have no signing keys."_s);
    }
    QJsonArray keys;
    const QList<KeyRecord> records =
        principal.role == Role::Auditor ? service.keys().all() : service.keys().keysOf(principal.id);
    for (const KeyRecord &key : records)
        keys.append(key.toJson());
    writeJson(responder, {{u"keys"_s, keys}});
}

void enrollKey(ActionService &service, const Principal &principal, const QJsonObject &body,
               QHttpServerResponder &responder)
{
    WireError error;
    const auto enrollment = KeyEnrollment::fromJson(body, &error);
    if (!enrollment)
        return writeError(responder, error);
    const auto key = service.enrollKey(principal, *enrollment, &error);
    if (!key)
        return writeError(responder, error);
    writeJson(responder, key->toJson(), Status::Created);
}

void gatewayInfo(const ActionService &service, const QString &gatewayId, const Principal &principal,
                 const QByteArray &auditKey, QHttpServerResponder &responder)
{
    const ActionService::SigningPolicy &policy = service.signingPolicy();
    writeJson(responder,
              {{u"gateway_id"_s, gatewayId},
               {u"protocol"_s, FeedMessages::kProtocolVersion},
               {u"principal"_s, QJsonObject{{u"id"_s, principal.id},
                                            {u"display_name"_s, principal.displayName},
                                            {u"role"_s, roleName(principal.role)}}},
               {u"signing"_s, QJsonObject{{u"require_hardware_keys"_s, policy.requireHardwareKeys},
                                          {u"max_clock_skew_seconds"_s, policy.maxClockSkewSeconds},
                                          {u"fido2_rp_id"_s, policy.fido2RpId},
                                          {u"algorithms"_s, QJsonArray{u"ES256"_s, u"Ed25519"_s}}}},
               {u"audit"_s, QJsonObject{{u"algorithm"_s, u"Ed25519"_s},
                                        {u"public_key"_s, QString::fromLatin1(Crypto::pemFromSpki(auditKey))}}}});
}

} // namespace cs::SigningEndpoints
