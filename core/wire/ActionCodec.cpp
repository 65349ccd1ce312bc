#include "ActionCodec.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace cs::ActionCodec {

namespace {

constexpr qsizetype kMaxCommandLength = 64 * 1024;

WireError missing(const QString &field)
{
    return {ErrorCode::MissingField, u"The field '%1' is required and may not be empty."_s.arg(field)};
}

WireError invalid(const QString &field, const QString &why)
{
    return {ErrorCode::InvalidField, u"The field '%1' %2."_s.arg(field, why)};
}

// Reads a required non-empty string member; reports missing or wrong-typed members.
std::optional<QString> requiredString(const QJsonObject &object, const QString &key, const QString &path,
                                      WireError *error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        *error = missing(path);
        return std::nullopt;
    }
    if (!value.isString()) {
        *error = invalid(path, u"must be a string"_s);
        return std::nullopt;
    }
    if (value.toString().trimmed().isEmpty()) {
        *error = missing(path);
        return std::nullopt;
    }
    return value.toString();
}

std::optional<QString> optionalString(const QJsonObject &object, const QString &key, WireError *error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isString()) {
        *error = invalid(key, u"must be a string"_s);
        return std::nullopt;
    }
    return value.toString();
}

bool parseCommand(const QJsonObject &body, ActionRequest &request, WireError *error)
{
    const QJsonValue command = body.value(u"command"_s);
    const QJsonValue argv = body.value(u"argv"_s);
    const bool hasCommand = !command.isUndefined() && !command.isNull();
    const bool hasArgv = !argv.isUndefined() && !argv.isNull();
    if (hasCommand && hasArgv) {
        *error = invalid(u"argv"_s, u"may not be given together with 'command'"_s);
        return false;
    }
    if (!hasCommand && !hasArgv) {
        *error = missing(u"command"_s);
        return false;
    }
    if (hasCommand) {
        if (!command.isString()) {
            *error = invalid(u"command"_s, u"must be a string"_s);
            return false;
        }
        if (command.toString().trimmed().isEmpty()) {
            *error = missing(u"command"_s);
            return false;
        }
        request.command = command.toString();
    } else {
        if (!argv.isArray()) {
            *error = invalid(u"argv"_s, u"must be an array of strings"_s);
            return false;
        }
        for (const QJsonValue &word : argv.toArray()) {
            if (!word.isString()) {
                *error = invalid(u"argv"_s, u"must be an array of strings"_s);
                return false;
            }
            request.argv.append(word.toString());
        }
        if (request.argv.isEmpty() || request.argv.first().isEmpty()) {
            *error = missing(u"argv"_s);
            return false;
        }
    }
    const qsizetype length = hasCommand ? request.command.size() : request.argv.join(u' ').size();
    if (length > kMaxCommandLength) {
        *error = invalid(u"command"_s, u"is longer than %1 characters"_s.arg(kMaxCommandLength));
        return false;
    }
    return true;
}

bool parseTarget(const QJsonObject &body, Target &target, WireError *error)
{
    const QJsonValue value = body.value(u"target"_s);
    if (value.isUndefined() || value.isNull()) {
        *error = missing(u"target"_s);
        return false;
    }
    if (!value.isObject()) {
        *error = invalid(u"target"_s, u"must be an object with system, resource and environment"_s);
        return false;
    }
    const QJsonObject object = value.toObject();
    const auto system = requiredString(object, u"system"_s, u"target.system"_s, error);
    if (!system)
        return false;
    const auto resource = requiredString(object, u"resource"_s, u"target.resource"_s, error);
    if (!resource)
        return false;
    const auto environment = requiredString(object, u"environment"_s, u"target.environment"_s, error);
    if (!environment)
        return false;
    target = Target{*system, *resource, *environment};
    return true;
}

bool parseOptions(const QJsonObject &body, ActionRequest &request, WireError *error)
{
    const auto onBehalfOf = optionalString(body, u"on_behalf_of"_s, error);
    if (!onBehalfOf)
        return false;
    request.onBehalfOf = *onBehalfOf;

    const QJsonValue urgency = body.value(u"urgency"_s);
    if (!urgency.isUndefined() && !urgency.isNull()) {
        const auto parsed = urgency.isString() ? urgencyFromName(urgency.toString()) : std::nullopt;
        if (!parsed) {
            *error = invalid(u"urgency"_s, u"must be one of low, normal, high, critical"_s);
            return false;
        }
        request.urgency = *parsed;
    }

    const QJsonValue ttl = body.value(u"ttl_seconds"_s);
    if (!ttl.isUndefined() && !ttl.isNull()) {
        const double seconds = ttl.toDouble(-1);
        if (!ttl.isDouble() || seconds != std::floor(seconds) || seconds < 1 || seconds > kMaxTtlSecondsCap) {
            *error =
                invalid(u"ttl_seconds"_s, u"must be a whole number of seconds from 1 to %1"_s.arg(kMaxTtlSecondsCap));
            return false;
        }
        request.ttlSeconds = static_cast<int>(seconds);
    }

    const QJsonValue context = body.value(u"context"_s);
    if (!context.isUndefined() && !context.isNull()) {
        if (!context.isObject()) {
            *error = invalid(u"context"_s, u"must be an object"_s);
            return false;
        }
        request.context = context.toObject();
    }
    return true;
}

