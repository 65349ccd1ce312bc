#include "SignedDecision.h"

#include "json/Jcs.h"
#include "signing/Crypto.h"
#include "wire/ActionCodec.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

WireError missing(const QString &field)
{
    return {ErrorCode::MissingField,
            u"The decision's field '%1' is required and must be a non-empty string."_s.arg(field)};
}

WireError invalid(const QString &field, const QString &why)
{
    return {ErrorCode::InvalidField, u"The decision's field '%1' %2."_s.arg(field, why)};
}

std::optional<QString> requiredString(const QJsonObject &object, const QString &field, WireError *error,
                                      bool mayBeEmpty = false)
{
    const QJsonValue value = object.value(field);
    if (!value.isString() || (!mayBeEmpty && value.toString().isEmpty())) {
        *error = missing(field);
        return std::nullopt;
    }
    return value.toString();
}

std::optional<QByteArray> base64Field(const QJsonObject &object, const QString &field, WireError *error)
{
    const QJsonValue value = object.value(field);
    if (!value.isString()) {
        *error = {ErrorCode::MissingField, u"The signature's field '%1' is required."_s.arg(field)};
        return std::nullopt;
    }
    auto decoded = QByteArray::fromBase64Encoding(value.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        *error = {ErrorCode::InvalidField, u"The signature's field '%1' is not base64."_s.arg(field)};
        return std::nullopt;
    }
    return *decoded;
}

} // namespace

SignedDecision SignedDecision::create(const Action &action, Verdict verdict, const QString &reason,
                                      const QString &approver, const QString &keyId, const QDateTime &now)
{
    SignedDecision decision;
    decision.actionId = action.id;
    decision.actionDigest = action.computeDigest();
    decision.verdict = verdict;
    decision.reason = reason;
    decision.approver = approver;
    decision.keyId = keyId;
    decision.signedAt = formatTime(now);
    decision.nonce = QString::fromLatin1(
        Crypto::randomBytes(16).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    return decision;
}

QDateTime SignedDecision::signedAtTime() const
{
    return parseTime(signedAt);
}

QJsonObject SignedDecision::toJson() const
{
    return {{u"protocol"_s, protocol},
            {u"action_id"_s, actionId},
            {u"action_digest"_s, actionDigest},
            {u"verdict"_s, verdictName(verdict)},
            {u"reason"_s, reason},
            {u"approver"_s, approver},
            {u"key_id"_s, keyId},
            {u"signed_at"_s, signedAt},
            {u"nonce"_s, nonce}};
}

QByteArray SignedDecision::canonicalBytes() const
{
    Jcs::Error error;
    // Every member is a short string or a small integer, and strings were read as valid UTF-16
    // or built here, so serialization cannot fail; an empty result would fail verification anyway.
    return Jcs::serialize(toJson(), &error).value_or(QByteArray());
}

std::optional<SignedDecision> SignedDecision::fromJson(const QJsonObject &object, WireError *error)
{
    static const QSet<QString> known{u"protocol"_s, u"action_id"_s, u"action_digest"_s, u"verdict"_s, u"reason"_s,
                                     u"approver"_s, u"key_id"_s,    u"signed_at"_s,     u"nonce"_s};
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key())) {
            *error = {ErrorCode::InvalidField, u"The decision has an unknown member '%1'."_s.arg(it.key())};
            return std::nullopt;
        }
    }
    SignedDecision decision;
    const QJsonValue protocol = object.value(u"protocol"_s);
    if (!protocol.isDouble() || protocol.toDouble() != SignedDecision::kProtocol) {
        *error = {u"unsupported_protocol"_s,
                  u"The decision must carry \"protocol\": %1; this gateway speaks no other."_s.arg(kProtocol)};
        return std::nullopt;
    }
    const auto actionId = requiredString(object, u"action_id"_s, error);
    const auto digest = actionId ? requiredString(object, u"action_digest"_s, error) : std::nullopt;
    const auto verdict = digest ? requiredString(object, u"verdict"_s, error) : std::nullopt;
    const auto reason = verdict ? requiredString(object, u"reason"_s, error, true) : std::nullopt;
    const auto approver = reason ? requiredString(object, u"approver"_s, error) : std::nullopt;
    const auto keyId = approver ? requiredString(object, u"key_id"_s, error) : std::nullopt;
    const auto signedAt = keyId ? requiredString(object, u"signed_at"_s, error) : std::nullopt;
    const auto nonce = signedAt ? requiredString(object, u"nonce"_s, error) : std::nullopt;
    if (!nonce)
        return std::nullopt;
    const auto parsedVerdict = verdictFromName(*verdict);
    if (!parsedVerdict) {
        *error = invalid(u"verdict"_s, u"must be \"approve\" or \"deny\""_s);
        return std::nullopt;
    }
    decision.actionId = *actionId;
    decision.actionDigest = *digest;
    decision.verdict = *parsedVerdict;
    decision.reason = *reason;
    decision.approver = *approver;
    decision.keyId = *keyId;
    decision.signedAt = *signedAt;
    decision.nonce = *nonce;
    if (!decision.signedAtTime().isValid()) {
        *error = invalid(u"signed_at"_s, u"must be an ISO 8601 time such as 2026-01-31T12:00:00.000Z"_s);
        return std::nullopt;
    }
    if (decision.nonce.size() < 16) {
        *error = invalid(u"nonce"_s, u"must hold at least 16 characters of randomness"_s);
        return std::nullopt;
    }
    return decision;
}

QJsonObject SignatureRecord::toJson() const
{
    QJsonObject object{{u"alg"_s, algorithm}, {u"value"_s, QString::fromLatin1(value.toBase64())}};
    if (!authenticatorData.isEmpty())
        object.insert(u"authenticator_data"_s, QString::fromLatin1(authenticatorData.toBase64()));
    return object;
}

std::optional<SignatureRecord> SignatureRecord::fromJson(const QJsonObject &object, WireError *error)
{
    SignatureRecord record;
    record.algorithm = object.value(u"alg"_s).toString();
    if (record.algorithm.isEmpty()) {
        *error = {ErrorCode::MissingField, u"The signature's field 'alg' is required."_s};
        return std::nullopt;
    }
    const auto value = base64Field(object, u"value"_s, error);
    if (!value)
        return std::nullopt;
    record.value = *value;
    if (object.contains(u"authenticator_data"_s)) {
        const auto data = base64Field(object, u"authenticator_data"_s, error);
        if (!data)
            return std::nullopt;
        record.authenticatorData = *data;
    }
    return record;
}

QJsonObject DecisionSubmission::toJson() const
{
    return {{u"decision"_s, decision.toJson()}, {u"signature"_s, signature.toJson()}};
}

std::optional<DecisionSubmission> DecisionSubmission::fromJson(const QJsonObject &holder, WireError *error)
{
    if (!holder.value(u"decision"_s).isObject() || !holder.value(u"signature"_s).isObject()) {
        *error = {ErrorCode::SignatureRequired,
                  u"A decision counts only when signed: send \"decision\" and its \"signature\" (docs/protocol.md)."_s};
        return std::nullopt;
    }
    auto decision = SignedDecision::fromJson(holder.value(u"decision"_s).toObject(), error);
    if (!decision)
        return std::nullopt;
    auto signature = SignatureRecord::fromJson(holder.value(u"signature"_s).toObject(), error);
    if (!signature)
        return std::nullopt;
    return DecisionSubmission{std::move(*decision), std::move(*signature)};
}

} // namespace cs
