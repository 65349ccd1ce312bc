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
};

namespace EventType {
inline const QString ActionRequested = QStringLiteral("action.requested");
inline const QString ActionApproved = QStringLiteral("action.approved");
inline const QString ActionDenied = QStringLiteral("action.denied");
inline const QString ActionExpired = QStringLiteral("action.expired");
inline const QString ActionCancelled = QStringLiteral("action.cancelled");
inline const QString DecisionRefused = QStringLiteral("decision.refused");

// True for the events that take an action out of the pending queue.
bool resolvesAction(const QString &type);
} // namespace EventType

} // namespace cs
