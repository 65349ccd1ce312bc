#include "ApproverCommand.h"
#include "AuditCommand.h"
#include "CliContext.h"
#include "ExplainCommand.h"
#include "HookCommand.h"
#include "McpServer.h"
#include "OfflineCommands.h"
#include "ReportCommand.h"
#include "RequestCommand.h"

#include <QCoreApplication>
#include <QHash>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

const char kUsage[] = "usage: countersign-cli COMMAND [OPTIONS]\n"
                      "\n"
                      "Agents:\n"
                      "  request   ask for approval of an action (--wait to wait for the decision)\n"
                      "  exec      ask, wait, run the command only if approved, and report how it ran\n"
                      "  report    report how an approved action ran (for agents that run it themselves)\n"
                      "  policy explain      which policy rule an action would match, and what it needs\n"
                      "  hook claude-code    a Claude Code PreToolUse hook: ask before each tool call\n"
                      "  mcp                 an MCP server (stdio) offering the tool request_approval\n"
                      "\n"
                      "Approvers:\n"
                      "  pending          list the actions waiting for a decision\n"
                      "  decide ID        sign and send a decision (--approve|--deny, --reason, --key URI)\n"
                      "  withdraw ID      take back your approval while the action waits for others\n"
                      "  key enroll       send your signing key for an operator to approve (--key URI)\n"
                      "  key list         your keys and their status\n"
                      "\n"
                      "Anyone, offline:\n"
                      "  canonicalize [FILE]     print the RFC 8785 canonical form of a JSON document\n"
                      "  verify-decision FILE    check an exported signed decision\n"
                      "  audit verify BUNDLE     check an evidence bundle\n"
                      "\n"
                      "Auditors:\n"
                      "  audit export            the audit log as csv, jsonl or an evidence bundle\n"
                      "\n"
                      "Run 'countersign-cli COMMAND --help' for a command's options.";

// The arguments after the command's `words` words, with the command's name in front as
// QCommandLineParser expects.
QStringList commandArguments(const QStringList &arguments, int words)
{
    QStringList rest = arguments.mid(1 + words);
    rest.prepend(arguments.mid(0, 1 + words).join(u' '));
    return rest;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"countersign-cli"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(COUNTERSIGN_VERSION));
    const QStringList arguments = app.arguments();
    const QString command = arguments.value(1);
    if (command == u"--version" || command == u"-v") {
        cs::printOut(u"countersign-cli "_s + QCoreApplication::applicationVersion());
        return 0;
    }
    if (command.isEmpty() || command == u"--help" || command == u"-h") {
        cs::printOut(QString::fromLatin1(kUsage));
        return command.isEmpty() ? cs::ExitCode::Error : 0;
    }

    std::unique_ptr<cs::RequestCommand> request;
    if (command == u"request" || command == u"exec") {
        request = std::make_unique<cs::RequestCommand>(command == u"exec" ? cs::RequestCommand::Mode::Exec
                                                                          : cs::RequestCommand::Mode::Request);
        if (!request->parse(commandArguments(arguments, 1)))
            return arguments.contains(u"--help"_s) || arguments.contains(u"-h"_s) ? 0 : cs::ExitCode::Error;
        QTimer::singleShot(0, request.get(), &cs::RequestCommand::run);
        return app.exec();
    }
    if (command == u"report") {
        cs::ReportCommand report;
        if (!report.parse(commandArguments(arguments, 1)))
            return arguments.contains(u"--help"_s) || arguments.contains(u"-h"_s) ? 0 : cs::ExitCode::Error;
        QTimer::singleShot(0, &report, &cs::ReportCommand::run);
        return app.exec();
    }
    if (command == u"policy" && arguments.value(2) == u"explain") {
        cs::ExplainCommand explain;
        if (!explain.parse(commandArguments(arguments, 2)))
            return arguments.contains(u"--help"_s) || arguments.contains(u"-h"_s) ? 0 : cs::ExitCode::Error;
        QTimer::singleShot(0, &explain, &cs::ExplainCommand::run);
        return app.exec();
    }
    if (command == u"hook" && arguments.value(2) == u"claude-code") {
        cs::HookCommand hook;
        if (!hook.parse(commandArguments(arguments, 2)))
            return arguments.contains(u"--help"_s) || arguments.contains(u"-h"_s) ? 0 : cs::ExitCode::Error;
        QTimer::singleShot(0, &hook, &cs::HookCommand::run);
        return app.exec();
    }
    if (command == u"mcp") {
        cs::McpServer mcp;
        if (!mcp.parse(commandArguments(arguments, 1)))
            return arguments.contains(u"--help"_s) || arguments.contains(u"-h"_s) ? 0 : cs::ExitCode::Error;
        QTimer::singleShot(0, &mcp, &cs::McpServer::run);
        return app.exec();
    }
    if (command == u"canonicalize")
        return cs::OfflineCommands::canonicalize(commandArguments(arguments, 1));
    if (command == u"verify-decision")
        return cs::OfflineCommands::verifyDecision(commandArguments(arguments, 1));
    if (command == u"audit" && arguments.value(2) == u"verify")
        return cs::AuditCommand::verify(commandArguments(arguments, 2));
    if (command == u"audit" && arguments.value(2) == u"export") {
        cs::AuditCommand audit;
        if (!audit.parse(commandArguments(arguments, 2)))
            return arguments.contains(u"--help"_s) || arguments.contains(u"-h"_s) ? 0 : cs::ExitCode::Error;
        QTimer::singleShot(0, &audit, &cs::AuditCommand::run);
        return app.exec();
    }

    static const QHash<QString, cs::ApproverCommand::Mode> approverModes{
        {u"pending"_s, cs::ApproverCommand::Mode::Pending},
        {u"decide"_s, cs::ApproverCommand::Mode::Decide},
        {u"withdraw"_s, cs::ApproverCommand::Mode::Withdraw},
        {u"key enroll"_s, cs::ApproverCommand::Mode::KeyEnroll},
        {u"key list"_s, cs::ApproverCommand::Mode::KeyList}};
    const bool keyCommand = command == u"key";
    const QString name = keyCommand ? command + u' ' + arguments.value(2) : command;
    if (approverModes.contains(name)) {
        cs::ApproverCommand approver(approverModes.value(name));
        if (!approver.parse(commandArguments(arguments, keyCommand ? 2 : 1)))
            return arguments.contains(u"--help"_s) || arguments.contains(u"-h"_s) ? 0 : cs::ExitCode::Error;
        QTimer::singleShot(0, &approver, &cs::ApproverCommand::run);
        return app.exec();
    }
    cs::printErr(u"countersign-cli: unknown command '%1'\n"_s.arg(command) + QString::fromLatin1(kUsage));
    return cs::ExitCode::Error;
}
