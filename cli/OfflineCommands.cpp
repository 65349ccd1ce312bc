#include "OfflineCommands.h"

#include "CliContext.h"
#include "json/Jcs.h"
#include "signing/Crypto.h"
#include "signing/DecisionVerifier.h"
#include "wire/ActionCodec.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonObject>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace cs::OfflineCommands {

namespace {

std::optional<QByteArray> readInput(const QString &path, QString *error)
{
    QFile file;
    const bool ok = path.isEmpty() || path == u"-" ? file.open(stdin, QIODevice::ReadOnly)
                                                   : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!ok) {
        *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

std::optional<QJsonObject> readObject(const QString &path, QString *error)
{
    const auto bytes = readInput(path, error);
    if (!bytes)
        return std::nullopt;
    Jcs::Error jsonError;
    const auto value = Jcs::parse(*bytes, &jsonError);
    if (!value || !value->isObject()) {
        *error = u"%1 is not a JSON object: %2"_s.arg(path, value ? u"another JSON value"_s : jsonError.message);
        return std::nullopt;
    }
    return value->toObject();
}

int verdict(bool ok, const QString &text)
{
    (ok ? printOut : printErr)((ok ? u"OK: "_s : u"FAILED: "_s) + text);
    return ok ? 0 : 1;
}

} // namespace

int canonicalize(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("countersign-cli", "Print the RFC 8785 (JCS) canonical form of a JSON document."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        u"file"_s, QCoreApplication::translate("countersign-cli", "The JSON file; standard input when absent."),
        u"[FILE]"_s);
    parseCommandLine(parser, arguments);
    QString error;
    const auto input = readInput(parser.positionalArguments().value(0), &error);
    if (!input) {
        printErr(u"countersign-cli: "_s + error);
        return ExitCode::Error;
    }
    Jcs::Error jsonError;
    const auto canonical = Jcs::canonicalize(*input, &jsonError);
    if (!canonical) {
        printErr(
            u"countersign-cli: %1 (%2, byte offset %3)"_s.arg(jsonError.message, jsonError.code).arg(jsonError.offset));
        return ExitCode::Error;
    }
    std::fwrite(canonical->constData(), 1, size_t(canonical->size()), stdout);
    std::fflush(stdout);
    return 0;
}

int verifyDecision(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "countersign-cli", "Check an exported signed decision offline (docs/protocol.md)."));
    parser.addHelpOption();
    parser.addOption(
        {u"public-key"_s,
         QCoreApplication::translate("countersign-cli",
                                     "The approver's public key (PEM) you trust; without it the key in the file "
                                     "is used, which proves only that the file is self-consistent."),
         u"PEM"_s});
    parser.addOption({u"action"_s,
                      QCoreApplication::translate(
                          "countersign-cli", "The action as the gateway served it (JSON), instead of the one in FILE."),
                      u"FILE"_s});
    parser.addOption({u"rp-id"_s,
                      QCoreApplication::translate("countersign-cli",
                                                  "The FIDO2 relying party id (default: the file's fido2_rp_id)."),
                      u"ID"_s});
    parser.addPositionalArgument(
        u"file"_s,
        QCoreApplication::translate("countersign-cli", "The decision as exported by GET /v1/actions/ID/decision."));
    parseCommandLine(parser, arguments);
    QString error;
    const auto record = readObject(parser.positionalArguments().value(0), &error);
    if (!record)
        return verdict(false, error);
    WireError wireError;
    const auto submission = DecisionSubmission::fromJson(*record, &wireError);
    if (!submission)
        return verdict(false, u"%1 (%2)"_s.arg(wireError.message, wireError.code));
    auto key = KeyRecord::fromJson(record->value(u"key"_s).toObject(), &wireError);
    if (!key)
        return verdict(false, u"the file carries no readable key: "_s + wireError.message);
    if (parser.isSet(u"public-key"_s)) {
        const auto pem = readInput(parser.value(u"public-key"_s), &error);
        const auto trusted = pem ? Crypto::spkiFromPem(*pem) : std::nullopt;
        if (!trusted)
            return verdict(false, u"%1 is not a PEM public key"_s.arg(parser.value(u"public-key"_s)));
        key->publicKey = *trusted;
        key->algorithm = Crypto::algorithmOf(*trusted).value_or(QString());
    } else {
        printErr(u"note: using the key inside the file; pass --public-key to check against a key you trust"_s);
    }
    const auto actionJson = parser.isSet(u"action"_s) ? readObject(parser.value(u"action"_s), &error)
                                                      : record->value(u"action"_s).toObject();
    if (!actionJson)
        return verdict(false, error);
    const auto action = ActionCodec::actionFromJson(*actionJson, &wireError);
    if (!action)
        return verdict(false, u"the action cannot be read: "_s + wireError.message);
    const SignedDecision &decision = submission->decision;
    if (decision.actionId != action->id)
        return verdict(false,
                       u"the decision is for action %1, not %2 (unknown_action)"_s.arg(decision.actionId, action->id));
    if (decision.actionDigest != action->computeDigest()) {
        return verdict(false, u"the decision's action_digest %1 is not the digest of the action's request %2 "
                              "(digest_mismatch)"_s.arg(decision.actionDigest, action->computeDigest()));
    }
    const QString rpId =
        parser.isSet(u"rp-id"_s) ? parser.value(u"rp-id"_s) : record->value(u"fido2_rp_id"_s).toString();
    if (const auto refusal = DecisionVerifier::check(decision, submission->signature, *key, rpId))
        return verdict(false, u"%1 (%2)"_s.arg(refusal->message, refusal->code));
    return verdict(true, u"%1 of action %2 by %3, signed at %4 with %5 key %6 (%7, assurance %8)"_s.arg(
                             verdictName(decision.verdict), action->id, decision.approver, decision.signedAt, key->type,
                             decision.keyId, submission->signature.algorithm, key->assurance));
}

} // namespace cs::OfflineCommands
