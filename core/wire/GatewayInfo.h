#pragma once

#include "domain/Principal.h"
#include "signing/KeyRecord.h"
#include "wire/WireError.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace cs {

// The FIDO2 relying-party id a gateway uses unless its configuration names another
// (signing.fido2_rp_id), and what a reader assumes when a document names none.
inline const QString kDefaultFido2RpId = QStringLiteral("countersign");

// GET /v1/gateway (docs/protocol.md): who the caller is, what the gateway asks of a signature, and
// the key that signs its audit checkpoints. Written by the gateway, read by the CLI and the console.
struct GatewayInfo
{
    QString gatewayId;
    int protocol = 0;
    Principal principal;
    bool requireHardwareKeys = false;
    int maxClockSkewSeconds = 0;
    QString fido2RpId = kDefaultFido2RpId;
    QStringList algorithms;
    QByteArray auditPublicKey; // DER SubjectPublicKeyInfo (Ed25519); served as PEM

    QJsonObject toJson() const;
    // Nothing, with `error` set, when a member is missing or malformed.
    static std::optional<GatewayInfo> fromJson(const QJsonObject &object, WireError *error);
};

// GET /v1/keys: {"keys": [KeyRecord…]}.
namespace KeyList {
QJsonObject toJson(const QList<KeyRecord> &keys);
std::optional<QList<KeyRecord>> fromJson(const QJsonObject &object, WireError *error);
} // namespace KeyList

} // namespace cs
