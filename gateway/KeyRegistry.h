#pragma once

#include "EventStore.h"
#include "signing/KeyRecord.h"
#include "util/Clock.h"

#include <QHash>
#include <QList>

namespace cs {

// The approvers' signing keys: those an operator listed in the configuration (approved from the
// start) and those enrolled through the API, which count only once an operator has approved them
// with `countersign-gateway key approve`. Enrollment and approval are events in the log, written
// in the same transaction as the key row.
class KeyRegistry
{
public:
    KeyRegistry(EventStore *store, const Clock *clock, QList<KeyRecord> configured);

    std::optional<KeyRecord> find(const QString &id) const;
    QList<KeyRecord> keysOf(const QString &owner) const;
    QList<KeyRecord> all() const;

    // A new key for `owner`, pending approval. Refuses a key already known (key_exists).
    std::optional<std::pair<KeyRecord, Event>> enroll(const QString &owner, const KeyEnrollment &enrollment,
                                                      WireError *error);
    // Marks a pending key approved by the operator `by`.
    std::optional<std::pair<KeyRecord, Event>> approve(const QString &id, const QString &by, WireError *error);
    std::optional<std::pair<KeyRecord, Event>> revoke(const QString &id, const QString &by, WireError *error);

    // The nonces of accepted decisions: each signed decision counts once.
    bool nonceSeen(const QString &nonce) const;
    // Stores `nonce` in the transaction of the decision that used it.
    EventStore::Extra rememberNonce(const QString &nonce, const QString &keyId);

private:
    std::optional<std::pair<KeyRecord, Event>> store(const KeyRecord &key, const QString &eventType,
                                                     const QString &actor, WireError *error);
    QList<KeyRecord> query(const QString &where, const QVariantList &values) const;
    // The key a stored row holds, parsed once per distinct row.
    std::optional<KeyRecord> parsed(const QByteArray &body) const;
    // `stored` plus the configured keys (of `owner`, if given) that no stored row overrides.
    QList<KeyRecord> merged(QList<KeyRecord> stored, const QString &owner) const;

    static constexpr qsizetype kMaxParsedKeys = 4096;

    EventStore *m_store;
    const Clock *m_clock;
    QList<KeyRecord> m_configured;
    mutable QHash<QByteArray, KeyRecord> m_parsed; // stored body -> parsed key
};

} // namespace cs
