#include "HookCommand.h"

#include "client/ActionWaiter.h"
#include "json/Jcs.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace cs {

HookCommand::HookCommand(QObject *parent) : QObject(parent), m_client(&m_network)
{
}

bool HookCommand::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Claude Code PreToolUse hook: reads the hook input on stdin, asks the "
                                        "gateway, waits, and prints allow or deny (docs/integrations.md)."));
    parser.addHelpOption();
    CliContext::addOptions(parser);
    parser.addOption({u"system"_s, tr("Target system of the actions (default claude-code)."), u"SYSTEM"_s});
    parser.addOption({u"env"_s, tr("Target environment of the actions (default dev)."), u"ENV"_s});
    parser.addOption({u"urgency"_s, tr("Urgency of the actions: low, normal, high or critical."), u"URGENCY"_s});
    parser.addOption({u"fail-open"_s, tr("Allow the tool call when the gateway cannot be reached (not the default: "
                                         "an unreachable gateway denies).")});
    const auto context = CliContext::parse(parser, arguments, Role::Agent);
    if (!context)
        return false;
    m_context = *context;
    if (parser.isSet(u"system"_s))
        m_defaults.system = parser.value(u"system"_s);
    if (parser.isSet(u"env"_s))
        m_defaults.environment = parser.value(u"env"_s);
    if (parser.isSet(u"urgency"_s))
        m_defaults.urgency = parser.value(u"urgency"_s);
    m_failOpen = parser.isSet(u"fail-open"_s);
    return true;
}

std::optional<QJsonObject> HookCommand::actionFor(const QJsonObject &input, const Defaults &defaults, QString *error)
{
    const QString event = input.value(u"hook_event_name"_s).toString();
    const QString tool = input.value(u"tool_name"_s).toString();
    const QJsonObject toolInput = input.value(u"tool_input"_s).toObject();
    if (event != u"PreToolUse" || tool.isEmpty()) {
        *error =
            u"the hook input is not a PreToolUse tool call (hook_event_name '%1', tool_name '%2')"_s.arg(event, tool);
        return std::nullopt;
    }
    const QString cwd = input.value(u"cwd"_s).toString();
    QJsonObject action{
        {u"context"_s, QJsonObject{{u"claude_code"_s, QJsonObject{{u"session_id"_s, input.value(u"session_id"_s)},
                                                                  {u"tool_use_id"_s, input.value(u"tool_use_id"_s)},
                                                                  {u"tool_name"_s, tool},
                                                                  {u"cwd"_s, cwd}}},
                                   {u"tool_input"_s, toolInput}}}};
    QString kind, system = defaults.system, resource = cwd.isEmpty() ? u"-"_s : cwd;
    const QString description = toolInput.value(u"description"_s).toString();
    static const QStringList fileTools{u"Write"_s, u"Edit"_s, u"MultiEdit"_s, u"NotebookEdit"_s};
    if (tool == u"Bash") {
        kind = u"shell.run"_s;
        const QString command = toolInput.value(u"command"_s).toString();
        if (command.isEmpty()) {
            *error = u"the Bash call has no tool_input.command"_s;
            return std::nullopt;
        }
        action.insert(u"command"_s, command);
    } else if (fileTools.contains(tool)) {
        kind = u"file.write"_s;
        const QString path = toolInput.value(u"file_path"_s).toString(toolInput.value(u"notebook_path"_s).toString());
        if (path.isEmpty()) {
            *error = u"the %1 call names no file_path"_s.arg(tool);
            return std::nullopt;
        }
        resource = path;
        action.insert(u"argv"_s, QJsonArray{tool, path});
    } else if (tool.startsWith(u"mcp__")) {
        // mcp__SERVER__TOOL; a server name may itself hold single underscores.
        const QString rest = tool.mid(5);
        const qsizetype split = rest.indexOf(u"__"_s);
        const QString server = split > 0 ? rest.left(split) : rest;
        const QString name = split > 0 ? rest.mid(split + 2) : rest;
        kind = u"mcp."_s + name;
        system = server;
        resource = name;
        Jcs::Error jcsError;
        const auto arguments = Jcs::serialize(toolInput, &jcsError);
        action.insert(u"argv"_s, QJsonArray{tool, QString::fromUtf8(arguments.value_or("{}"))});
    } else {
        kind = u"claude."_s + tool.toLower();
        Jcs::Error jcsError;
        const auto arguments = Jcs::serialize(toolInput, &jcsError);
        action.insert(u"argv"_s, QJsonArray{tool, QString::fromUtf8(arguments.value_or("{}"))});
    }
    action.insert(u"kind"_s, kind);
    action.insert(
        u"target"_s,
        QJsonObject{{u"system"_s, system}, {u"resource"_s, resource}, {u"environment"_s, defaults.environment}});
    action.insert(u"justification"_s, description.isEmpty() ? u"Claude Code wants to use %1 (session %2)"_s.arg(
                                                                  tool, input.value(u"session_id"_s).toString())
                                                            : u"Claude Code: %1"_s.arg(description));
    if (defaults.urgency)
        action.insert(u"urgency"_s, *defaults.urgency);
    return action;
}

