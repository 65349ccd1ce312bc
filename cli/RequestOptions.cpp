#include "RequestOptions.h"

#include "CliContext.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace cs::RequestOptions {

void add(QCommandLineParser &parser)
{
    parser.addOption({u"kind"_s, u"Kind of action, e.g. db.export."_s, u"KIND"_s});
    parser.addOption({u"system"_s, u"Target system."_s, u"SYSTEM"_s});
    parser.addOption({u"resource"_s, u"Target resource."_s, u"RESOURCE"_s});
    parser.addOption({u"env"_s, u"Target environment."_s, u"ENV"_s});
    parser.addOption({u"justification"_s, u"Why the action is needed."_s, u"TEXT"_s});
    parser.addOption({u"urgency"_s, u"low, normal, high or critical."_s, u"URGENCY"_s});
    parser.addOption({u"ttl"_s, u"Seconds until the request expires."_s, u"SECONDS"_s});
    parser.addOption({u"on-behalf-of"_s, u"The human the agent acts for (may not approve)."_s, u"ID"_s});
    parser.addOption({u"context"_s, u"Extra context as a JSON object."_s, u"JSON"_s});
    parser.addOption({u"command"_s, u"The command as one shell string instead of -- ARGV."_s, u"STRING"_s});
    parser.addPositionalArgument(u"argv"_s, u"-- COMMAND ARGS…"_s, u"[-- COMMAND ARGS…]"_s);
}

QJsonObject body(const QCommandLineParser &parser, const QStringList &argv)
{
    const QString shellCommand = parser.value(u"command"_s);
    if (argv.isEmpty() == shellCommand.isEmpty())
        usageError(u"give the command either after -- or with --command, not both"_s);
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
            usageError(u"--ttl takes a whole number of seconds"_s);
        body.insert(u"ttl_seconds"_s, ttl);
    }
    if (parser.isSet(u"context"_s)) {
        const QJsonDocument context = QJsonDocument::fromJson(parser.value(u"context"_s).toUtf8());
        if (!context.isObject())
            usageError(u"--context takes a JSON object"_s);
        body.insert(u"context"_s, context.object());
    }
    return body;
}

} // namespace cs::RequestOptions
