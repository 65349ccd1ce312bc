#pragma once

#include "CliContext.h"
#include "client/AgentClient.h"
#include "domain/Action.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSocketNotifier>

#include <memory>

namespace cs {

class ActionWaiter;

// `countersign-cli mcp`: a Model Context Protocol server on stdin/stdout (JSON-RPC 2.0, one message
// a line) for any MCP-capable agent. It offers one tool, `request_approval`, which submits the
// action to the gateway as this agent and answers once it is decided: approved or allowed, denied
// (with who and why), expired or cancelled. Calls run side by side; `ping` is answered meanwhile;
// `notifications/cancelled` for a waiting call cancels its action at the gateway. stdin closing
// ends the server.
class McpServer : public QObject
{
    Q_OBJECT
public:
    explicit McpServer(QObject *parent = nullptr);
    ~McpServer() override;

    bool parse(const QStringList &arguments);
    void run();

    // The tool's input schema and its mapping to a gateway request, for tests and docs.
    static QJsonObject toolDescription();
    static std::optional<QJsonObject> requestFor(const QJsonObject &arguments, QString *error);

private:
    void readInput();
    void handle(const QByteArray &line);
    void callTool(const QJsonValue &id, const QJsonObject &params);
    void finishCall(const QJsonValue &id, const QJsonObject &action, ActionStatus status);
    void cancelCall(const QJsonValue &requestId);
    void reply(const QJsonValue &id, const QJsonObject &result);
    void replyError(const QJsonValue &id, int code, const QString &message);
    void toolError(const QJsonValue &id, const QString &text);
    void send(const QJsonObject &message);

    CliContext m_context;
    QNetworkAccessManager m_network;
    AgentClient m_client;
    std::unique_ptr<QSocketNotifier> m_input;
    QByteArray m_buffer;
    // Calls waiting for a decision: JSON-RPC id (as compact JSON) -> the action's id.
    QHash<QByteArray, QString> m_waiting;
    QHash<QByteArray, ActionWaiter *> m_waiters;
};

} // namespace cs
