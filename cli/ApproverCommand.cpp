#include "ApproverCommand.h"

#include "domain/CommandDisplay.h"
#include "signing/Crypto.h"
#include "signing/Fido2Signer.h"
#include "signing/SignerUri.h"
#include "signing/SigningJob.h"
#include "signing/SoftwareSigner.h"
#include "util/DevPrincipals.h"
#include "wire/ActionCodec.h"
#include "wire/GatewayInfo.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace cs {

ApproverCommand::ApproverCommand(Mode mode, QObject *parent) : QObject(parent), m_mode(mode), m_client(&m_network)
{
}

QString ApproverCommand::description(Mode mode)
{
    switch (mode) {
    case Mode::Pending:
        return tr("List the actions waiting for a decision.");
    case Mode::Decide:
        return tr("Sign a decision on one action with your key and send it.");
    case Mode::Withdraw:
        return tr("Take back your approval of an action that still waits for other approvers.");
    case Mode::KeyEnroll:
        return tr("Send your signing key to the gateway; an operator must approve it.");
    case Mode::KeyList:
        return tr("List your signing keys and their status.");
    }
    return {};
}

bool ApproverCommand::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(description(m_mode));
    parser.addHelpOption();
    CliContext::addOptions(parser);
    parser.addOption({u"json"_s, tr("Print the gateway's JSON instead of text.")});
    if (m_mode == Mode::Decide || m_mode == Mode::KeyEnroll) {
        parser.addOption(
            {u"key"_s, tr("The signing key: pkcs11:…, fido2:FILE or software:FILE (see docs/cli.md)."), u"URI"_s});
    }
    if (m_mode == Mode::Decide) {
        parser.addOption({u"approve"_s, tr("Approve the action.")});
        parser.addOption({u"deny"_s, tr("Deny the action (needs --reason).")});
        parser.addOption({u"reason"_s, tr("Why; required to deny."), u"TEXT"_s});
        parser.addPositionalArgument(u"id"_s, tr("The action's id."));
    }
    if (m_mode == Mode::Withdraw)
        parser.addPositionalArgument(u"id"_s, tr("The action's id."));
    if (m_mode == Mode::KeyEnroll)
        parser.addOption({u"label"_s, tr("A name for the key, shown to the operator."), u"TEXT"_s});
    const auto context = CliContext::parse(parser, arguments, Role::Approver);
    if (!context)
        return false;
    m_context = *context;
    m_client.setEndpoint(m_context.gatewayUrl, m_context.token, m_context.trust);
    m_json = parser.isSet(u"json"_s);
    if (m_mode == Mode::KeyEnroll)
        m_label = parser.value(u"label"_s);
    if (m_mode == Mode::Decide || m_mode == Mode::KeyEnroll) {
        m_keyUri = parser.value(u"key"_s);
        if (m_keyUri.isEmpty() && parser.isSet(u"dev-principals"_s)) {
            QString error;
            const auto dev = DevPrincipals::load(parser.value(u"dev-principals"_s), &error);
            m_devSeed = dev ? dev->approver.signingKeySeed : QByteArray();
        }
        if (m_keyUri.isEmpty() && m_devSeed.isEmpty()) {
            usageError(tr("give your signing key with --key pkcs11:…|fido2:FILE|software:FILE"));
        }
    }
    if (m_mode == Mode::Withdraw) {
        m_actionId = parser.positionalArguments().value(0);
        if (m_actionId.isEmpty()) {
            usageError(tr("withdraw needs the action id"));
        }
    }
    if (m_mode == Mode::Decide) {
        m_actionId = parser.positionalArguments().value(0);
        if (m_actionId.isEmpty() || parser.isSet(u"approve"_s) == parser.isSet(u"deny"_s)) {
            usageError(tr("decide needs the action id and exactly one of --approve and --deny"));
        }
        m_verdict = parser.isSet(u"approve"_s) ? Verdict::Approve : Verdict::Deny;
        m_reason = parser.value(u"reason"_s);
    }
    return true;
}

void ApproverCommand::run()
{
    switch (m_mode) {
    case Mode::Pending:
        return listPending();
    case Mode::Decide:
        return decide();
    case Mode::Withdraw:
        return withdraw();
    case Mode::KeyEnroll:
        return enrollKey();
    case Mode::KeyList:
        return listKeys();
    }
}

void ApproverCommand::printJsonAndExit(const QJsonObject &body)
{
    printOut(QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Indented)));
    QCoreApplication::exit(0);
}

void ApproverCommand::fail(const QString &message)
{
    printErr(u"countersign-cli: "_s + message);
    QCoreApplication::exit(ExitCode::Error);
}

void ApproverCommand::failWith(const AgentClient::Reply &reply)
{
    fail(u"%1 (%2)"_s.arg(reply.error.message, reply.error.code));
}

