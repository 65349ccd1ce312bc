#pragma once

#include "domain/Action.h"
#include "domain/ActionRules.h"
#include "domain/Event.h"
#include "domain/Principal.h"
#include "signing/SignedDecision.h"
#include "wire/WireError.h"

#include <QJsonObject>
#include <QList>

#include <optional>

namespace cs {

// The messages of the websocket feed (/v1/feed). Each is one JSON object with a `type`.
namespace FeedMessages {

inline constexpr int kProtocolVersion = 1;

// Close codes the gateway uses when it ends a feed session on purpose (RFC 6455 private range).
inline constexpr int kCloseUnauthenticated = 4401;
inline constexpr int kCloseForbidden = 4403;
// This gateway cannot serve the feed now (it lost its store); a client reconnects, behind a load
// balancer to another gateway. (Qt's websocket refuses RFC 6455's 1013 as a protocol error.)
inline constexpr int kCloseUnavailable = 4503;

struct Hello
{
    int protocol = 0;
    QString gatewayId;
    Principal principal;
};

struct Snapshot
{
    qint64 seq = 0;
    QList<Action> actions;
    // A large snapshot comes in pages of the same seq: every page but the last says there is more.
    bool more = false;
};

struct DecisionResult
{
    QString requestId;
    QString actionId;
    bool accepted = false;
    QString status; // the action's status after an accepted decision
    WireError error;
};

QByteArray hello(const Hello &hello);
QByteArray snapshot(const Snapshot &snapshot);
// The same message from each action's canonical JSON (actionText()), for a gateway that keeps it.
// Both write the RFC 8785 form of the whole message, which a console reads in place.
QByteArray snapshot(qint64 seq, const QList<QByteArray> &actionTexts);
// One page of such a snapshot: actionTexts[from, from + count), with "more":true unless it ends them.
QByteArray snapshotPage(qint64 seq, const QList<QByteArray> &actionTexts, qsizetype from, qsizetype count);
QByteArray actionText(const Action &action);
// The same from the action's JSON (ActionCodec::toJson), for a caller that has it already.
QByteArray actionText(const QJsonObject &actionJson);
QByteArray event(const Event &event);
QByteArray decide(const QString &requestId, const DecisionSubmission &submission);
QByteArray decisionResult(const DecisionResult &result);
QByteArray error(const WireError &error);

// Reads a message's JSON object and type; a non-object or a missing type is a malformed message.
std::optional<QJsonObject> parse(const QByteArray &text, QString *type, WireError *error);

std::optional<Hello> parseHello(const QJsonObject &message, WireError *error);
std::optional<Snapshot> parseSnapshot(const QJsonObject &message, WireError *error);
// A snapshot message in its canonical form, as the gateway writes it, read without building the
// whole document: nothing (and no error) when `text` is not a canonical snapshot, for parse().
std::optional<Snapshot> readCanonicalSnapshot(const QByteArray &text, WireError *error);
std::optional<Event> parseEvent(const QJsonObject &message, WireError *error);
DecisionResult parseDecisionResult(const QJsonObject &message);
WireError parseError(const QJsonObject &message);

} // namespace FeedMessages
} // namespace cs
