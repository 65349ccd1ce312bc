#include "RequestOptions.h"

#include "CliContext.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace cs::RequestOptions {

void add(QCommandLineParser &parser)
{
    parser.addOption(
        {u"kind"_s, QCoreApplication::translate("countersign-cli", "Kind of action, e.g. db.export."), u"KIND"_s});
    parser.addOption({u"system"_s, QCoreApplication::translate("countersign-cli", "Target system."), u"SYSTEM"_s});
    parser.addOption(
        {u"resource"_s, QCoreApplication::translate("countersign-cli", "Target resource."), u"RESOURCE"_s});
    parser.addOption({u"env"_s, QCoreApplication::translate("countersign-cli", "Target environment."), u"ENV"_s});
    parser.addOption(
        {u"justification"_s, QCoreApplication::translate("countersign-cli", "Why the action is needed."), u"TEXT"_s});
    parser.addOption(
        {u"urgency"_s, QCoreApplication::translate("countersign-cli", "low, normal, high or critical."), u"URGENCY"_s});
    parser.addOption(
        {u"ttl"_s, QCoreApplication::translate("countersign-cli", "Seconds until the request expires."), u"SECONDS"_s});
    parser.addOption({u"on-behalf-of"_s,
                      QCoreApplication::translate("countersign-cli", "The human the agent acts for (may not approve)."),
                      u"ID"_s});
    parser.addOption(
        {u"context"_s, QCoreApplication::translate("countersign-cli", "Extra context as a JSON object."), u"JSON"_s});
    parser.addOption(
        {u"command"_s,
         QCoreApplication::translate("countersign-cli", "The command as one shell string instead of -- ARGV."),
         u"STRING"_s});
    parser.addPositionalArgument(
        u"argv"_s, QCoreApplication::translate("countersign-cli", "The command to run and its arguments, after --."),
        u"[-- COMMAND ARGS…]"_s);
}

QJsonObject body(const QCommandLineParser &parser, const QStringList &argv)
{
    const QString shellCommand = parser.value(u"command"_s);
    if (argv.isEmpty() == shellCommand.isEmpty())
        usageError(QCoreApplication::translate("countersign-cli",
                                               "give the command either after -- or with --command, not both"));
    QJsonObject body{{u"kind"_s, parser.value(u"kind"_s)},
                     {u"target"_s, QJsonObject{{u"system"_s, parser.value(u"system"_s)},
                                               {u"resource"_s, parser.value(u"resource"_s)},
                                               {u"environment"_s, parser.value(u"env"_s)}}},
                     {u"justification"_s, parser.value(u"justification"_s)}};
    if (argv.isEmpty())
        body.insert(u"command"_s, shellCommand);
    else
        body.insert(u"argv"_s, QJsonArray::fromStringList(argv));
    if (parser.isSet(u"urgency"_s))
        body.insert(u"urgency"_s, parser.value(u"urgency"_s));
    if (parser.isSet(u"on-behalf-of"_s))
        body.insert(u"on_behalf_of"_s, parser.value(u"on-behalf-of"_s));
    if (parser.isSet(u"ttl"_s)) {
        bool ok = false;
        const int ttl = parser.value(u"ttl"_s).toInt(&ok);
        if (!ok)
            usageError(QCoreApplication::translate("countersign-cli", "--ttl takes a whole number of seconds"));
        body.insert(u"ttl_seconds"_s, ttl);
    }
    if (parser.isSet(u"context"_s)) {
        const QJsonDocument context = QJsonDocument::fromJson(parser.value(u"context"_s).toUtf8());
        if (!context.isObject())
            usageError(QCoreApplication::translate("countersign-cli", "--context takes a JSON object"));
        body.insert(u"context"_s, context.object());
    }
    return body;
}

} // namespace cs::RequestOptions
