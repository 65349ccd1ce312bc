#include "McpServer.h"

#include "client/ActionWaiter.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

// JSON-RPC 2.0 error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;

const QString kToolName = u"request_approval"_s;

QByteArray key(const QJsonValue &id)
{
    return QJsonDocument(QJsonArray{id}).toJson(QJsonDocument::Compact);
}

} // namespace

McpServer::McpServer(QObject *parent) : QObject(parent), m_client(&m_network)
{
}

McpServer::~McpServer() = default;

bool McpServer::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Model Context Protocol server on stdio: offers the tool request_approval, "
                                        "which asks the gateway and waits for the decision (docs/integrations.md)."));
    parser.addHelpOption();
    CliContext::addOptions(parser);
    const auto context = CliContext::parse(parser, arguments, Role::Agent);
    if (!context)
        return false;
    m_context = *context;
    return true;
}

void McpServer::run()
{
    m_client.setEndpoint(m_context.gatewayUrl, m_context.token, m_context.trust);
    m_client.setSubmitRetry(30);
    m_input = std::make_unique<QSocketNotifier>(STDIN_FILENO, QSocketNotifier::Read);
    connect(m_input.get(), &QSocketNotifier::activated, this, &McpServer::readInput);
}

void McpServer::readInput()
{
    char chunk[65536];
    const ssize_t got = ::read(STDIN_FILENO, chunk, sizeof chunk);
    if (got <= 0) { // the client went away: nothing is left to answer
        m_input->setEnabled(false);
        return QCoreApplication::exit(0);
    }
    m_buffer.append(chunk, got);
    qsizetype end;
    while ((end = m_buffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_buffer.left(end).trimmed();
        m_buffer.remove(0, end + 1);
        if (!line.isEmpty())
            handle(line);
    }
}

void McpServer::handle(const QByteArray &line)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (!document.isObject())
        return replyError(QJsonValue::Null, kParseError, u"Not a JSON-RPC message: %1"_s.arg(parseError.errorString()));
    const QJsonObject message = document.object();
    const QJsonValue id = message.value(u"id"_s);
    const QString method = message.value(u"method"_s).toString();
    const bool notification = id.isUndefined();
    if (message.value(u"jsonrpc"_s).toString() != u"2.0" || method.isEmpty()) {
        if (!notification && !message.contains(u"method"_s))
            return; // a response to us: we send no requests
        return replyError(notification ? QJsonValue::Null : id, kInvalidRequest,
                          u"A JSON-RPC 2.0 request needs \"jsonrpc\": \"2.0\" and a method."_s);
    }
    const QJsonObject params = message.value(u"params"_s).toObject();
    if (notification) {
        if (method == u"notifications/cancelled")
            cancelCall(params.value(u"requestId"_s));
        return; // notifications/initialized and others need no answer
    }
    if (method == u"initialize") {
        const QString asked = params.value(u"protocolVersion"_s).toString();
        return reply(id, {{u"protocolVersion"_s, asked.isEmpty() ? u"2025-06-18"_s : asked},
                          {u"capabilities"_s, QJsonObject{{u"tools"_s, QJsonObject{}}}},
                          {u"serverInfo"_s, QJsonObject{{u"name"_s, u"countersign"_s},
                                                        {u"version"_s, QCoreApplication::applicationVersion()}}},
                          {u"instructions"_s, u"Call request_approval before any privileged action (deploys, "
                                              "data exports, IAM or key changes) and go ahead only when it "
                                              "answers approved."_s}});
    }
    if (method == u"ping")
        return reply(id, {});
    if (method == u"tools/list")
        return reply(id, {{u"tools"_s, QJsonArray{toolDescription()}}});
    if (method == u"tools/call")
        return callTool(id, params);
    replyError(id, kMethodNotFound, u"Unknown method %1."_s.arg(method));
}

QJsonObject McpServer::toolDescription()
{
    const auto text = [](const QString &description) {
        return QJsonObject{{u"type"_s, u"string"_s}, {u"description"_s, description}};
    };
    QJsonObject urgency = text(u"How soon a human must look: low, normal, high or critical."_s);
    urgency.insert(u"enum"_s, QJsonArray{u"low"_s, u"normal"_s, u"high"_s, u"critical"_s});
    const QJsonObject properties{
        {u"kind"_s, text(u"Kind of action, e.g. deploy, db.export, iam.change."_s)},
        {u"command"_s, text(u"The exact command that will run, as one shell string."_s)},
        {u"system"_s, text(u"The system it touches, e.g. kubernetes, postgres, aws-iam."_s)},
        {u"resource"_s, text(u"The resource in that system, e.g. deploy/api, users, role/release."_s)},
        {u"environment"_s, text(u"The environment, e.g. production or staging."_s)},
        {u"justification"_s, text(u"Why the action is needed, with a ticket reference where there is one."_s)},
        {u"urgency"_s, urgency},
        {u"ttl_seconds"_s,
         QJsonObject{{u"type"_s, u"integer"_s}, {u"description"_s, u"How long to wait for a decision, in seconds."_s}}},
        {u"context"_s,
         QJsonObject{{u"type"_s, u"object"_s}, {u"description"_s, u"Anything else the approver should see."_s}}}};
    return {
        {u"name"_s, kToolName},
        {u"title"_s, u"Request human approval"_s},
        {u"description"_s, u"Ask the on-call humans to approve a privileged action before running it. Blocks "
                           "until they decide; run the command only if the answer is approved."_s},
        {u"inputSchema"_s, QJsonObject{{u"type"_s, u"object"_s},
                                       {u"properties"_s, properties},
                                       {u"required"_s, QJsonArray{u"kind"_s, u"command"_s, u"system"_s, u"resource"_s,
                                                                  u"environment"_s, u"justification"_s}}}}};
}

