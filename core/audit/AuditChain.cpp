#include "AuditChain.h"

#include "audit/AuditPage.h"
#include "json/Jcs.h"
#include "signing/Crypto.h"
#include "wire/ActionCodec.h"

#include <QJsonArray>

#include <string_view>

using namespace Qt::StringLiterals;

namespace cs::AuditChain {

QByteArray contentBytes(const QJsonObject &eventJson)
{
    QJsonObject content = eventJson;
    content.remove(u"hash"_s);
    Jcs::Error error;
    return Jcs::serialize(content, &error).value_or(QByteArray()); // no canonical form: matches no hash
}

QByteArray eventText(const Jcs::View::Value &content, QByteArrayView hash)
{
    const QByteArray quoted = '"' + hash.toByteArray() + '"';
    return content.bytesWith(QLatin1StringView("hash"), quoted);
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

Sealed seal(const Event &event, const QByteArray &payloadText)
{
    // The content joined from its members in code point order, as RFC 8785 puts them (action_id,
    // actor, payload, prev_hash, seq, time, type), each in canonical form; the body is the same
    // with `hash` between actor and payload. The payload is serialized once, or not at all when
    // the caller has its canonical bytes.
    Jcs::Error error;
    QByteArray payload = payloadText;
    if (payload.isEmpty()) {
        auto canonical = Jcs::serialize(event.payload, &error);
        if (!canonical) // no canonical form: no hash, no body
            return {};
        payload = std::move(*canonical);
    }
    bool ok = true;
    const auto member = [&ok, &error](QByteArray &out, const char *name, const QString &text) {
        out += name;
        ok = ok && Jcs::appendString(out, text, &error);
    };
    QByteArray head;
    head.reserve(128);
    head += '{';
    if (!event.actionId.isEmpty()) {
        member(head, "\"action_id\":", event.actionId);
        head += ',';
    }
    member(head, "\"actor\":", event.actor);
    QByteArray tail;
    tail.reserve(payload.size() + 256);
    tail += ",\"payload\":";
    tail += payload;
    if (!event.prevHash.isEmpty())
        member(tail, ",\"prev_hash\":", event.prevHash);
    tail += ",\"seq\":";
    tail += QByteArray::number(event.seq);
    member(tail, ",\"time\":", formatTime(event.time));
    member(tail, ",\"type\":", event.type);
    tail += '}';
    if (!ok) // a lone surrogate: no canonical form, no hash, no body
        return {};
    const QByteArray hash = Crypto::sha256(QByteArray(head + tail)).toHex();
    Sealed sealed;
    sealed.hash = QString::fromLatin1(hash);
    sealed.body.reserve(head.size() + tail.size() + hash.size() + 10);
    sealed.body += head;
    sealed.body += ",\"hash\":\"";
    sealed.body += hash;
    sealed.body += '"';
    sealed.body += tail;
    return sealed;
}

std::optional<Break> verify(const std::vector<Jcs::View::Value> &events, qint64 previousSeq,
                            const QString &previousHash, QList<QByteArray> *contents)
{
    static constexpr QLatin1StringView kSeq("seq");
    static constexpr QLatin1StringView kHash("hash");
    static constexpr QLatin1StringView kPrevHash("prev_hash");
    qint64 expectedSeq = previousSeq + 1;
    QByteArray expectedPrev = previousHash.toLatin1();
    for (const Jcs::View::Value &event : events) {
        const qint64 seq = event[kSeq].toInteger(-1);
        if (seq < 1)
            return Break{expectedSeq, u"unreadable_event"_s,
                         u"An event without a seq follows seq %1."_s.arg(expectedSeq - 1)};
        if (seq > expectedSeq) {
            const bool later = std::any_of(std::next(&event), events.data() + events.size(),
                                           [&](const auto &other) { return other[kSeq].toInteger() == expectedSeq; });
            if (later)
                return Break{expectedSeq, u"reordered_event"_s,
                             u"Event %1 comes after event %2."_s.arg(expectedSeq).arg(seq)};
            return Break{expectedSeq, u"missing_event"_s,
                         u"Event %1 is missing: the next event is %2."_s.arg(expectedSeq).arg(seq)};
        }
        if (seq < expectedSeq) {
            return Break{seq, u"reordered_event"_s,
                         u"Event %1 comes where event %2 belongs."_s.arg(seq).arg(expectedSeq)};
        }
        if (event[kPrevHash].stringBytes() != expectedPrev) {
            return Break{seq, u"prev_hash_mismatch"_s,
                         u"Event %1 does not link to the event before it (prev_hash %2, expected %3)."_s.arg(seq).arg(
                             event[kPrevHash].toString(), QString::fromLatin1(expectedPrev))};
        }
        QByteArray content = event.bytesWithout(kHash);
        QByteArray recomputed = Crypto::sha256(content).toHex();
        if (event[kHash].stringBytes() != recomputed) {
            return Break{seq, u"hash_mismatch"_s,
                         u"Event %1 was changed after it was written: its content hashes to %2, not %3."_s.arg(seq).arg(
                             QString::fromLatin1(recomputed), event[kHash].toString())};
        }
        if (contents)
            contents->append(std::move(content));
        expectedPrev = std::move(recomputed);
        ++expectedSeq;
    }
    return std::nullopt;
}

std::optional<Break> verify(const QList<QJsonObject> &events, qint64 previousSeq, const QString &previousHash,
                            QList<QByteArray> *contents)
{
    // As a page from any JSON: each event in canonical form, an event without one unreadable.
    QJsonArray array;
    for (const QJsonObject &event : events)
        array.append(event);
    const AuditPage page = AuditPage::fromJson({{u"events"_s, array}});
    return verify(page.events, previousSeq, previousHash, contents);
}

std::optional<Break> StoredChain::add(QByteArrayView content, QByteArrayView hash)
{
    static constexpr std::string_view prevKey(",\"prev_hash\":\"");
    static constexpr std::string_view seqKey(",\"seq\":");
    static constexpr auto seqKeySize = qsizetype(seqKey.size());
    const qint64 expectedSeq = m_seq + 1;
    // Both are among the last members, a short way back from the end; both start with a comma.
    const auto find = [&content](std::string_view key) -> qsizetype {
        for (qsizetype at = content.size() - qsizetype(key.size()); at >= 0; --at) {
            if (content[at] == ',' && std::string_view(content.data() + at, key.size()) == key)
                return at;
        }
        return -1;
    };
    const qsizetype prevAt = find(prevKey);
    const qsizetype seqAt = find(seqKey);
    const qsizetype seqEnd = seqAt < 0 ? -1 : content.indexOf(',', seqAt + 1);
    bool ok = false;
    const qint64 parsedSeq =
        seqEnd < 0 ? -1 : content.sliced(seqAt + seqKeySize, seqEnd - seqAt - seqKeySize).toLongLong(&ok);
    if (prevAt < 0 || !ok || parsedSeq < 1 || prevAt + qsizetype(prevKey.size()) + 64 > content.size())
        return Break{expectedSeq, u"unreadable_event"_s,
                     u"The stored event after seq %1 cannot be read."_s.arg(expectedSeq - 1)};
    if (parsedSeq > expectedSeq)
        return Break{expectedSeq, u"missing_event"_s,
                     u"Event %1 is missing: the next event is %2."_s.arg(expectedSeq).arg(parsedSeq)};
    if (parsedSeq < expectedSeq)
        return Break{parsedSeq, u"reordered_event"_s,
                     u"Event %1 comes where event %2 belongs."_s.arg(parsedSeq).arg(expectedSeq)};
    if (content.sliced(prevAt + qsizetype(prevKey.size()), 64) != m_hash)
        return Break{parsedSeq, u"prev_hash_mismatch"_s,
                     u"Event %1 does not link to the event before it."_s.arg(parsedSeq)};
    QByteArray recomputed = Crypto::sha256(content).toHex();
    if (recomputed != hash) {
        return Break{
            parsedSeq, u"hash_mismatch"_s,
            u"Event %1 was changed after it was written: its content hashes to %2, not %3."_s.arg(parsedSeq).arg(
                QString::fromLatin1(recomputed), QString::fromLatin1(hash))};
    }
    m_hash = std::move(recomputed);
    m_seq = parsedSeq;
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
