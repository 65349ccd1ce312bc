#pragma once

#include "CliContext.h"
#include "client/AgentClient.h"
#include "domain/Action.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>

#include <optional>

namespace cs {

// `countersign-cli hook claude-code`: a Claude Code PreToolUse hook. Reads the hook's input on
// stdin (session_id, cwd, hook_event_name, tool_name, tool_input, tool_use_id), asks the gateway
// as an agent, waits for the decision and prints the hook's answer
// {"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow"|"deny",
// "permissionDecisionReason":…}}. It fails closed: an unreachable gateway, an unreadable input or
// an expired request is a deny, unless the operator chose --fail-open for the unreachable case.
// Always exits 0 once it has answered, as Claude Code reads the answer from stdout.
class HookCommand : public QObject
{
    Q_OBJECT
public:
    explicit HookCommand(QObject *parent = nullptr);

    bool parse(const QStringList &arguments);
    void run();

    struct Defaults
    {
        QString system = QStringLiteral("claude-code");
        QString environment = QStringLiteral("dev");
        std::optional<QString> urgency;
    };
    // The action a tool call asks for: Bash's command as a /bin/sh -c string, Write/Edit/MultiEdit/
    // NotebookEdit as file.write on the file, an MCP tool mcp__SERVER__TOOL as kind mcp.TOOL on
    // system SERVER, any other tool as claude.TOOL; the whole tool_input in context. Nothing when
    // the input is not a PreToolUse call, with the reason in `error`.
    static std::optional<QJsonObject> actionFor(const QJsonObject &input, const Defaults &defaults, QString *error);
    // The hook's answer on stdout.
    static QByteArray answer(bool allow, const QString &reason);

private:
    void onSubmitted(const AgentClient::Reply &reply);
    void onDecided(const QJsonObject &action, ActionStatus status);
    void decide(bool allow, const QString &reason);
    // A --fail-open allow, appended to ~/.local/share/countersign/fail-open.jsonl.
    void recordFailOpen(const QString &why) const;

    CliContext m_context;
    Defaults m_defaults;
    bool m_failOpen = false;
    QJsonObject m_action; // what was asked
    QNetworkAccessManager m_network;
    AgentClient m_client;
};

} // namespace cs
