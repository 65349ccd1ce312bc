#include "ApproverCommand.h"
#include "AuditCommand.h"
#include "CliContext.h"
#include "ExplainCommand.h"
#include "HookCommand.h"
#include "McpServer.h"
#include "OfflineCommands.h"
#include "ReportCommand.h"
#include "RequestCommand.h"
#include "util/Translations.h"

#include <QCoreApplication>
#include <QHash>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

// The overview that `countersign-cli --help` prints.
QString usage()
{
    return QCoreApplication::translate(
        "countersign-cli", "usage: countersign-cli COMMAND [OPTIONS]\n"
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
                           "Run 'countersign-cli COMMAND --help' for a command's options.");
}

// The arguments after the command's `words` words, with the command's name in front as
// QCommandLineParser expects.
QStringList commandArguments(const QStringList &arguments, int words)
{
    QStringList rest = arguments.mid(1 + words);
    rest.prepend(arguments.mid(0, 1 + words).join(u' '));
    return rest;
}

// Parses a command's arguments (after its `words` words) and runs it on the event loop; the
// command ends the loop with its exit code. --help exits 0, a usage error ExitCode::Usage (64).
template <typename Command, typename... ConstructorArguments>
int runCommand(const QStringList &arguments, int words, ConstructorArguments... constructorArguments)
{
    Command command(constructorArguments...);
    if (!command.parse(commandArguments(arguments, words)))
        return cs::ExitCode::Error; // why was said (--help and usage errors exit in parse())
    QTimer::singleShot(0, &command, &Command::run);
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"countersign-cli"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(COUNTERSIGN_VERSION));
    const cs::Translations translations(QLocale(), u"countersign-cli"_s);
    const QStringList arguments = app.arguments();
    const QString command = arguments.value(1);
    if (command == u"--version" || command == u"-v") {
        cs::printOut(u"countersign-cli "_s + QCoreApplication::applicationVersion());
        return 0;
    }
    if (command.isEmpty() || command == u"--help" || command == u"-h") {
        cs::printOut(usage());
        return command.isEmpty() ? cs::ExitCode::Usage : 0;
    }

    if (command == u"request" || command == u"exec") {
        return runCommand<cs::RequestCommand>(
            arguments, 1, command == u"exec" ? cs::RequestCommand::Mode::Exec : cs::RequestCommand::Mode::Request);
    }
    if (command == u"report")
        return runCommand<cs::ReportCommand>(arguments, 1);
    if (command == u"policy" && arguments.value(2) == u"explain")
        return runCommand<cs::ExplainCommand>(arguments, 2);
    if (command == u"hook" && arguments.value(2) == u"claude-code")
        return runCommand<cs::HookCommand>(arguments, 2);
    if (command == u"mcp")
        return runCommand<cs::McpServer>(arguments, 1);
    if (command == u"canonicalize")
        return cs::OfflineCommands::canonicalize(commandArguments(arguments, 1));
    if (command == u"verify-decision")
        return cs::OfflineCommands::verifyDecision(commandArguments(arguments, 1));
    if (command == u"audit" && arguments.value(2) == u"verify")
        return cs::AuditCommand::verify(commandArguments(arguments, 2));
    if (command == u"audit" && arguments.value(2) == u"export")
        return runCommand<cs::AuditCommand>(arguments, 2);

    static const QHash<QString, cs::ApproverCommand::Mode> approverModes{
        {u"pending"_s, cs::ApproverCommand::Mode::Pending},
        {u"decide"_s, cs::ApproverCommand::Mode::Decide},
        {u"withdraw"_s, cs::ApproverCommand::Mode::Withdraw},
        {u"key enroll"_s, cs::ApproverCommand::Mode::KeyEnroll},
        {u"key list"_s, cs::ApproverCommand::Mode::KeyList}};
    const bool keyCommand = command == u"key";
    const QString name = keyCommand ? command + u' ' + arguments.value(2) : command;
    if (approverModes.contains(name))
        return runCommand<cs::ApproverCommand>(arguments, keyCommand ? 2 : 1, approverModes.value(name));
    cs::printErr(u"countersign-cli: "_s +
                 QCoreApplication::translate("countersign-cli", "unknown command '%1'").arg(command) + u'\n' + usage());
    return cs::ExitCode::Usage;
}
