#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace cs {

// One entry of the gateway's append-only log. `seq` is gateway-wide and strictly increasing;
// the feed is the live tail of this log and the pending queue is derived from it.
struct Event
{
    qint64 seq = 0;
    QDateTime time;
    QString type;
    QString actor;
    QString actionId;
    QJsonObject payload;
    // The hash chain (docs/audit.md): `hash` is SHA-256 (hex) of the RFC 8785 bytes of this event's
    // JSON without `hash`, and `prevHash` the hash of the event before (64 zeros for the first).
    QString prevHash = {};
    QString hash = {};
};

namespace EventType {
inline const QString ActionRequested = QStringLiteral("action.requested");
inline const QString ActionApproved = QStringLiteral("action.approved");
inline const QString ActionDenied = QStringLiteral("action.denied");
inline const QString ActionExpired = QStringLiteral("action.expired");
inline const QString ActionCancelled = QStringLiteral("action.cancelled");
// Decided by the policy at submission, with no human: the whole action in one event.
inline const QString ActionAllowed = QStringLiteral("action.allowed");
inline const QString ActionPolicyDenied = QStringLiteral("action.policy_denied");
// One signed approval of an action whose quorum is not met yet, and its withdrawal: the action
// stays pending. payload.approvals is the action's approvals after the change.
inline const QString ApprovalRecorded = QStringLiteral("action.approval_recorded");
inline const QString ApprovalWithdrawn = QStringLiteral("action.approval_withdrawn");
inline const QString DecisionRefused = QStringLiteral("decision.refused");
inline const QString ExecutionReported = QStringLiteral("execution.reported");
// An execution report refused because the approval may no longer be used (use_within).
inline const QString ExecutionRefused = QStringLiteral("execution.refused");
// The gateway read its policy file (at start or on SIGHUP), or refused it and kept the one in force.
inline const QString PolicyLoaded = QStringLiteral("policy.loaded");
inline const QString PolicyRejected = QStringLiteral("policy.rejected");
// An outgoing webhook's delivery given up after its attempts (docs/integrations.md).
inline const QString WebhookFailed = QStringLiteral("webhook.failed");
inline const QString KeyEnrolled = QStringLiteral("key.enrolled");
inline const QString KeyApproved = QStringLiteral("key.approved");
inline const QString KeyRevoked = QStringLiteral("key.revoked");

// True for the events that take an action out of the pending queue.
bool resolvesAction(const QString &type);
// True for the events that carry a whole action (payload.action): its request, or the policy's
// decision on it.
bool carriesAction(const QString &type);
// True for the events that change a pending action's approvals (payload.approvals).
bool changesApprovals(const QString &type);
} // namespace EventType

} // namespace cs
