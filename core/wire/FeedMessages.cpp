#include "FeedMessages.h"

#include "json/Jcs.h"
#include "json/JcsView.h"
#include "wire/ActionCodec.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace cs::FeedMessages {

namespace {

QByteArray serialize(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

WireError malformed(const QString &why)
{
    return {ErrorCode::MalformedMessage, why};
}

} // namespace

QByteArray hello(const Hello &hello)
{
    const QJsonObject principal{{u"id"_s, hello.principal.id},
                                {u"display_name"_s, hello.principal.displayName},
                                {u"role"_s, roleName(hello.principal.role)},
                                {u"groups"_s, QJsonArray::fromStringList(hello.principal.groups)}};
    return serialize({{u"type"_s, u"hello"_s},
                      {u"protocol"_s, hello.protocol},
                      {u"gateway_id"_s, hello.gatewayId},
                      {u"principal"_s, principal}});
}

QByteArray actionText(const Action &action)
{
    return actionText(ActionCodec::toJson(action));
}

QByteArray actionText(const QJsonObject &object)
{
    Jcs::Error error;
    if (auto canonical = Jcs::serialize(object, &error))
        return *canonical;
    return serialize(object); // a lone surrogate has no canonical form; the console parses it then
}

QByteArray snapshot(qint64 seq, const QList<QByteArray> &actionTexts)
{
    return snapshotPage(seq, actionTexts, 0, actionTexts.size());
}

QByteArray snapshotPage(qint64 seq, const QList<QByteArray> &actionTexts, qsizetype from, qsizetype count)
{
    // The canonical bytes of {"actions":[…],"more":true,"seq":N,"type":"snapshot"} (members in
    // code point order, an integer seq), joined from texts the gateway made once per action:
    // serializing 10,000 actions anew for each console that connects took the gateway 170 ms here.
    from = std::clamp<qsizetype>(from, 0, actionTexts.size());
    const qsizetype end = from + std::clamp<qsizetype>(count, 0, actionTexts.size() - from);
    qsizetype size = 64;
    for (qsizetype i = from; i < end; ++i)
        size += actionTexts.at(i).size() + 1;
    QByteArray message;
    message.reserve(size);
    message += "{\"actions\":[";
    for (qsizetype i = from; i < end; ++i) {
        if (i > from)
            message += ',';
        message += actionTexts.at(i);
    }
    message += end < actionTexts.size() ? "],\"more\":true,\"seq\":" : "],\"seq\":";
    message += QByteArray::number(seq) + ",\"type\":\"snapshot\"}";
    return message;
}

QByteArray snapshot(const Snapshot &snapshot)
{
    QList<QByteArray> texts;
    texts.reserve(snapshot.actions.size());
    for (const Action &action : snapshot.actions)
        texts.append(actionText(action));
    return FeedMessages::snapshot(snapshot.seq, texts);
}

QByteArray event(const Event &event)
{
    return serialize({{u"type"_s, u"event"_s}, {u"event"_s, ActionCodec::toJson(event)}});
}

QByteArray decide(const QString &requestId, const DecisionSubmission &submission)
{
    QJsonObject message = submission.toJson();
    message.insert(u"type"_s, u"decide"_s);
    message.insert(u"request_id"_s, requestId);
    return serialize(message);
}

QByteArray decisionResult(const DecisionResult &result)
{
    QJsonObject object{{u"type"_s, u"decision_result"_s},
                       {u"request_id"_s, result.requestId},
                       {u"action_id"_s, result.actionId},
                       {u"accepted"_s, result.accepted}};
    if (result.accepted)
        object.insert(u"status"_s, result.status);
    else
        object.insert(u"error"_s, result.error.toJson());
    return serialize(object);
}

QByteArray error(const WireError &error)
{
    return serialize({{u"type"_s, u"error"_s}, {u"error"_s, error.toJson()}});
}

std::optional<QJsonObject> parse(const QByteArray &text, QString *type, WireError *error)
{
    // Strict parsing: a signed decision with a duplicate member has no single meaning.
    Jcs::Error jsonError;
    const auto document = Jcs::parse(text, &jsonError);
    if (!document) {
        *error = malformed(u"The message is not acceptable JSON (%1): %2"_s.arg(jsonError.code, jsonError.message));
        return std::nullopt;
    }
    if (!document->isObject()) {
        *error = malformed(u"A feed message must be a JSON object."_s);
        return std::nullopt;
    }
    const QJsonObject object = document->toObject();
    *type = object.value(u"type"_s).toString();
    if (type->isEmpty()) {
        *error = malformed(u"A feed message needs a string member 'type'."_s);
        return std::nullopt;
    }
    return object;
}

std::optional<Hello> parseHello(const QJsonObject &message, WireError *error)
{
    const QJsonObject principal = message.value(u"principal"_s).toObject();
    const auto role = roleFromName(principal.value(u"role"_s).toString());
    Hello hello;
    hello.protocol = message.value(u"protocol"_s).toInt();
    hello.gatewayId = message.value(u"gateway_id"_s).toString();
    if (!role || hello.protocol < 1) {
        *error = malformed(u"The hello message lacks its protocol or principal."_s);
        return std::nullopt;
    }
    hello.principal.id = principal.value(u"id"_s).toString();
    hello.principal.displayName = principal.value(u"display_name"_s).toString();
    hello.principal.role = *role;
    for (const QJsonValue &group : principal.value(u"groups"_s).toArray())
        hello.principal.groups.append(group.toString());
    return hello;
}

std::optional<Snapshot> parseSnapshot(const QJsonObject &message, WireError *error)
{
    Snapshot snapshot;
    snapshot.seq = message.value(u"seq"_s).toInteger(-1);
    if (snapshot.seq < 0) {
        *error = malformed(u"The snapshot lacks its seq."_s);
        return std::nullopt;
    }
    for (const QJsonValue &value : message.value(u"actions"_s).toArray()) {
        auto action = ActionCodec::actionFromJson(value.toObject(), error);
        if (!action)
            return std::nullopt;
        snapshot.actions.append(std::move(*action));
    }
    snapshot.more = message.value(u"more"_s).toBool();
    return snapshot;
}

std::optional<Snapshot> readCanonicalSnapshot(const QByteArray &text, WireError *error)
{
    // Canonical bytes are strict JSON already (no duplicate member, no lone surrogate), so each
    // action's slice can go to Qt's own parser: 10,000 actions read in a third of the time a
    // strict parse of the whole message takes.
    if (!text.startsWith(R"({"actions":[)"))
        return std::nullopt;
    const auto view = Jcs::View::read(text);
    if (!view || view->root()[QLatin1StringView("type")].stringBytes() != "snapshot")
        return std::nullopt;
    Snapshot snapshot;
    snapshot.seq = view->root()[QLatin1StringView("seq")].toInteger(-1);
    snapshot.more = view->root()[QLatin1StringView("more")].bytes() == "true";
    if (snapshot.seq < 0) {
        *error = malformed(u"The snapshot lacks its seq."_s);
        return std::nullopt;
    }
    const std::vector<Jcs::View::Value> actions = view->root()[QLatin1StringView("actions")].children();
    snapshot.actions.reserve(qsizetype(actions.size()));
    for (const Jcs::View::Value &value : actions) {
        const QByteArrayView bytes = value.bytes();
        const QJsonObject object =
            QJsonDocument::fromJson(QByteArray::fromRawData(bytes.data(), bytes.size())).object();
        auto action = ActionCodec::actionFromJson(object, error);
        if (!action)
            return std::nullopt;
        snapshot.actions.append(std::move(*action));
    }
    return snapshot;
}

std::optional<Event> parseEvent(const QJsonObject &message, WireError *error)
{
    return ActionCodec::eventFromJson(message.value(u"event"_s).toObject(), error);
}

DecisionResult parseDecisionResult(const QJsonObject &message)
{
    DecisionResult result;
    result.requestId = message.value(u"request_id"_s).toString();
    result.actionId = message.value(u"action_id"_s).toString();
    result.accepted = message.value(u"accepted"_s).toBool();
    result.status = message.value(u"status"_s).toString();
    result.error = WireError::fromJson(message.value(u"error"_s).toObject());
    return result;
}

WireError parseError(const QJsonObject &message)
{
    return WireError::fromJson(message.value(u"error"_s).toObject());
}

} // namespace cs::FeedMessages
