#include "KeyRecord.h"

#include "signing/Crypto.h"
#include "wire/ActionCodec.h"

using namespace Qt::StringLiterals;

namespace cs {

namespace {

QString base64Url(const QByteArray &data)
{
    return QString::fromLatin1(data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<QByteArray> fromBase64Url(const QJsonValue &value)
{
    auto decoded = QByteArray::fromBase64Encoding(
        value.toString().toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

WireError invalid(const QString &field, const QString &why)
{
    return {ErrorCode::InvalidField, u"The key's field '%1' %2."_s.arg(field, why)};
}

} // namespace

bool KeyType::isKnown(const QString &type)
{
    return type == Pkcs11 || type == Fido2 || type == Software;
}

QJsonObject KeyRecord::toJson() const
{
    QJsonObject object{{u"id"_s, id},
                       {u"owner"_s, owner},
                       {u"type"_s, type},
                       {u"algorithm"_s, algorithm},
                       {u"assurance"_s, assurance},
                       {u"label"_s, label},
                       {u"public_key"_s, QString::fromLatin1(Crypto::pemFromSpki(publicKey))},
                       {u"status"_s, status},
                       {u"created_at"_s, formatTime(createdAt)}};
    if (!credentialId.isEmpty())
        object.insert(u"credential_id"_s, base64Url(credentialId));
    if (!approvedBy.isEmpty()) {
        object.insert(u"approved_by"_s, approvedBy);
        object.insert(u"approved_at"_s, formatTime(approvedAt));
    }
    return object;
}

std::optional<KeyRecord> KeyRecord::fromJson(const QJsonObject &object, WireError *error)
{
    KeyRecord key;
    key.id = object.value(u"id"_s).toString();
    key.owner = object.value(u"owner"_s).toString();
    key.type = object.value(u"type"_s).toString();
    key.algorithm = object.value(u"algorithm"_s).toString();
    key.assurance = object.value(u"assurance"_s).toString();
    key.label = object.value(u"label"_s).toString();
    key.status = object.value(u"status"_s).toString();
    key.createdAt = parseTime(object.value(u"created_at"_s).toString());
    key.approvedBy = object.value(u"approved_by"_s).toString();
    key.approvedAt = parseTime(object.value(u"approved_at"_s).toString());
    const auto spki = Crypto::spkiFromPem(object.value(u"public_key"_s).toString().toLatin1());
    if (!spki) {
        *error = invalid(u"public_key"_s, u"is not a PEM public key"_s);
        return std::nullopt;
    }
    key.publicKey = *spki;
    if (object.contains(u"credential_id"_s))
        key.credentialId = fromBase64Url(object.value(u"credential_id"_s)).value_or(QByteArray());
    if (key.id.isEmpty() || key.owner.isEmpty() || !KeyType::isKnown(key.type)) {
        *error = invalid(u"id"_s, u"and its owner and type are required"_s);
        return std::nullopt;
    }
    return key;
}

QJsonObject KeyEnrollment::toJson() const
{
    QJsonObject object{{u"type"_s, type}, {u"public_key"_s, QString::fromLatin1(Crypto::pemFromSpki(publicKey))}};
    if (!credentialId.isEmpty())
        object.insert(u"credential_id"_s, base64Url(credentialId));
    if (!label.isEmpty())
        object.insert(u"label"_s, label);
    return object;
}

std::optional<KeyEnrollment> KeyEnrollment::fromJson(const QJsonObject &object, WireError *error)
{
    KeyEnrollment enrollment;
    enrollment.type = object.value(u"type"_s).toString();
    if (enrollment.type.isEmpty()) {
        *error = {ErrorCode::MissingField, u"The field 'type' is required: pkcs11, fido2 or software."_s};
        return std::nullopt;
    }
    if (!KeyType::isKnown(enrollment.type)) {
        *error = invalid(u"type"_s, u"must be pkcs11, fido2 or software"_s);
        return std::nullopt;
    }
    if (!object.value(u"public_key"_s).isString()) {
        *error = {ErrorCode::MissingField, u"The field 'public_key' (PEM) is required."_s};
        return std::nullopt;
    }
    const auto spki = Crypto::spkiFromPem(object.value(u"public_key"_s).toString().toLatin1());
    if (!spki || !Crypto::algorithmOf(*spki)) {
        *error = invalid(u"public_key"_s, u"must be a PEM P-256 or Ed25519 public key"_s);
        return std::nullopt;
    }
    enrollment.publicKey = *spki;
    if (enrollment.type == KeyType::Fido2) {
        const auto credential = fromBase64Url(object.value(u"credential_id"_s));
        if (!credential || credential->isEmpty()) {
            *error = {ErrorCode::MissingField, u"A FIDO2 key needs its 'credential_id' (base64url)."_s};
            return std::nullopt;
        }
        enrollment.credentialId = *credential;
    }
    enrollment.label = object.value(u"label"_s).toString();
    return enrollment;
}

KeyRecord KeyEnrollment::toRecord(const QString &owner, const QDateTime &now) const
{
    KeyRecord key;
    key.id = Crypto::keyIdFor(publicKey);
    key.owner = owner;
    key.type = type;
    key.algorithm = Crypto::algorithmOf(publicKey).value_or(QString());
    key.assurance = type == KeyType::Software ? Assurance::Software : Assurance::Hardware;
    key.label = label;
    key.publicKey = publicKey;
    key.credentialId = credentialId;
    key.createdAt = now;
    return key;
}

} // namespace cs
