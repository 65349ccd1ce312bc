#pragma once

#include "domain/Event.h"
#include "json/JcsView.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace cs {

// The gateway's event log as a hash chain, and the signed checkpoints over it (docs/audit.md).
// Each event's `hash` is SHA-256 (hex) of the RFC 8785 bytes of the event object exactly as
// /v1/audit serves it, with `hash` removed; `prev_hash` links it to the event before. Anyone with
// an RFC 8785 implementation can recompute both; this is the one implementation the gateway, the
// console's mirror and `countersign-cli audit verify` share.
namespace AuditChain {

inline const QString kGenesisHash = QString(64, u'0');

QString hashOf(const QJsonObject &eventJson);
QString hashOf(const Event &event);
// The bytes an event's hash is taken over: the JCS form of the event without `hash`.
QByteArray contentBytes(const QJsonObject &eventJson);
// The event as served: its content (read in place) with `hash` put back, canonical.
QByteArray eventText(const Jcs::View::Value &content, QByteArrayView hash);

// An event as the gateway stores and serves it: its hash, and its canonical bytes with `hash`.
struct Sealed
{
    QString hash;
    QByteArray body;
};
// `payloadText`, when given, is the canonical form of event.payload, which the caller has at hand.
Sealed seal(const Event &event, const QByteArray &payloadText = {});

// Where a chain stops being what it claims: the seq of the first event that does not fit.
struct Break
{
    qint64 seq = 0;
    QString code; // missing_event, reordered_event, prev_hash_mismatch, hash_mismatch, unreadable_event
    QString message;
};

// Checks `events` (in the order received, each read in place from its canonical text) follow
// `previousSeq`/`previousHash`: contiguous seqs, each prev_hash the hash before it, each hash its
// own content's. With `contents`, also hands back each event's content bytes as verified.
std::optional<Break> verify(const std::vector<Jcs::View::Value> &events, qint64 previousSeq,
                            const QString &previousHash, QList<QByteArray> *contents = nullptr);
// The same for events parsed from any JSON: each is put in canonical form first.
std::optional<Break> verify(const QList<QJsonObject> &events, qint64 previousSeq, const QString &previousHash,
                            QList<QByteArray> *contents = nullptr);

// The same check over stored content bytes and hashes, one event at a time, without parsing JSON:
// the hash is taken over the bytes, and `seq` and `prev_hash` are read from their fixed place in
// JCS output (the top-level members after `payload`, where no nested object can follow).
class StoredChain
{
public:
    StoredChain(qint64 previousSeq, const QString &previousHash) : m_seq(previousSeq), m_hash(previousHash.toLatin1())
    {
    }
    std::optional<Break> add(QByteArrayView content, QByteArrayView hash);
    qint64 seq() const { return m_seq; }
    QString hash() const { return QString::fromLatin1(m_hash); }

private:
    qint64 m_seq;
    QByteArray m_hash;
};

// A signed statement of the gateway: "the log up to `seq` ends in `headHash`".
struct Checkpoint
{
    QString gatewayId;
    qint64 seq = 0;
    QString headHash;
    QString time;
    QByteArray signature; // Ed25519 over canonicalBytes()

    QByteArray canonicalBytes() const;
    QJsonObject toJson() const;
    static std::optional<Checkpoint> fromJson(const QJsonObject &object);
    // The signature verifies under the gateway's public key (DER SPKI).
    bool verifySignature(const QByteArray &gatewayPublicKey) const;
};

} // namespace AuditChain
} // namespace cs
