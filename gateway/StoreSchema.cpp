#include "StoreSchema.h"

#include "audit/AuditChain.h"
#include "json/Jcs.h"
#include "util/Log.h"
#include "wire/ActionCodec.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cs::StoreSchema {

namespace {

const QString kNoUpdate = u"CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
                          " BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"_s;
const QString kNoDelete = u"CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
                          " BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"_s;

// kSteps[N] brings the schema from version N to N+1. Never edit a shipped one; append.
const QList<QStringList> kSteps = {
    {
        u"CREATE TABLE events (seq INTEGER PRIMARY KEY, time TEXT NOT NULL, type TEXT NOT NULL,"
        " actor TEXT NOT NULL, action_id TEXT, payload TEXT NOT NULL)"_s,
        u"CREATE INDEX events_by_action ON events(action_id)"_s,
        kNoUpdate,
        kNoDelete,
        u"CREATE TABLE actions (id TEXT PRIMARY KEY, status TEXT NOT NULL, initiator TEXT NOT NULL,"
        " expires_at TEXT NOT NULL, body TEXT NOT NULL, last_seq INTEGER NOT NULL)"_s,
        u"CREATE INDEX actions_by_status ON actions(status, expires_at)"_s,
    },
    {
        // Issue 3: approvers' signing keys and the nonces of accepted signed decisions.
        u"CREATE TABLE keys (id TEXT PRIMARY KEY, owner TEXT NOT NULL, status TEXT NOT NULL, body TEXT NOT NULL)"_s,
        u"CREATE INDEX keys_by_owner ON keys(owner)"_s,
        u"CREATE TABLE nonces (nonce TEXT PRIMARY KEY, key_id TEXT NOT NULL, seq INTEGER NOT NULL)"_s,
    },
    {
        // Issue 4: the hash chain (backfilled by chainEvents()) and the gateway's signed checkpoints.
        u"ALTER TABLE events ADD COLUMN prev_hash TEXT"_s,
        u"ALTER TABLE events ADD COLUMN hash TEXT"_s,
        u"CREATE TABLE checkpoints (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)"_s,
    },
    {
        // Each event is kept as the canonical bytes it is hashed and served as (storeBodies()),
        // so a page of the audit log is read, not rebuilt, and what is stored is what is hashed.
        u"CREATE TABLE events_v4 (seq INTEGER PRIMARY KEY, action_id TEXT, hash TEXT NOT NULL, body BLOB NOT NULL)"_s,
    },
    {
        // Issue 10: how far each outgoing webhook has delivered the log; the log is its queue.
        u"CREATE TABLE webhook_cursors (name TEXT PRIMARY KEY, seq INTEGER NOT NULL)"_s,
    },
    {
        // Issue 11: an agent's Idempotency-Key and the action it made, written with its event.
        u"CREATE TABLE idempotency (initiator TEXT NOT NULL, key TEXT NOT NULL, request_sha256 TEXT NOT NULL,"
        " action_id TEXT NOT NULL, PRIMARY KEY (initiator, key))"_s,
    },
};

constexpr int kChunk = 1000;

// Events in the layout of schema 1 to 3, where each field had its own column.
QList<Event> columnEvents(const QSqlDatabase &db, qint64 after, bool withHashes)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(
        u"SELECT seq, time, type, actor, action_id, payload%1 FROM events WHERE seq > ? ORDER BY seq LIMIT ?"_s.arg(
            withHashes ? u", prev_hash, hash"_s : QString()));
    query.addBindValue(after);
    query.addBindValue(kChunk);
    QList<Event> events;
    if (!query.exec())
        return events;
    while (query.next()) {
        events.append(Event{query.value(0).toLongLong(), parseTime(query.value(1).toString()),
                            query.value(2).toString(), query.value(3).toString(), query.value(4).toString(),
                            QJsonDocument::fromJson(query.value(5).toByteArray()).object(),
                            withHashes ? query.value(6).toString() : QString(),
                            withHashes ? query.value(7).toString() : QString()});
    }
    return events;
}

