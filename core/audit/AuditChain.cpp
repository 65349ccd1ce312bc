#include "AuditChain.h"

#include "json/Jcs.h"
#include "signing/Crypto.h"
#include "wire/ActionCodec.h"

using namespace Qt::StringLiterals;

namespace cs::AuditChain {

QByteArray contentBytes(const QJsonObject &eventJson)
{
    QJsonObject content = eventJson;
    content.remove(u"hash"_s);
    Jcs::Error error;
    return Jcs::serialize(content, &error).value_or(QByteArray()); // no canonical form: matches no hash
}

QString hashOf(const QJsonObject &eventJson)
{
    const QByteArray bytes = contentBytes(eventJson);
    return bytes.isEmpty() ? QString() : QString::fromLatin1(Crypto::sha256(bytes).toHex());
}

QString hashOf(const Event &event)
{
    return hashOf(ActionCodec::toJson(event));
}

std::optional<Break> verify(const QList<QJsonObject> &events, qint64 previousSeq, const QString &previousHash,
                            QList<QByteArray> *contents)
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
        const QByteArray content = contentBytes(event);
        const QString recomputed = QString::fromLatin1(Crypto::sha256(content).toHex());
        if (event.value(u"hash"_s).toString() != recomputed) {
            return Break{seq, u"hash_mismatch"_s,
                         u"Event %1 was changed after it was written: its content hashes to %2, not %3."_s.arg(seq).arg(
                             recomputed, event.value(u"hash"_s).toString())};
        }
        if (contents)
            contents->append(content);
        expectedPrev = recomputed;
        ++expectedSeq;
    }
    return std::nullopt;
}

std::optional<Break> verifyStored(const QList<StoredEvent> &events, qint64 previousSeq, const QString &previousHash)
{
    static const QByteArray prevKey = QByteArrayLiteral(",\"prev_hash\":\"");
    static const QByteArray seqKey = QByteArrayLiteral(",\"seq\":");
    qint64 expectedSeq = previousSeq + 1;
    QByteArray expectedPrev = previousHash.toLatin1();
    for (const StoredEvent &event : events) {
        const qsizetype prevAt = event.content.lastIndexOf(prevKey);
        const qsizetype seqAt = event.content.lastIndexOf(seqKey);
        const qsizetype seqEnd = seqAt < 0 ? -1 : event.content.indexOf(',', seqAt + 1);
        bool ok = false;
        const qint64 parsedSeq =
            seqEnd < 0 ? -1 : event.content.mid(seqAt + seqKey.size(), seqEnd - seqAt - seqKey.size()).toLongLong(&ok);
        if (prevAt < 0 || !ok || parsedSeq < 1 || prevAt + prevKey.size() + 64 > event.content.size())
            return Break{expectedSeq, u"unreadable_event"_s,
                         u"The stored event after seq %1 cannot be read."_s.arg(expectedSeq - 1)};
        if (parsedSeq > expectedSeq)
            return Break{expectedSeq, u"missing_event"_s,
                         u"Event %1 is missing: the next event is %2."_s.arg(expectedSeq).arg(parsedSeq)};
        if (parsedSeq < expectedSeq)
            return Break{parsedSeq, u"reordered_event"_s,
                         u"Event %1 comes where event %2 belongs."_s.arg(parsedSeq).arg(expectedSeq)};
        if (QByteArrayView(event.content).sliced(prevAt + prevKey.size(), 64) != expectedPrev) {
            return Break{parsedSeq, u"prev_hash_mismatch"_s,
                         u"Event %1 does not link to the event before it."_s.arg(parsedSeq)};
        }
        const QByteArray recomputed = Crypto::sha256(event.content).toHex();
        if (recomputed != event.hash.toLatin1()) {
            return Break{
                parsedSeq, u"hash_mismatch"_s,
                u"Event %1 was changed after it was written: its content hashes to %2, not %3."_s.arg(parsedSeq).arg(
                    QString::fromLatin1(recomputed), event.hash)};
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