// An action as a terminal shows it, every field escaped so that no control character, escape
// sequence or bidirectional override reaches the terminal, the command's lines numbered.
QString ApproverCommand::describe(const Action &action)
{
    const auto text = [](const QString &field) { return CommandDisplay::escape(field, false); };
    const ActionRequest &request = action.request;
    const CommandDisplay command = CommandDisplay::of(request);
    QString out = u"%1  [%2] %3 on %4/%5 (%6)\n"_s.arg(action.id, urgencyName(request.urgency), text(request.kind),
                                                       text(request.target.system), text(request.target.resource),
                                                       text(request.target.environment));
    out += u"  by %1%2, expires %3\n"_s.arg(
        text(action.initiator),
        request.onBehalfOf.isEmpty() ? QString() : u" on behalf of "_s + text(request.onBehalfOf),
        formatTime(action.expiresAt));
    out += u"  runs as: "_s + command.howItRuns() + u'\n';
    if (command.lineCount == 1)
        out += u"  $ "_s + command.text + u'\n';
    else
        out += u"  "_s + command.numberedLines().replace(u"\n"_s, u"\n  "_s) + u'\n';
    out += u"  why: "_s + text(request.justification) + u'\n';
    out += u"  needs: "_s + action.quorum().toString();
    if (action.policy)
        out += u" (rule "_s + text(action.policy->rule) +
               (action.policy->hardwareKey ? u", hardware key only)"_s : u")"_s);
    if (const QString done = progress(action); !done.isEmpty())
        out += u"; "_s + done;
    out += u"\n  digest: "_s + action.digest;
    return out;
}

QString ApproverCommand::progress(const Action &action)
{
    if (action.approvals.isEmpty())
        return {};
    const Quorum::Progress progress = action.approvalProgress();
    QStringList who;
    for (const Approval &approval : action.approvals)
        who.append(CommandDisplay::escape(approval.approver, false));
    const QStringList open = progress.missing();
    QString text = u"%1 of %2 approved (%3)"_s.arg(progress.have).arg(progress.needed).arg(who.join(u", "_s));
    if (!open.isEmpty())
        text += u" — waiting for "_s + open.join(u" and "_s);
    return text;
}

void ApproverCommand::withdraw()
{
    m_client.post(u"/v1/actions/%1/withdraw"_s.arg(m_actionId), {}, this, [this](const AgentClient::Reply &reply) {
        if (!reply.ok())
            return failWith(reply);
        if (m_json)
            return printJsonAndExit(reply.body);
        printOut(u"%1: your approval is withdrawn; it waits for %2"_s.arg(
            m_actionId, reply.body.value(u"policy"_s).toObject().value(u"quorum"_s).toString(u"1 approver"_s)));
        QCoreApplication::exit(0);
    });
}

void ApproverCommand::listPending()
{
    m_client.get(u"/v1/actions?status=pending"_s, this, [this](const AgentClient::Reply &reply) {
        if (!reply.ok())
            return failWith(reply);
        if (m_json)
            return printJsonAndExit(reply.body);
        const QJsonArray actions = reply.body.value(u"actions"_s).toArray();
        printOut(u"%1 action(s) waiting"_s.arg(actions.size()));
        for (const QJsonValue &value : actions) {
            WireError error;
            const auto action = ActionCodec::actionFromJson(value.toObject(), &error);
            if (!action)
                continue;
            printOut(u"\n"_s + describe(*action));
        }
        QCoreApplication::exit(0);
    });
}

std::unique_ptr<Signer> ApproverCommand::openSigner(const QString &fido2RpId)
{
    if (m_keyUri.isEmpty())
        return std::make_unique<SoftwareSigner>(m_devSeed);
    QString error;
    auto signer = SignerUri::open(m_keyUri, fido2RpId, &error);
    if (!signer)
        fail(error);
    return signer;
}

QString ApproverCommand::readPin()
{
    if (qEnvironmentVariableIsSet("COUNTERSIGN_PIN"))
        return qEnvironmentVariable("COUNTERSIGN_PIN");
    FILE *tty = std::fopen("/dev/tty", "r+");
    if (!tty)
        return {};
    std::fputs("PIN: ", tty);
    std::fflush(tty);
    termios saved{};
    const bool isTerminal = tcgetattr(fileno(tty), &saved) == 0;
    if (isTerminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
    }
    char line[256] = {};
    const bool read = std::fgets(line, sizeof line, tty) != nullptr;
    if (isTerminal)
        tcsetattr(fileno(tty), TCSAFLUSH, &saved);
    std::fputs("\n", tty);
    std::fclose(tty);
    return read ? QString::fromUtf8(line).trimmed() : QString();
}