QJsonObject resolutionJson(const Resolution &resolution)
{
    QJsonObject object{{u"at"_s, formatTime(resolution.at)}};
    if (!resolution.by.isEmpty())
        object.insert(u"by"_s, resolution.by);
    if (!resolution.reason.isEmpty())
        object.insert(u"reason"_s, resolution.reason);
    return object;
}

} // namespace

std::optional<ActionRequest> parseRequest(const QJsonObject &body, WireError *error)
{
    ActionRequest request;
    const auto kind = requiredString(body, u"kind"_s, u"kind"_s, error);
    if (!kind)
        return std::nullopt;
    request.kind = *kind;
    if (!parseCommand(body, request, error) || !parseTarget(body, request.target, error))
        return std::nullopt;
    const auto justification = requiredString(body, u"justification"_s, u"justification"_s, error);
    if (!justification)
        return std::nullopt;
    request.justification = *justification;
    if (!parseOptions(body, request, error))
        return std::nullopt;
    return request;
}

QJsonObject toJson(const Action &action)
{
    QJsonObject object = action.requestDocument();
    object.insert(u"status"_s, statusName(action.status));
    object.insert(u"digest"_s, action.digest);
    if (action.resolution)
        object.insert(u"resolution"_s, resolutionJson(*action.resolution));
    if (action.execution)
        object.insert(u"execution"_s, toJson(*action.execution));
    if (action.policy) {
        QJsonObject policy{{u"rule"_s, action.policy->rule}};
        if (!action.policy->quorum.isEmpty())
            policy.insert(u"quorum"_s, action.policy->quorum);
        if (action.policy->hardwareKey)
            policy.insert(u"key_assurance"_s, u"hardware"_s);
        if (action.policy->useWithinSeconds)
            policy.insert(u"use_within_seconds"_s, *action.policy->useWithinSeconds);
        if (!action.policy->notify.isEmpty())
            policy.insert(u"notify"_s, QJsonArray::fromStringList(action.policy->notify));
        object.insert(u"policy"_s, policy);
    }
    if (!action.approvals.isEmpty())
        object.insert(u"approvals"_s, toJson(action.approvals));
    return object;
}

std::optional<Execution> parseExecution(const QJsonObject &body, WireError *error)
{
    Execution execution;
    const QJsonValue status = body.value(u"status"_s);
    if (status.isUndefined()) {
        *error = {ErrorCode::MissingField, u"The field 'status' is required: started, succeeded or failed."_s};
        return std::nullopt;
    }
    execution.status = status.toString();
    if (execution.status != u"succeeded" && execution.status != u"failed" && execution.status != u"started") {
        *error = invalid(u"status"_s, u"must be started, succeeded or failed"_s);
        return std::nullopt;
    }
    const QJsonValue exitCode = body.value(u"exit_code"_s);
    if (!exitCode.isUndefined()) {
        const double number = exitCode.toDouble(0.5);
        if (!exitCode.isDouble() || number != std::trunc(number) || std::abs(number) > 1e9) {
            *error = invalid(u"exit_code"_s, u"must be a whole number"_s);
            return std::nullopt;
        }
        execution.exitCode = qint64(number);
    }
    const QJsonValue detail = body.value(u"detail"_s);
    if (!detail.isUndefined() && (!detail.isString() || detail.toString().size() > kMaxExecutionDetail)) {
        *error = invalid(u"detail"_s, u"must be text of at most %1 characters"_s.arg(kMaxExecutionDetail));
        return std::nullopt;
    }
    execution.detail = detail.toString();
    return execution;
}

QJsonObject toJson(const Execution &execution)
{
    QJsonObject object{{u"status"_s, execution.status}};
    if (execution.exitCode)
        object.insert(u"exit_code"_s, *execution.exitCode);
    if (!execution.detail.isEmpty())
        object.insert(u"detail"_s, execution.detail);
    if (execution.at.isValid())
        object.insert(u"at"_s, formatTime(execution.at));
    return object;
}

