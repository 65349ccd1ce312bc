#include "ExplainCommand.h"

#include "RequestOptions.h"
#include "domain/CommandDisplay.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace cs {

ExplainCommand::ExplainCommand(QObject *parent) : QObject(parent), m_client(&m_network)
{
}

bool ExplainCommand::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Say which policy rule an action would match, why, and what it would need, without submitting it."));
    parser.addHelpOption();
    CliContext::addOptions(parser);
    RequestOptions::add(parser);
    parser.addOption({u"agent"_s, tr("Explain for this agent (approvers and auditors; default: yourself)."), u"ID"_s});
    parser.addOption({u"json"_s, tr("Print the gateway's JSON instead of text.")});
    const auto context = CliContext::parse(parser, arguments, Role::Agent);
    if (!context)
        return false;
    m_context = *context;
    m_json = parser.isSet(u"json"_s);
    m_body = RequestOptions::body(parser, parser.positionalArguments());
    if (m_body.value(u"justification"_s).toString().isEmpty())
        m_body.remove(u"justification"_s);
    if (parser.isSet(u"agent"_s))
        m_body.insert(u"agent"_s, parser.value(u"agent"_s));
    return true;
}

void ExplainCommand::run()
{
    m_client.setEndpoint(m_context.gatewayUrl, m_context.token, m_context.trust);
    m_client.post(u"/v1/policy/explain"_s, m_body, this, [this](const AgentClient::Reply &reply) {
        if (!reply.ok()) {
            printErr(u"countersign-cli: %1 (%2)"_s.arg(reply.error.message, reply.error.code));
            return QCoreApplication::exit(ExitCode::Error);
        }
        printOut(m_json ? QString::fromUtf8(QJsonDocument(reply.body).toJson(QJsonDocument::Indented))
                        : describe(reply.body));
        QCoreApplication::exit(0);
    });
}

QString ExplainCommand::describe(const QJsonObject &answer)
{
    const auto text = [](const QJsonValue &value) { return CommandDisplay::escape(value.toString(), false); };
    const QString outcome = answer.value(u"outcome"_s).toString();
    QString out = u"rule: %1"_s.arg(text(answer.value(u"rule"_s)));
    if (answer.contains(u"line"_s))
        out += u" (%1 line %2)"_s.arg(text(answer.value(u"policy_source"_s))).arg(answer.value(u"line"_s).toInt());
    out += u"\noutcome: "_s + outcome;
    if (outcome == u"deny")
        out += u": "_s + text(answer.value(u"message"_s));
    const QJsonObject require = answer.value(u"require"_s).toObject();
    if (outcome == u"require") {
        out += u"\nneeds: "_s + text(require.value(u"quorum"_s));
        if (require.contains(u"key_assurance"_s))
            out += u", signed with a "_s + text(require.value(u"key_assurance"_s)) + u" key"_s;
        if (require.contains(u"ttl_seconds"_s))
            out += u"\nwaits at most: %1 s"_s.arg(require.value(u"ttl_seconds"_s).toInt());
        if (require.contains(u"use_within_seconds"_s))
            out += u"\nrun within: %1 s of the approval"_s.arg(require.value(u"use_within_seconds"_s).toInt());
        if (require.contains(u"justification_pattern"_s)) {
            out += u"\njustification must match: /%1/"_s.arg(text(require.value(u"justification_pattern"_s)));
            if (answer.value(u"justification_accepted"_s).isBool())
                out += answer.value(u"justification_accepted"_s).toBool() ? u" (yours does)"_s : u" (yours does not)"_s;
        }
    }
    out += u"\nwhy:"_s;
    for (const QJsonValue &reason : answer.value(u"reasons"_s).toArray())
        out += u"\n  - "_s + text(reason);
    return out;
}

} // namespace cs