bool run(QSqlQuery &query, const QString &statement, QString *error)
{
    if (query.exec(statement))
        return true;
    *error = query.lastError().text();
    return false;
}

// Schema 3: events written before the chain existed get their hashes, in seq order.
bool chainEvents(QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    if (!run(query, u"DROP TRIGGER events_no_update"_s, error))
        return false;
    QString previous = AuditChain::kGenesisHash;
    QSqlQuery update(db);
    update.prepare(u"UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?"_s);
    for (qint64 after = 0;;) {
        QList<Event> events = columnEvents(db, after, false);
        for (Event &event : events) {
            event.prevHash = previous;
            event.hash = AuditChain::hashOf(event);
            update.bindValue(0, event.prevHash);
            update.bindValue(1, event.hash);
            update.bindValue(2, event.seq);
            if (!update.exec()) {
                *error = update.lastError().text();
                return false;
            }
            previous = event.hash;
        }
        if (events.size() < kChunk)
            break;
        after = events.last().seq;
    }
    return run(query, kNoUpdate, error);
}

// Schema 4: each event's columns become its canonical bytes, with the hashes as they were
// stored (not recomputed: an event edited before now still fails its hash afterwards).
bool storeBodies(QSqlDatabase &db, QString *error)
{
    QSqlQuery insert(db);
    insert.prepare(u"INSERT INTO events_v4 (seq, action_id, hash, body) VALUES (?, ?, ?, ?)"_s);
    for (qint64 after = 0;;) {
        const QList<Event> events = columnEvents(db, after, true);
        for (const Event &event : events) {
            Jcs::Error jcsError;
            insert.bindValue(0, event.seq);
            insert.bindValue(1, event.actionId.isEmpty() ? QVariant() : QVariant(event.actionId));
            insert.bindValue(2, event.hash);
            insert.bindValue(3, Jcs::serialize(ActionCodec::toJson(event), &jcsError).value_or(QByteArray("{}")));
            if (!insert.exec()) {
                *error = insert.lastError().text();
                return false;
            }
        }
        if (events.size() < kChunk)
            break;
        after = events.last().seq;
    }
    QSqlQuery query(db);
    return run(query, u"DROP TABLE events"_s, error) &&
           run(query, u"ALTER TABLE events_v4 RENAME TO events"_s, error) &&
           run(query, u"CREATE INDEX events_by_action ON events(action_id)"_s, error) && run(query, kNoUpdate, error) &&
           run(query, kNoDelete, error);
}

} // namespace

int version(const QSqlDatabase &db)
{
    QSqlQuery query(u"SELECT version FROM schema_version"_s, db);
    return query.next() ? query.value(0).toInt() : 0;
}

bool migrate(QSqlDatabase &db, QString *error)
{
    if (db.driverName() == u"QPSQL")
        return migratePostgresql(db, error);
    QSqlQuery query(db);
    if (!run(query, u"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"_s, error))
        return false;
    int current = version(db);
    if (current > kVersion) {
        *error = u"the database has schema version %1, newer than this gateway's %2"_s.arg(current).arg(kVersion);
        return false;
    }
    for (; current < kVersion; ++current) {
        db.transaction();
        bool ok = true;
        for (const QString &statement : kSteps.at(current))
            ok = ok && run(query, statement, error);
        if (ok && current + 1 == 3)
            ok = chainEvents(db, error);
        if (ok && current + 1 == 4)
            ok = storeBodies(db, error);
        ok = ok && run(query, u"DELETE FROM schema_version"_s, error) &&
             run(query, u"INSERT INTO schema_version (version) VALUES (%1)"_s.arg(current + 1), error);
        if (!ok || !db.commit()) {
            *error = u"migration to schema version %1 failed: %2"_s.arg(current + 1)
                         .arg(error->isEmpty() ? db.lastError().text() : *error);
            db.rollback();
            return false;
        }
        qCInfo(lcStore) << "migrated the store to schema version" << current + 1;
    }
    return true;
}

} // namespace cs::StoreSchema
