#pragma once

#include "wire/WireError.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>

#include <optional>

namespace cs {

namespace KeyType {
inline const QString Pkcs11 = QStringLiteral("pkcs11");
inline const QString Fido2 = QStringLiteral("fido2");
inline const QString Software = QStringLiteral("software");
bool isKnown(const QString &type);
} // namespace KeyType

namespace Assurance {
inline const QString Hardware = QStringLiteral("hardware");
inline const QString Software = QStringLiteral("software");
} // namespace Assurance

namespace KeyStatus {
inline const QString Pending = QStringLiteral("pending");
inline const QString Approved = QStringLiteral("approved");
inline const QString Revoked = QStringLiteral("revoked");
} // namespace KeyStatus

// An approver's signing key as the gateway knows it. A key counts only once an operator has
// approved it (or it is listed in the gateway's configuration).
struct KeyRecord
{
    QString id; // Crypto::keyIdFor(publicKey)
    QString owner;
    QString type;
    QString algorithm;
    QString assurance;
    QString label;
    QByteArray publicKey;    // DER SubjectPublicKeyInfo
    QByteArray credentialId; // FIDO2 only
    QString status = KeyStatus::Pending;
    QDateTime createdAt;
    QString approvedBy;
    QDateTime approvedAt;

    QJsonObject toJson() const;
    static std::optional<KeyRecord> fromJson(const QJsonObject &object, WireError *error);
};

// What an approver sends to enroll a key: {type, public_key (PEM), credential_id?, label?}.
// The id, algorithm and assurance follow from the key and its type.
struct KeyEnrollment
{
    QString type;
    QByteArray publicKey; // SPKI DER
    QByteArray credentialId;
    QString label;

    QJsonObject toJson() const;
    static std::optional<KeyEnrollment> fromJson(const QJsonObject &object, WireError *error);
    KeyRecord toRecord(const QString &owner, const QDateTime &now) const;
};

} // namespace cs