void ApproverCommand::decide()
{
    m_client.get(u"/v1/gateway"_s, this, [this](const AgentClient::Reply &info) {
        if (!info.ok())
            return failWith(info);
        WireError error;
        const auto gateway = GatewayInfo::fromJson(info.body, &error);
        if (!gateway)
            return fail(u"%1 (%2)"_s.arg(error.message, error.code));
        const QString rpId = gateway->fido2RpId;
        const QString approver = gateway->principal.id;
        m_client.get(
            u"/v1/actions/%1"_s.arg(m_actionId), this, [this, rpId, approver](const AgentClient::Reply &reply) {
                if (!reply.ok())
                    return failWith(reply);
                WireError error;
                const auto action = ActionCodec::actionFromJson(reply.body, &error);
                if (!action)
                    return fail(error.message);
                std::unique_ptr<Signer> signer = openSigner(rpId);
                if (!signer)
                    return;
                // What is signed, shown first: the approver at a terminal reads it as the console shows it.
                printErr(
                    u"%1 %2\n"_s.arg(m_verdict == Verdict::Approve ? u"Approving"_s : u"Denying"_s, describe(*action)));
                const QString pin = signer->needsPin() ? readPin() : QString();
                if (signer->needsTouch())
                    printErr(u"Touch your security key…"_s);
                // The CLI may block here: nothing else runs while an approver signs at a terminal.
                const SigningOutcome outcome = signDecision(
                    *signer, {*action, m_verdict, m_reason, approver, pin, QDateTime::currentDateTimeUtc()});
                if (!outcome.decision)
                    return fail(u"%1 (%2)"_s.arg(outcome.error.message, outcome.error.code));
                const DecisionSubmission submission{*outcome.decision, *outcome.signature};
                m_client.post(
                    u"/v1/actions/%1/decision"_s.arg(m_actionId), submission.toJson(), this,
                    [this](const AgentClient::Reply &result) {
                        if (!result.ok())
                            return failWith(result);
                        WireError unreadable;
                        const auto now = ActionCodec::actionFromJson(result.body, &unreadable);
                        if (m_json)
                            printOut(QString::fromUtf8(QJsonDocument(result.body).toJson(QJsonDocument::Indented)));
                        else if (now && now->isPending()) // a quorum that waits for others
                            printOut(u"%1: your approval is recorded; %2"_s.arg(m_actionId, progress(*now)));
                        else
                            printOut(u"%1 is now %2"_s.arg(m_actionId, result.body.value(u"status"_s).toString()));
                        QCoreApplication::exit(0);
                    });
            });
    });
}

void ApproverCommand::enrollKey()
{
    m_client.get(u"/v1/gateway"_s, this, [this](const AgentClient::Reply &info) {
        if (!info.ok())
            return failWith(info);
        WireError infoError;
        const auto gateway = GatewayInfo::fromJson(info.body, &infoError);
        if (!gateway)
            return fail(u"%1 (%2)"_s.arg(infoError.message, infoError.code));
        const QString rpId = gateway->fido2RpId;
        QString error;
        if (!m_keyUri.isEmpty() && !SignerUri::prepareForEnrollment(m_keyUri, &error))
            return fail(error);
        std::unique_ptr<Signer> signer = openSigner(rpId);
        if (!signer)
            return;
        if (signer->needsTouch())
            printErr(u"Touch your security key to create the credential…"_s);
        SignerError signerError;
        auto enrollment = signer->enroll(signer->needsPin() ? readPin() : QString(), &signerError);
        if (!enrollment)
            return fail(u"%1 (%2)"_s.arg(signerError.message, signerError.code));
        if (enrollment->type == KeyType::Fido2 &&
            !SignerUri::saveFido2Credential(m_keyUri, rpId, {}, enrollment->credentialId, enrollment->publicKey,
                                            &error))
            return fail(error);
        enrollment->label = m_label;
        m_client.post(u"/v1/keys"_s, enrollment->toJson(), this, [this](const AgentClient::Reply &reply) {
            if (!reply.ok())
                return failWith(reply);
            if (m_json)
                printOut(QString::fromUtf8(QJsonDocument(reply.body).toJson(QJsonDocument::Indented)));
            else
                printOut(u"enrolled key %1 (%2, %3); it counts once an operator runs:\n"
                         "  countersign-gateway key approve %1"_s.arg(reply.body.value(u"id"_s).toString(),
                                                                      reply.body.value(u"type"_s).toString(),
                                                                      reply.body.value(u"status"_s).toString()));
            QCoreApplication::exit(0);
        });
    });
}

void ApproverCommand::listKeys()
{
    m_client.get(u"/v1/keys"_s, this, [this](const AgentClient::Reply &reply) {
        if (!reply.ok())
            return failWith(reply);
        if (m_json)
            return printJsonAndExit(reply.body);
        WireError error;
        const auto keys = KeyList::fromJson(reply.body, &error);
        if (!keys)
            return fail(u"%1 (%2)"_s.arg(error.message, error.code));
        for (const KeyRecord &key : *keys)
            printOut(u"%1  %2  %3  %4  %5"_s.arg(key.id, key.type, key.algorithm, key.assurance, key.status));
        QCoreApplication::exit(0);
    });
}

} // namespace cs
