#include "ReportCommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace cs {

bool ReportCommand::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Report how an approved action ran."));
    parser.addHelpOption();
    CliContext::addOptions(parser);
    parser.addPositionalArgument(u"id"_s, tr("The action's id."));
    parser.addOption({u"status"_s, tr("succeeded or failed."), u"STATUS"_s});
    parser.addOption({u"exit-code"_s, tr("The command's exit code."), u"N"_s});
    parser.addOption({u"detail"_s, tr("A line on what happened."), u"TEXT"_s});
    const auto context = CliContext::parse(parser, arguments, Role::Agent);
    if (!context)
        return false;
    m_context = *context;
    m_actionId = parser.positionalArguments().value(0);
    if (m_actionId.isEmpty() || !parser.isSet(u"status"_s)) {
        usageError(tr("report needs the action's id and --status succeeded|failed"));
    }
    m_report.insert(u"status"_s, parser.value(u"status"_s));
    if (parser.isSet(u"exit-code"_s)) {
        bool ok = false;
        const qint64 code = parser.value(u"exit-code"_s).toLongLong(&ok);
        if (!ok)
            usageError(tr("--exit-code takes a whole number"));
        m_report.insert(u"exit_code"_s, code);
    }
    if (parser.isSet(u"detail"_s))
        m_report.insert(u"detail"_s, parser.value(u"detail"_s));
    return true;
}

void ReportCommand::run()
{
    m_client.setEndpoint(m_context.gatewayUrl, m_context.token, m_context.trust);
    post(&m_client, m_actionId, m_report, this, [](const AgentClient::Reply &reply) {
        if (!reply.ok()) {
            printErr(u"countersign-cli: %1 (%2)"_s.arg(reply.error.message, reply.error.code));
            return QCoreApplication::exit(ExitCode::Error);
        }
        printOut(QString::fromUtf8(QJsonDocument(reply.body).toJson(QJsonDocument::Compact)));
        QCoreApplication::exit(0);
    });
}

void ReportCommand::post(AgentClient *client, const QString &actionId, const QJsonObject &report, QObject *context,
                         AgentClient::Callback done)
{
    client->post(u"/v1/actions/%1/execution"_s.arg(actionId), report, context, std::move(done));
}

} // namespace cs
