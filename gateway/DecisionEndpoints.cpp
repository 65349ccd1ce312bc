#include "DecisionEndpoints.h"

#include "HttpReplies.h"
#include "wire/ActionCodec.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;
using namespace cs::HttpReplies;

namespace cs::DecisionEndpoints {

void listPending(const ActionService &service, QHttpServerResponder &responder)
{
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

} // namespace cs::DecisionEndpoints
