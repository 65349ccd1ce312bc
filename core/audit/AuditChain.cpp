#include "AuditChain.h"

#include "json/Jcs.h"
#include "signing/Crypto.h"
#include "wire/ActionCodec.h"

using namespace Qt::StringLiterals;

namespace cs::AuditChain {

QString hashOf(const QJsonObject &eventJson)
{
    QJsonObject content = eventJson;
    content.remove(u"hash"_s);
    Jcs::Error error;
    const auto bytes = Jcs::serialize(content, &error);
    if (!bytes)
        return {}; // an event with no canonical form matches no hash
    return QString::fromLatin1(Crypto::sha256(*bytes).toHex());
}

QString hashOf(const Event &event)
{
    return hashOf(ActionCodec::toJson(event));
}

std::optional<Break> verify(const QList<QJsonObject> &events, qint64 previousSeq, const QString &previousHash)
{
    qint64 expectedSeq = previousSeq + 1;
    QString expectedPrev = previousHash;
    for (const QJsonObject &event : events) {
        const qint64 seq = event.value(u"seq"_s).toInteger(-1);
        if (seq < 1)
            return Break{expectedSeq, u"unreadable_event"_s,
                         u"An event without a seq follows seq %1."_s.arg(expectedSeq - 1)};
        if (seq > expectedSeq) {
            return Break{expectedSeq, u"missing_event"_s,
                         u"Event %1 is missing: the next event is %2."_s.arg(expectedSeq).arg(seq)};
        }
        if (seq < expectedSeq) {
            return Break{seq, u"reordered_event"_s,
                         u"Event %1 comes where event %2 belongs."_s.arg(seq).arg(expectedSeq)};
        }
        if (event.value(u"prev_hash"_s).toString() != expectedPrev) {
            return Break{seq, u"prev_hash_mismatch"_s,
                         u"Event %1 does not link to the event before it (prev_hash %2, expected %3)."_s.arg(seq).arg(
                             event.value(u"prev_hash"_s).toString(), expectedPrev)};
        }
        const QString recomputed = hashOf(event);
        if (event.value(u"hash"_s).toString() != recomputed) {
            return Break{seq, u"hash_mismatch"_s,
                         u"Event %1 was changed after it was written: its content hashes to %2, not %3."_s.arg(seq).arg(
                             recomputed, event.value(u"hash"_s).toString())};
        }
        expectedPrev = recomputed;
        ++expectedSeq;
    }
    return std::nullopt;
}

QByteArray Checkpoint::canonicalBytes() const
{
    Jcs::Error error;
    return Jcs::serialize(
               QJsonObject{
                   {u"gateway_id"_s, gatewayId}, {u"seq"_s, seq}, {u"head_hash"_s, headHash}, {u"time"_s, time}},
               &error)
        .value_or(QByteArray());
}

QJsonObject Checkpoint::toJson() const
{
    return {{u"gateway_id"_s, gatewayId},
            {u"seq"_s, seq},
            {u"head_hash"_s, headHash},
            {u"time"_s, time},
            {u"signature"_s, QString::fromLatin1(signature.toBase64())}};
}

std::optional<Checkpoint> Checkpoint::fromJson(const QJsonObject &object)
{
    Checkpoint checkpoint;
    checkpoint.gatewayId = object.value(u"gateway_id"_s).toString();
    checkpoint.seq = object.value(u"seq"_s).toInteger(-1);
    checkpoint.headHash = object.value(u"head_hash"_s).toString();
    checkpoint.time = object.value(u"time"_s).toString();
    checkpoint.signature = QByteArray::fromBase64(object.value(u"signature"_s).toString().toLatin1());
    if (checkpoint.seq < 1 || checkpoint.headHash.size() != 64 || checkpoint.signature.isEmpty())
        return std::nullopt;
    return checkpoint;
}

bool Checkpoint::verifySignature(const QByteArray &gatewayPublicKey) const
{
    return Crypto::verify(gatewayPublicKey, Crypto::Ed25519, canonicalBytes(), signature) ==
           Crypto::VerifyStatus::Valid;
}

} // namespace cs::AuditChain