std::optional<QJsonObject> McpServer::requestFor(const QJsonObject &arguments, QString *error)
{
    for (const QString &field :
         {u"kind"_s, u"command"_s, u"system"_s, u"resource"_s, u"environment"_s, u"justification"_s}) {
        if (!arguments.value(field).isString() || arguments.value(field).toString().isEmpty()) {
            *error = u"request_approval needs '%1' (a non-empty string)."_s.arg(field);
            return std::nullopt;
        }
    }
    QJsonObject request{{u"kind"_s, arguments.value(u"kind"_s)},
                        {u"command"_s, arguments.value(u"command"_s)},
                        {u"target"_s, QJsonObject{{u"system"_s, arguments.value(u"system"_s)},
                                                  {u"resource"_s, arguments.value(u"resource"_s)},
                                                  {u"environment"_s, arguments.value(u"environment"_s)}}},
                        {u"justification"_s, arguments.value(u"justification"_s)}};
    for (const QString &optional : {u"urgency"_s, u"ttl_seconds"_s, u"context"_s}) {
        if (arguments.contains(optional))
            request.insert(optional, arguments.value(optional));
    }
    return request;
}

void McpServer::callTool(const QJsonValue &id, const QJsonObject &params)
{
    if (params.value(u"name"_s).toString() != kToolName)
        return replyError(
            id, kInvalidParams,
            u"Unknown tool %1; this server offers %2."_s.arg(params.value(u"name"_s).toString(), kToolName));
    QString error;
    const auto request = requestFor(params.value(u"arguments"_s).toObject(), &error);
    if (!request)
        return toolError(id, error);
    m_client.submit(*request, this, [this, id](const AgentClient::Reply &submitted) {
        if (!submitted.ok())
            return toolError(
                id, u"The gateway refused the request (%1): %2"_s.arg(submitted.error.code, submitted.error.message));
        const QString actionId = submitted.body.value(u"id"_s).toString();
        auto *waiter = ActionWaiter::follow(&m_client, submitted.body, this);
        m_waiting.insert(key(id), actionId);
        m_waiters.insert(key(id), waiter);
        connect(waiter, &ActionWaiter::finished, this, [this, id, waiter](const QJsonObject &action, ActionStatus s) {
            waiter->deleteLater();
            finishCall(id, action, s);
        });
        connect(waiter, &ActionWaiter::failed, this, [this, id, waiter](const WireError &lost) {
            waiter->deleteLater();
            m_waiting.remove(key(id));
            m_waiters.remove(key(id));
            toolError(id, u"Lost the gateway while waiting (%1): %2"_s.arg(lost.code, lost.message));
        });
        waiter->start();
    });
}

void McpServer::finishCall(const QJsonValue &id, const QJsonObject &action, ActionStatus status)
{
    m_waiting.remove(key(id));
    m_waiters.remove(key(id));
    const ActionOutcome outcome = ActionOutcome::of(action, status);
    const QString &by = outcome.by;
    const QString &reason = outcome.reason;
    const bool mayRun = outcome.mayRun();
    QString text;
    switch (status) {
    case ActionStatus::Approved:
        text = u"approved by %1: you may run the command now, exactly as submitted."_s.arg(by);
        break;
    case ActionStatus::Allowed:
        text = u"allowed by policy (%1): you may run the command now, exactly as submitted."_s.arg(reason);
        break;
    case ActionStatus::Denied:
        text = outcome.byPolicy() ? u"denied by policy: %1. Do not run the command."_s.arg(reason)
                                  : u"denied by %1: %2. Do not run the command."_s.arg(by, reason);
        break;
    default:
        text = u"%1: nobody approved it. Do not run the command."_s.arg(statusName(status));
        break;
    }
    QJsonObject structured{
        {u"action_id"_s, action.value(u"id"_s)}, {u"status"_s, statusName(status)}, {u"may_run"_s, mayRun}};
    if (!by.isEmpty())
        structured.insert(u"by"_s, by);
    if (!reason.isEmpty())
        structured.insert(u"reason"_s, reason);
    reply(id, {{u"content"_s, QJsonArray{QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, text}}}},
               {u"structuredContent"_s, structured},
               {u"isError"_s, false}});
}

void McpServer::cancelCall(const QJsonValue &requestId)
{
    const QString actionId = m_waiting.take(key(requestId));
    if (ActionWaiter *waiter = m_waiters.take(key(requestId)))
        waiter->deleteLater(); // the client no longer waits: no answer is sent
    if (!actionId.isEmpty())
        m_client.cancel(actionId, this, [](const AgentClient::Reply &) {});
}

void McpServer::reply(const QJsonValue &id, const QJsonObject &result)
{
    send({{u"jsonrpc"_s, u"2.0"_s}, {u"id"_s, id}, {u"result"_s, result}});
}

void McpServer::replyError(const QJsonValue &id, int code, const QString &message)
{
    send({{u"jsonrpc"_s, u"2.0"_s},
          {u"id"_s, id},
          {u"error"_s, QJsonObject{{u"code"_s, code}, {u"message"_s, message}}}});
}

void McpServer::toolError(const QJsonValue &id, const QString &text)
{
    // A tool's failure is a result the model reads, not a protocol error.
    reply(id,
          {{u"content"_s, QJsonArray{QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, text}}}}, {u"isError"_s, true}});
}

void McpServer::send(const QJsonObject &message)
{
    const QByteArray line = QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

} // namespace cs
