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
inline const QString DecisionRefused = QStringLiteral("decision.refused");
inline const QString ExecutionReported = QStringLiteral("execution.reported");
inline const QString KeyEnrolled = QStringLiteral("key.enrolled");
inline const QString KeyApproved = QStringLiteral("key.approved");
inline const QString KeyRevoked = QStringLiteral("key.revoked");

// True for the events that take an action out of the pending queue.
bool resolvesAction(const QString &type);
} // namespace EventType

} // namespace cs
