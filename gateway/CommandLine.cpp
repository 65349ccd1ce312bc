#include "CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace cs::CommandLine {

void print(FILE *stream, const QString &text)
{
    std::fputs(qPrintable(text + u'\n'), stream);
    std::fflush(stream);
}

int fail(const QString &message)
{
    print(stderr, u"countersign-gateway: "_s + message);
    return kFailure;
}

int usageError(const QString &message)
{
    print(stderr,
          u"countersign-gateway: "_s + message + u'\n' +
              QCoreApplication::translate("countersign-gateway", "Run 'countersign-gateway --help' for the options."));
    return kUsage;
}

bool parse(QCommandLineParser &parser, const QStringList &arguments, int *code)
{
    if (!parser.parse(arguments)) {
        *code = usageError(parser.errorText());
        return false;
    }
    const QStringList given = parser.optionNames();
    if (given.contains(u"help"_s) || given.contains(u"h"_s) || given.contains(u"?"_s)) {
        print(stdout, parser.helpText());
        *code = 0;
        return false;
    }
    if (given.contains(u"version"_s) || given.contains(u"v"_s)) {
        print(stdout, u"countersign-gateway "_s + QCoreApplication::applicationVersion());
        *code = 0;
        return false;
    }
    return true;
}

} // namespace cs::CommandLine
