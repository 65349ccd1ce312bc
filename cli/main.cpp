#include "CliContext.h"
#include "RequestCommand.h"

#include <QCoreApplication>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

const char kUsage[] = "usage: countersign-cli COMMAND [OPTIONS]\n"
                      "\n"
                      "Agents:\n"
                      "  request   ask for approval of an action (--wait to wait for the decision)\n"
                      "  exec      ask, wait, and run the command only if approved\n"
                      "\n"
                      "Run 'countersign-cli COMMAND --help' for a command's options.";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"countersign-cli"_s);
    const QStringList arguments = app.arguments();
    const QString command = arguments.value(1);
    if (command.isEmpty() || command == u"--help" || command == u"-h") {
        cs::printOut(QString::fromLatin1(kUsage));
        return command.isEmpty() ? cs::ExitCode::Error : 0;
    }

    std::unique_ptr<cs::RequestCommand> request;
    if (command == u"request" || command == u"exec") {
        request = std::make_unique<cs::RequestCommand>(command == u"exec" ? cs::RequestCommand::Mode::Exec
                                                                          : cs::RequestCommand::Mode::Request);
        QStringList rest = arguments.mid(2);
        rest.prepend(arguments.first() + u' ' + command);
        if (!request->parse(rest))
            return arguments.contains(u"--help"_s) || arguments.contains(u"-h"_s) ? 0 : cs::ExitCode::Error;
        QTimer::singleShot(0, request.get(), &cs::RequestCommand::run);
        return app.exec();
    }
    cs::printErr(u"countersign-cli: unknown command '%1'\n"_s.arg(command) + QString::fromLatin1(kUsage));
    return cs::ExitCode::Error;
}