QByteArray HookCommand::answer(bool allow, const QString &reason)
{
    const QJsonObject output{
        {u"hookSpecificOutput"_s, QJsonObject{{u"hookEventName"_s, u"PreToolUse"_s},
                                              {u"permissionDecision"_s, allow ? u"allow"_s : u"deny"_s},
                                              {u"permissionDecisionReason"_s, reason}}}};
    return QJsonDocument(output).toJson(QJsonDocument::Compact);
}

void HookCommand::run()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return decide(false, u"Countersign could not read the hook input."_s);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(in.readAll(), &parseError);
    if (!document.isObject())
        return decide(false, u"Countersign could not read the hook input: %1."_s.arg(parseError.errorString()));
    QString error;
    const auto action = actionFor(document.object(), m_defaults, &error);
    if (!action)
        return decide(false, u"Countersign refused the tool call: %1."_s.arg(error));
    m_action = *action;
    m_client.setEndpoint(m_context.gatewayUrl, m_context.token, m_context.trust);
    m_client.setSubmitRetry(5); // a blip, not an outage: the tool call waits that long at most
    m_client.submit(*action, this, [this](const AgentClient::Reply &reply) { onSubmitted(reply); });
}

void HookCommand::onSubmitted(const AgentClient::Reply &reply)
{
    if (reply.unreachable()) {
        if (m_failOpen) {
            printErr(u"countersign: the gateway is unreachable (%1); allowed because of --fail-open"_s.arg(
                reply.error.message));
            recordFailOpen(reply.error.message);
            return decide(true, u"Countersign gateway unreachable; allowed without approval (--fail-open)."_s);
        }
        return decide(false,
                      u"Countersign gateway unreachable (%1): denied until it answers."_s.arg(reply.error.message));
    }
    if (!reply.ok())
        return decide(false, u"Countersign refused the request (%1): %2"_s.arg(reply.error.code, reply.error.message));
    if (reply.body.value(u"status"_s).toString() == u"pending")
        printErr(u"countersign: waiting for approval of %1"_s.arg(reply.body.value(u"id"_s).toString()));
    auto *waiter = ActionWaiter::follow(&m_client, reply.body, this);
    connect(waiter, &ActionWaiter::finished, this, &HookCommand::onDecided);
    connect(waiter, &ActionWaiter::failed, this, [this](const WireError &error) {
        decide(false, u"Countersign lost the gateway while waiting (%1): denied."_s.arg(error.message));
    });
    waiter->start();
}

void HookCommand::onDecided(const QJsonObject &action, ActionStatus status)
{
    const ActionOutcome outcome = ActionOutcome::of(action, status);
    const QString &by = outcome.by;
    const QString &reason = outcome.reason;
    switch (status) {
    case ActionStatus::Approved:
        return decide(true, u"Approved by %1 in Countersign."_s.arg(by));
    case ActionStatus::Allowed:
        return decide(true, u"Allowed by Countersign policy (%1)."_s.arg(reason));
    case ActionStatus::Denied:
        return decide(false, outcome.byPolicy() ? u"Denied by Countersign policy: %1"_s.arg(reason)
                                                : u"Denied by %1 in Countersign: %2"_s.arg(by, reason));
    case ActionStatus::Expired:
        return decide(false, u"No approver decided in time: the Countersign request expired."_s);
    default:
        return decide(false, u"The Countersign request was %1."_s.arg(statusName(status)));
    }
}

void HookCommand::recordFailOpen(const QString &why) const
{
    // The gateway cannot record it: the user's own record, one JSON line per tool call let through.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/countersign"_s;
    QDir().mkpath(dir);
    QFile log(dir + u"/fail-open.jsonl"_s);
    if (!log.open(QIODevice::Append | QIODevice::Text)) {
        printErr(u"countersign: cannot record the fail-open in %1: %2"_s.arg(log.fileName(), log.errorString()));
        return;
    }
    const QJsonObject line{{u"at"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                           {u"gateway"_s, m_context.gatewayUrl.toString()},
                           {u"error"_s, why},
                           {u"action"_s, m_action}};
    log.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
}

void HookCommand::decide(bool allow, const QString &reason)
{
    std::fputs(answer(allow, reason).constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
    QCoreApplication::exit(0);
}

} // namespace cs
