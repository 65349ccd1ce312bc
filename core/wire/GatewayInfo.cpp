#include "GatewayInfo.h"

#include "signing/Crypto.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace cs {

QJsonObject GatewayInfo::toJson() const
{
    return {{u"gateway_id"_s, gatewayId},
            {u"protocol"_s, protocol},
            {u"principal"_s, QJsonObject{{u"id"_s, principal.id},
                                         {u"display_name"_s, principal.displayName},
                                         {u"role"_s, roleName(principal.role)}}},
            {u"signing"_s, QJsonObject{{u"require_hardware_keys"_s, requireHardwareKeys},
                                       {u"max_clock_skew_seconds"_s, maxClockSkewSeconds},
                                       {u"fido2_rp_id"_s, fido2RpId},
                                       {u"algorithms"_s, QJsonArray::fromStringList(algorithms)}}},
            {u"audit"_s, QJsonObject{{u"algorithm"_s, u"Ed25519"_s},
                                     {u"public_key"_s, QString::fromLatin1(Crypto::pemFromSpki(auditPublicKey))}}}};
}

std::optional<GatewayInfo> GatewayInfo::fromJson(const QJsonObject &object, WireError *error)
{
    const auto invalid = [error](const QString &member) {
        *error = {ErrorCode::InvalidField, u"GET /v1/gateway: '%1' is missing or malformed."_s.arg(member)};
        return std::nullopt;
    };
    GatewayInfo info;
    info.gatewayId = object.value(u"gateway_id"_s).toString();
    info.protocol = object.value(u"protocol"_s).toInt();
    const QJsonObject principal = object.value(u"principal"_s).toObject();
    info.principal.id = principal.value(u"id"_s).toString();
    info.principal.displayName = principal.value(u"display_name"_s).toString(info.principal.id);
    const auto role = roleFromName(principal.value(u"role"_s).toString());
    if (info.gatewayId.isEmpty())
        return invalid(u"gateway_id"_s);
    if (info.principal.id.isEmpty() || !role)
        return invalid(u"principal"_s);
    info.principal.role = *role;
    const QJsonObject signing = object.value(u"signing"_s).toObject();
    info.requireHardwareKeys = signing.value(u"require_hardware_keys"_s).toBool();
    info.maxClockSkewSeconds = signing.value(u"max_clock_skew_seconds"_s).toInt();
    info.fido2RpId = signing.value(u"fido2_rp_id"_s).toString(kDefaultFido2RpId);
    for (const QJsonValue &algorithm : signing.value(u"algorithms"_s).toArray())
        info.algorithms.append(algorithm.toString());
    const auto key =
        Crypto::spkiFromPem(object.value(u"audit"_s).toObject().value(u"public_key"_s).toString().toLatin1());
    if (!key)
        return invalid(u"audit.public_key"_s);
    info.auditPublicKey = *key;
    return info;
}

namespace KeyList {

QJsonObject toJson(const QList<KeyRecord> &keys)
{
    QJsonArray array;
    for (const KeyRecord &key : keys)
        array.append(key.toJson());
    return {{u"keys"_s, array}};
}

std::optional<QList<KeyRecord>> fromJson(const QJsonObject &object, WireError *error)
{
    if (!object.value(u"keys"_s).isArray()) {
        *error = {ErrorCode::InvalidField, u"GET /v1/keys: 'keys' is not a list."_s};
        return std::nullopt;
    }
    QList<KeyRecord> keys;
    for (const QJsonValue &value : object.value(u"keys"_s).toArray()) {
        auto key = KeyRecord::fromJson(value.toObject(), error);
        if (!key)
            return std::nullopt;
        keys.append(std::move(*key));
    }
    return keys;
}

} // namespace KeyList
} // namespace cs
