#include "StoreSchema.h"

#include "audit/AuditChain.h"
#include "util/Log.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cs::StoreSchema {

namespace {

// Taken by whichever replica creates or migrates the schema, so that replicas starting together
// do it once ("cs" "sc" in ASCII).
constexpr qint64 kSchemaLock = 0x63737363;

// The layout of schema kVersion on PostgreSQL, made in one step: there are no older PostgreSQL
// stores. Later versions append their steps to kStepsAfter6, as SQLite's do to its list.
QStringList schema6()
{
    return {
        u"CREATE TABLE events (seq bigint PRIMARY KEY, action_id text, hash text NOT NULL, body bytea NOT NULL)"_s,
        u"CREATE INDEX events_by_action ON events(action_id)"_s,
        // The chain's head: every append locks this row first (SELECT … FOR UPDATE), so appends of
        // all replicas are serialised and each one extends the head it read.
        u"CREATE TABLE chain_head (id smallint PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL, hash text NOT NULL)"_s,
        u"INSERT INTO chain_head (id, seq, hash) VALUES (1, 0, '%1')"_s.arg(AuditChain::kGenesisHash),
        // Append-only, whoever connects: no UPDATE, DELETE or TRUNCATE of events.
        u"CREATE FUNCTION countersign_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$"
        " BEGIN RAISE EXCEPTION 'events are append-only'; END $$"_s,
        u"CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events FOR EACH ROW"
        " EXECUTE FUNCTION countersign_events_append_only()"_s,
        u"CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT"
        " EXECUTE FUNCTION countersign_events_append_only()"_s,
        // Each event extends the head by one, or the insert fails: the chain cannot fork even for
        // a writer that skipped the lock. The other replicas hear of it (LISTEN countersign_events)
        // when its transaction commits.
        u"CREATE FUNCTION countersign_events_extend() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        " UPDATE chain_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1 AND seq = NEW.seq - 1;"
        " IF NOT FOUND THEN RAISE EXCEPTION 'event % does not extend the chain''s head', NEW.seq; END IF;"
        " PERFORM pg_notify('countersign_events', NEW.seq::text);"
        " RETURN NEW; END $$"_s,
        u"CREATE TRIGGER events_extend BEFORE INSERT ON events FOR EACH ROW"
        " EXECUTE FUNCTION countersign_events_extend()"_s,
        u"CREATE TABLE actions (id text PRIMARY KEY, status text NOT NULL, initiator text NOT NULL,"
        " expires_at text NOT NULL, body text NOT NULL, last_seq bigint NOT NULL)"_s,
        u"CREATE INDEX actions_by_status ON actions(status, expires_at)"_s,
        u"CREATE TABLE keys (id text PRIMARY KEY, owner text NOT NULL, status text NOT NULL, body text NOT NULL)"_s,
        u"CREATE INDEX keys_by_owner ON keys(owner)"_s,
        u"CREATE TABLE nonces (nonce text PRIMARY KEY, key_id text NOT NULL, seq bigint NOT NULL)"_s,
        u"CREATE TABLE checkpoints (seq bigint PRIMARY KEY, body text NOT NULL)"_s,
        u"CREATE TABLE webhook_cursors (name text PRIMARY KEY, seq bigint NOT NULL)"_s,
        u"CREATE TABLE idempotency (initiator text NOT NULL, key text NOT NULL, request_sha256 text NOT NULL,"
        " action_id text NOT NULL, PRIMARY KEY (initiator, key))"_s,
    };
}

bool exec(QSqlQuery &query, const QString &statement, QString *error)
{
    if (query.exec(statement))
        return true;
    *error = u"%1: %2"_s.arg(statement.left(60), query.lastError().text());
    return false;
}

} // namespace

bool migratePostgresql(QSqlDatabase &db, QString *error)
{
    static_assert(kVersion == 6, "a new schema version needs its PostgreSQL step too");
    QSqlQuery query(db);
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    const bool ok = [&] {
        if (!exec(query, u"SELECT pg_advisory_xact_lock(%1)"_s.arg(kSchemaLock), error) ||
            !exec(query, u"SELECT to_regclass('schema_version') IS NULL"_s, error) || !query.next())
            return false;
        if (query.value(0).toBool() && !exec(query, u"CREATE TABLE schema_version (version integer NOT NULL)"_s, error))
            return false;
        const int current = version(db);
        if (current > kVersion) {
            *error = u"the database has schema version %1, newer than this gateway's %2"_s.arg(current).arg(kVersion);
            return false;
        }
        if (current == kVersion)
            return true;
        if (current != 0) {
            *error = u"the database has schema version %1, which no PostgreSQL store ever had"_s.arg(current);
            return false;
        }
        for (const QString &statement : schema6()) {
            if (!exec(query, statement, error))
                return false;
        }
        qCInfo(lcStore) << "created the store's schema version" << kVersion;
        return exec(query, u"INSERT INTO schema_version (version) VALUES (%1)"_s.arg(kVersion), error);
    }();
    if (!ok || !db.commit()) {
        if (ok)
            *error = db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

} // namespace cs::StoreSchema