std::optional<Action> actionFromJson(const QJsonObject &object, WireError *error)
{
    auto request = parseRequest(object, error);
    if (!request)
        return std::nullopt;
    Action action;
    action.request = std::move(*request);
    action.id = object.value(u"id"_s).toString();
    action.initiator = object.value(u"initiator"_s).toString();
    action.createdAt = parseTime(object.value(u"created_at"_s).toString());
    action.expiresAt = parseTime(object.value(u"expires_at"_s).toString());
    action.digest = object.value(u"digest"_s).toString();
    const auto status = statusFromName(object.value(u"status"_s).toString());
    if (action.id.isEmpty() || action.initiator.isEmpty() || !action.createdAt.isValid() ||
        !action.expiresAt.isValid() || !status) {
        *error = invalid(u"action"_s, u"lacks its id, initiator, times or status"_s);
        return std::nullopt;
    }
    action.status = *status;
    const QJsonObject resolution = object.value(u"resolution"_s).toObject();
    if (!resolution.isEmpty()) {
        action.resolution = Resolution{resolution.value(u"by"_s).toString(), resolution.value(u"reason"_s).toString(),
                                       parseTime(resolution.value(u"at"_s).toString())};
    }
    const QJsonObject execution = object.value(u"execution"_s).toObject();
    if (!execution.isEmpty()) {
        WireError ignored;
        action.execution = parseExecution(execution, &ignored);
        if (action.execution)
            action.execution->at = parseTime(execution.value(u"at"_s).toString());
    }
    const QJsonObject policy = object.value(u"policy"_s).toObject();
    if (!policy.isEmpty()) {
        action.policy = ActionPolicy{policy.value(u"rule"_s).toString(),
                                     policy.value(u"quorum"_s).toString(),
                                     policy.value(u"key_assurance"_s).toString() == u"hardware",
                                     std::nullopt,
                                     {}};
        if (policy.contains(u"use_within_seconds"_s))
            action.policy->useWithinSeconds = policy.value(u"use_within_seconds"_s).toInt();
        for (const QJsonValue &name : policy.value(u"notify"_s).toArray())
            action.policy->notify.append(name.toString());
    }
    action.approvals = approvalsFromJson(object.value(u"approvals"_s).toArray());
    return action;
}

QJsonArray toJson(const QList<Approval> &approvals)
{
    QJsonArray array;
    for (const Approval &approval : approvals)
        array.append(QJsonObject{{u"approver"_s, approval.approver},
                                 {u"groups"_s, QJsonArray::fromStringList(approval.groups)},
                                 {u"key_id"_s, approval.keyId},
                                 {u"at"_s, formatTime(approval.at)}});
    return array;
}

QList<Approval> approvalsFromJson(const QJsonArray &array)
{
    QList<Approval> approvals;
    for (const QJsonValue &value : array) {
        const QJsonObject approval = value.toObject();
        QStringList groups;
        for (const QJsonValue &group : approval.value(u"groups"_s).toArray())
            groups.append(group.toString());
        approvals.append({approval.value(u"approver"_s).toString(), groups, approval.value(u"key_id"_s).toString(),
                          parseTime(approval.value(u"at"_s).toString())});
    }
    return approvals;
}

QJsonObject toJson(const Event &event)
{
    QJsonObject object{{u"seq"_s, event.seq},
                       {u"time"_s, formatTime(event.time)},
                       {u"type"_s, event.type},
                       {u"actor"_s, event.actor},
                       {u"payload"_s, event.payload}};
    if (!event.actionId.isEmpty())
        object.insert(u"action_id"_s, event.actionId);
    if (!event.prevHash.isEmpty())
        object.insert(u"prev_hash"_s, event.prevHash);
    if (!event.hash.isEmpty())
        object.insert(u"hash"_s, event.hash);
    return object;
}

QString displayCommand(const QJsonObject &action)
{
    if (!action.contains(u"argv"_s))
        return action.value(u"command"_s).toString();
    QStringList words;
    for (const QJsonValue &word : action.value(u"argv"_s).toArray())
        words.append(word.toString());
    return words.join(u' ');
}

QByteArray displayCommand(const Jcs::View::Value &action)
{
    QByteArray scratch;
    const Jcs::View::Value argv = action[QLatin1StringView("argv")];
    if (!argv.isValid())
        return action[QLatin1StringView("command")].utf8(&scratch).toByteArray();
    QByteArray joined;
    for (const Jcs::View::Value &word : argv.children()) {
        if (!joined.isEmpty())
            joined += ' ';
        joined += word.utf8(&scratch);
    }
    return joined;
}

std::optional<Event> eventFromJson(const QJsonObject &object, WireError *error)
{
    Event event;
    event.seq = object.value(u"seq"_s).toInteger(-1);
    event.time = parseTime(object.value(u"time"_s).toString());
    event.type = object.value(u"type"_s).toString();
    event.actor = object.value(u"actor"_s).toString();
    event.actionId = object.value(u"action_id"_s).toString();
    event.payload = object.value(u"payload"_s).toObject();
    event.prevHash = object.value(u"prev_hash"_s).toString();
    event.hash = object.value(u"hash"_s).toString();
    if (event.seq < 1 || event.type.isEmpty() || !event.time.isValid()) {
        *error = invalid(u"event"_s, u"lacks its seq, type or time"_s);
        return std::nullopt;
    }
    return event;
}

} // namespace cs::ActionCodec
