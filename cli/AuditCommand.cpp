#include "AuditCommand.h"

#include "audit/AuditPage.h"
#include "signing/Crypto.h"
#include "wire/GatewayInfo.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

constexpr int kPage = 5000;

} // namespace

AuditCommand::AuditCommand(QObject *parent) : QObject(parent), m_client(&m_network)
{
}

bool AuditCommand::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Export the gateway's audit log (an auditor's or approver's token)."));
    parser.addHelpOption();
    CliContext::addOptions(parser);
    parser.addOption({u"after"_s, tr("Export the events after this seq (default 0: all)."), u"SEQ"_s, u"0"_s});
    parser.addOption({u"format"_s, tr("csv, jsonl or bundle."), u"FORMAT"_s, u"jsonl"_s});
    parser.addOption(
        {u"out"_s, tr("The file (csv, jsonl; default: standard output) or directory (bundle)."), u"PATH"_s});
    const auto context = CliContext::parse(parser, arguments, Role::Auditor);
    if (!context)
        return false;
    m_context = *context;
    bool ok = false;
    m_after = parser.value(u"after"_s).toLongLong(&ok);
    m_format = parser.value(u"format"_s);
    m_out = parser.value(u"out"_s);
    if (!ok || m_after < 0 || !QStringList{u"csv"_s, u"jsonl"_s, u"bundle"_s}.contains(m_format))
        usageError(tr("--after takes a seq and --format csv, jsonl or bundle"));
    if (m_format == u"bundle" && m_out.isEmpty()) {
        usageError(tr("a bundle is a directory: give it with --out DIR"));
    }
    m_client.setEndpoint(m_context.gatewayUrl, m_context.token, m_context.trust);
    return true;
}

void AuditCommand::fail(const QString &message)
{
    printErr(u"countersign-cli: "_s + message);
    QCoreApplication::exit(ExitCode::Error);
}

void AuditCommand::run()
{
    m_client.get(u"/v1/gateway"_s, this, [this](const AgentClient::Reply &reply) {
        if (!reply.ok())
            return fail(u"%1 (%2)"_s.arg(reply.error.message, reply.error.code));
        WireError error;
        const auto info = GatewayInfo::fromJson(reply.body, &error);
        if (!info)
            return fail(u"%1 (%2)"_s.arg(error.message, error.code));
        m_bundle.gatewayId = info->gatewayId;
        m_bundle.fido2RpId = info->fido2RpId;
        m_bundle.gatewayPublicKey = info->auditPublicKey;
        fetchPage(m_after);
    });
}

void AuditCommand::fetchPage(qint64 after)
{
    m_client.getText(
        u"/v1/audit?after=%1&limit=%2"_s.arg(after).arg(kPage), this, [this, after](const AgentClient::Reply &reply) {
            if (!reply.ok())
                return fail(u"%1 (%2)"_s.arg(reply.error.message, reply.error.code));
            QString error;
            const auto page = AuditPage::read(reply.text, &error);
            if (!page)
                return fail(error);
            for (const Jcs::View::Value &event : page->events) {
                if (!event.isValid())
                    return fail(u"the page after seq %1 holds an event with no canonical JSON form"_s.arg(after));
                m_bundle.events.append(event.bytes().toByteArray());
            }
            for (const AuditChain::Checkpoint &checkpoint : page->checkpoints) {
                const bool known = std::any_of(m_bundle.checkpoints.cbegin(), m_bundle.checkpoints.cend(),
                                               [&](const auto &c) { return c.seq == checkpoint.seq; });
                if (!known)
                    m_bundle.checkpoints.append(checkpoint);
            }
            if (qsizetype(page->events.size()) == kPage)
                return fetchPage(page->lastSeq(after));
            if (m_format == u"bundle")
                return fetchKeysAndWrite();
            write();
        });
}

void AuditCommand::fetchKeysAndWrite()
{
    const qint64 leftOut = m_bundle.keepCovered();
    if (leftOut > 0) {
        printErr(
            u"countersign-cli: the last %1 events are not covered by a checkpoint yet and are left out"_s.arg(leftOut));
    }
    m_client.get(u"/v1/keys"_s, this, [this](const AgentClient::Reply &reply) {
        if (!reply.ok())
            return fail(u"%1 (%2)"_s.arg(reply.error.message, reply.error.code));
        WireError keyError;
        const auto keys = KeyList::fromJson(reply.body, &keyError);
        if (!keys)
            return fail(u"%1 (%2)"_s.arg(keyError.message, keyError.code));
        m_bundle.signerKeys = *keys;
        QString error;
        if (!AuditExport::writeBundle(m_bundle, m_out, &error))
            return fail(error);
        printOut(u"wrote %1 events to the bundle %2"_s.arg(m_bundle.events.size()).arg(m_out));
        QCoreApplication::exit(0);
    });
}

void AuditCommand::write()
{
    QFile file;
    const bool opened = m_out.isEmpty() ? file.open(stdout, QIODevice::WriteOnly)
                                        : (file.setFileName(m_out), file.open(QIODevice::WriteOnly));
    if (!opened)
        return fail(u"cannot write %1: %2"_s.arg(m_out, file.errorString()));
    if (m_format == u"csv")
        file.write(AuditExport::csvHeader());
    for (const QByteArray &event : std::as_const(m_bundle.events)) {
        if (m_format == u"csv")
            file.write(AuditExport::csvRow(Jcs::View::read(event)->root()));
        else
            file.write(event + '\n');
    }
    file.close();
    QCoreApplication::exit(0);
}

int AuditCommand::verify(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Check an evidence bundle offline."));
    parser.addHelpOption();
    parser.addPositionalArgument(u"bundle"_s, tr("The bundle directory."));
    parseCommandLine(parser, arguments);
    const QString directory = parser.positionalArguments().value(0);
    if (directory.isEmpty()) {
        usageError(tr("audit verify needs the bundle directory"));
    }
    QString summary;
    if (const auto problem = AuditExport::verifyBundle(directory, &summary)) {
        printErr(problem->seq > 0
                     ? u"FAILED at seq %1: %2 (%3)"_s.arg(problem->seq).arg(problem->message, problem->code)
                     : u"FAILED: %1 (%2)"_s.arg(problem->message, problem->code));
        return 1;
    }
    printOut(u"OK: "_s + summary);
    return 0;
}

} // namespace cs
