#include "KeyRegistry.h"

#include "util/Log.h"

#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

WireError storageFailure(const QString &detail)
{
    return {ErrorCode::StorageFailure, u"The gateway could not store the key: %1"_s.arg(detail)};
}

} // namespace

KeyRegistry::KeyRegistry(EventStore *store, const Clock *clock, QList<KeyRecord> configured)
    : m_store(store), m_clock(clock), m_configured(std::move(configured))
{
}

QList<KeyRecord> KeyRegistry::query(const QString &where, const QVariantList &values) const
{
    QList<KeyRecord> keys;
    QSqlQuery query(m_store->database());
    query.prepare(u"SELECT body FROM keys "_s + where + u" ORDER BY id"_s);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        qCCritical(lcStore) << "cannot read keys:" << sqlError(query);
        return keys;
    }
    // The rows are read every time (another process may have approved or revoked a key); only
    // the parsing of an unchanged row, PEM and all, is remembered.
    while (query.next()) {
        if (auto key = parsed(query.value(0).toByteArray()))
            keys.append(std::move(*key));
    }
    return keys;
}

std::optional<KeyRecord> KeyRegistry::parsed(const QByteArray &body) const
{
    if (const auto cached = m_parsed.constFind(body); cached != m_parsed.cend())
        return *cached;
    WireError error;
    auto key = KeyRecord::fromJson(QJsonDocument::fromJson(body).object(), &error);
    if (!key) {
        qCCritical(lcStore) << "unreadable stored key:" << error.message;
        return std::nullopt;
    }
    if (m_parsed.size() > kMaxParsedKeys)
        m_parsed.clear();
    m_parsed.insert(body, *key);
    return key;
}

std::optional<KeyRecord> KeyRegistry::find(const QString &id) const
{
    // A stored row wins over the configuration, so a configured key can still be revoked.
    // Each decision reads it: a statement the store prepared once (on PostgreSQL one round trip).
    QString error;
    const auto body = m_store->storedKey(id, &error);
    if (!body)
        qCCritical(lcStore) << "cannot read keys:" << error;
    else if (auto key = body->isEmpty() ? std::nullopt : parsed(*body))
        return key;
    for (const KeyRecord &key : m_configured) {
        if (key.id == id)
            return key;
    }
    return std::nullopt;
}

QList<KeyRecord> KeyRegistry::merged(QList<KeyRecord> stored, const QString &owner) const
{
    for (const KeyRecord &key : m_configured) {
        const bool shadowed =
            std::any_of(stored.cbegin(), stored.cend(), [&key](const KeyRecord &s) { return s.id == key.id; });
        if (!shadowed && (owner.isEmpty() || key.owner == owner))
            stored.append(key);
    }
    return stored;
}

QList<KeyRecord> KeyRegistry::keysOf(const QString &owner) const
{
    return merged(query(u"WHERE owner = ?"_s, {owner}), owner);
}

QList<KeyRecord> KeyRegistry::all() const
{
    return merged(query({}, {}), {});
}

std::optional<std::pair<KeyRecord, Event>> KeyRegistry::enroll(const QString &owner, const KeyEnrollment &enrollment,
                                                               WireError *error)
{
    const KeyRecord key = enrollment.toRecord(owner, m_clock->now());
    if (const auto existing = find(key.id)) {
        *error = {ErrorCode::KeyExists,
                  u"The key %1 is already enrolled (owner %2, %3)."_s.arg(key.id, existing->owner, existing->status)};
        return std::nullopt;
    }
    return store(key, EventType::KeyEnrolled, owner, error);
}

std::optional<std::pair<KeyRecord, Event>> KeyRegistry::approve(const QString &id, const QString &by, WireError *error)
{
    auto key = find(id);
    if (!key) {
        *error = {ErrorCode::UnknownKey, u"There is no key %1."_s.arg(id)};
        return std::nullopt;
    }
    if (key->status != KeyStatus::Pending) {
        *error = {ErrorCode::NotPending, u"The key %1 is %2, not pending."_s.arg(id, key->status)};
        return std::nullopt;
    }
    key->status = KeyStatus::Approved;
    key->approvedBy = by;
    key->approvedAt = m_clock->now();
    return store(*key, EventType::KeyApproved, by, error);
}

std::optional<std::pair<KeyRecord, Event>> KeyRegistry::revoke(const QString &id, const QString &by, WireError *error)
{
    auto key = find(id);
    if (!key || key->status == KeyStatus::Revoked) {
        *error = {ErrorCode::UnknownKey, u"There is no key %1 to revoke."_s.arg(id)};
        return std::nullopt;
    }
    key->status = KeyStatus::Revoked;
    return store(*key, EventType::KeyRevoked, by, error);
}

bool KeyRegistry::nonceSeen(const QString &nonce) const
{
    return m_store->nonceUsed(nonce);
}

EventStore::Extra KeyRegistry::rememberNonce(const QString &nonce, const QString &keyId)
{
    return m_store->rememberNonce(nonce, keyId);
}

std::optional<std::pair<KeyRecord, Event>> KeyRegistry::store(const KeyRecord &key, const QString &eventType,
                                                              const QString &actor, WireError *error)
{
    const QJsonObject body = key.toJson();
    QString storeError;
    const auto event = m_store->write(
        nullptr, Event{0, m_clock->now(), eventType, actor, {}, {{u"key"_s, body}}},
        [&key, &body](QSqlDatabase &db, qint64, QString *sqlFailure) {
            QSqlQuery upsert(db);
            upsert.prepare(u"INSERT INTO keys (id, owner, status, body) VALUES (?, ?, ?, ?)"
                           " ON CONFLICT(id) DO UPDATE SET status = excluded.status, body = excluded.body"_s);
            upsert.addBindValue(key.id);
            upsert.addBindValue(key.owner);
            upsert.addBindValue(key.status);
            upsert.addBindValue(QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact)));
            if (!upsert.exec()) {
                *sqlFailure = sqlError(upsert);
                return false;
            }
            return true;
        },
        &storeError);
    if (!event) {
        *error = storageFailure(storeError);
        return std::nullopt;
    }
    return std::pair{key, *event};
}

} // namespace cs
