#include "EventStore.h"

#include "audit/AuditChain.h"
#include "util/Log.h"
#include "util/Sqlite.h"
#include "wire/ActionCodec.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

// Migration N brings the schema from version N-1 to N. Never edit a shipped one; append.
const QList<QStringList> kMigrationStatements = {
    {
        u"CREATE TABLE events (seq INTEGER PRIMARY KEY, time TEXT NOT NULL, type TEXT NOT NULL,"
        " actor TEXT NOT NULL, action_id TEXT, payload TEXT NOT NULL)"_s,
        u"CREATE INDEX events_by_action ON events(action_id)"_s,
        u"CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
        " BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"_s,
        u"CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
        " BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"_s,
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
        // Issue 4: the hash chain (backfilled for existing events by backfillHashes()) and the
        // gateway's signed checkpoints.
        u"ALTER TABLE events ADD COLUMN prev_hash TEXT"_s,
        u"ALTER TABLE events ADD COLUMN hash TEXT"_s,
        u"CREATE TABLE checkpoints (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)"_s,
    },
};

std::optional<Action> actionFromBody(const QByteArray &body)
{
    WireError error;
    auto action = ActionCodec::actionFromJson(QJsonDocument::fromJson(body).object(), &error);
    if (!action)
        qCCritical(lcStore) << "unreadable stored action:" << error.message;
    return action;
}

} // namespace

QString sqlError(const QSqlQuery &query)
{
    return query.lastError().text();
}

EventStore::EventStore(QString connectionName) : m_connectionName(std::move(connectionName))
{
}

EventStore::~EventStore()
{
    m_insertEvent = QSqlQuery();
    m_upsertAction = QSqlQuery();
    Sqlite::close(m_db, m_connectionName);
}

bool EventStore::open(const QString &path, QString *error)
{
    m_db =
        Sqlite::open(m_connectionName, path,
                     {u"PRAGMA journal_mode = WAL"_s, u"PRAGMA synchronous = FULL"_s, u"PRAGMA busy_timeout = 5000"_s,
                      // WalCheckpointer does them on its own thread
                      u"PRAGMA wal_autocheckpoint = 0"_s},
                     error);
    if (!m_db.isOpen())
        return false;
    if (!migrate(error))
        return false;
    m_insertEvent = QSqlQuery(m_db);
    m_upsertAction = QSqlQuery(m_db);
    if (!m_insertEvent.prepare(u"INSERT INTO events (seq, time, type, actor, action_id, payload, prev_hash, hash)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s) ||
        !m_upsertAction.prepare(u"INSERT INTO actions (id, status, initiator, expires_at, body, last_seq)"
                                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET status = excluded.status,"
                                " body = excluded.body, last_seq = excluded.last_seq"_s)) {
        *error = u"cannot prepare the store's statements: %1"_s.arg(m_db.lastError().text());
        return false;
    }
    readHead();
    return true;
}

int EventStore::schemaVersion() const
{
    QSqlQuery query(u"SELECT version FROM schema_version"_s, m_db);
    return query.next() ? query.value(0).toInt() : 0;
}

bool EventStore::migrate(QString *error)
{
    QSqlQuery query(m_db);
    if (!query.exec(u"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"_s)) {
        *error = sqlError(query);
        return false;
    }
    int version = schemaVersion();
    if (version > kSchemaVersion) {
        *error = u"the database has schema version %1, newer than this gateway's %2"_s.arg(version).arg(kSchemaVersion);
        return false;
    }
    for (; version < kSchemaVersion; ++version) {
        m_db.transaction();
        bool ok = true;
        for (const QString &statement : kMigrationStatements.at(version))
            ok = ok && query.exec(statement);
        if (ok && version + 1 == 3)
            ok = backfillHashes(error);
        ok = ok && query.exec(u"DELETE FROM schema_version"_s);
        ok = ok && query.exec(u"INSERT INTO schema_version (version) VALUES (%1)"_s.arg(version + 1));
        if (!ok || !m_db.commit()) {
            *error = u"migration to schema version %1 failed: %2"_s.arg(version + 1)
                         .arg(error->isEmpty() ? sqlError(query) : *error);
            m_db.rollback();
            return false;
        }
        qCInfo(lcStore) << "migrated the store to schema version" << version + 1;
    }
    return true;
}

bool EventStore::backfillHashes(QString *error)
{
    // Events written before the chain existed get their hashes now, in seq order. The append-only
    // trigger is lifted for this one transaction and restored before it commits.
    QSqlQuery query(m_db);
    const auto run = [&](const QString &statement) {
        if (query.exec(statement))
            return true;
        *error = sqlError(query);
        return false;
    };
    if (!run(u"DROP TRIGGER events_no_update"_s))
        return false;
    QList<Event> events;
    qint64 after = 0;
    QString previous = AuditChain::kGenesisHash;
    QSqlQuery update(m_db);
    update.prepare(u"UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?"_s);
    for (;;) {
        events = eventsAfter(after, 1000);
        for (Event &event : events) {
            event.prevHash = previous;
            event.hash = AuditChain::hashOf(event);
            update.bindValue(0, event.prevHash);
            update.bindValue(1, event.hash);
            update.bindValue(2, event.seq);
            if (!update.exec()) {
                *error = sqlError(update);
                return false;
            }
            previous = event.hash;
        }
        if (events.size() < 1000)
            break;
        after = events.last().seq;
    }
    return run(u"CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
               " BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"_s);
}

bool EventStore::insertEvent(Event &event, QString *error)
{
    event.seq = m_headSeq + 1;
    event.prevHash = m_headHash;
    event.hash = AuditChain::hashOf(event);
    QSqlQuery &query = m_insertEvent;
    query.bindValue(0, event.seq);
    query.bindValue(1, ActionCodec::formatTime(event.time));
    query.bindValue(2, event.type);
    query.bindValue(3, event.actor);
    query.bindValue(4, event.actionId.isEmpty() ? QVariant() : QVariant(event.actionId));
    query.bindValue(5, QString::fromUtf8(QJsonDocument(event.payload).toJson(QJsonDocument::Compact)));
    query.bindValue(6, event.prevHash);
    query.bindValue(7, event.hash);
    if (!query.exec()) {
        *error = sqlError(query);
        return false;
    }
    return true;
}

bool EventStore::upsertAction(const Action &action, qint64 seq, QString *error)
{
    QSqlQuery &query = m_upsertAction;
    query.bindValue(0, action.id);
    query.bindValue(1, statusName(action.status));
    query.bindValue(2, action.initiator);
    query.bindValue(3, ActionCodec::formatTime(action.expiresAt));
    query.bindValue(4, QString::fromUtf8(QJsonDocument(ActionCodec::toJson(action)).toJson(QJsonDocument::Compact)));
    query.bindValue(5, seq);
    if (!query.exec()) {
        *error = sqlError(query);
        return false;
    }
    return true;
}

std::optional<Event> EventStore::record(const Action &action, Event event, QString *error)
{
    return write(&action, std::move(event), {}, error);
}

std::optional<Event> EventStore::append(Event event, QString *error)
{
    return write(nullptr, std::move(event), {}, error);
}

std::optional<Event> EventStore::write(const Action *action, Event event, const Extra &extra, QString *error)
{
    // BEGIN IMMEDIATE takes the write lock up front, so another process writing the same file
    // (`countersign-gateway key approve`) waits for us instead of failing our commit, and the
    // head read below cannot be stale.
    QSqlQuery control(m_db);
    if (!control.exec(u"BEGIN IMMEDIATE"_s)) {
        *error = sqlError(control);
        return std::nullopt;
    }
    readHead();
    const bool ok = insertEvent(event, error) && (!action || upsertAction(*action, event.seq, error)) &&
                    (!extra || extra(m_db, event.seq, error)) && control.exec(u"COMMIT"_s);
    if (!ok) {
        if (error->isEmpty())
            *error = sqlError(control);
        control.exec(u"ROLLBACK"_s);
        qCCritical(lcStore) << "could not record" << event.type << "for" << event.actionId << ":" << *error;
        return std::nullopt;
    }
    m_headSeq = event.seq;
    m_headHash = event.hash;
    return event;
}

std::pair<qint64, QString> EventStore::currentHead()
{
    readHead();
    return {m_headSeq, m_headHash};
}

bool EventStore::storeCheckpoint(const AuditChain::Checkpoint &checkpoint, QString *error)
{
    QSqlQuery insert(m_db);
    insert.prepare(u"INSERT OR IGNORE INTO checkpoints (seq, body) VALUES (?, ?)"_s);
    insert.addBindValue(checkpoint.seq);
    insert.addBindValue(QString::fromUtf8(QJsonDocument(checkpoint.toJson()).toJson(QJsonDocument::Compact)));
    if (!insert.exec()) {
        *error = sqlError(insert);
        return false;
    }
    return true;
}

qint64 EventStore::lastCheckpointSeq() const
{
    QSqlQuery query(u"SELECT COALESCE(MAX(seq), 0) FROM checkpoints"_s, m_db);
    return query.next() ? query.value(0).toLongLong() : 0;
}

QList<AuditChain::Checkpoint> EventStore::checkpointsCovering(qint64 after, qint64 upTo) const
{
    QList<AuditChain::Checkpoint> checkpoints;
    QSqlQuery query(m_db);
    query.prepare(u"SELECT body FROM checkpoints WHERE seq > ? AND seq <= ?"
                  " UNION ALL SELECT body FROM (SELECT body FROM checkpoints WHERE seq > ? ORDER BY seq LIMIT 1)"_s);
    query.addBindValue(after);
    query.addBindValue(upTo);
    query.addBindValue(upTo);
    if (!query.exec()) {
        qCCritical(lcStore) << "cannot read checkpoints:" << sqlError(query);
        return checkpoints;
    }
    while (query.next()) {
        if (auto checkpoint =
                AuditChain::Checkpoint::fromJson(QJsonDocument::fromJson(query.value(0).toByteArray()).object()))
            checkpoints.append(*checkpoint);
    }
    std::sort(checkpoints.begin(), checkpoints.end(), [](const auto &a, const auto &b) { return a.seq < b.seq; });
    return checkpoints;
}

void EventStore::readHead()
{
    QSqlQuery head(u"SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1"_s, m_db);
    const bool any = head.next();
    m_headSeq = any ? head.value(0).toLongLong() : 0;
    m_headHash = any ? head.value(1).toString() : AuditChain::kGenesisHash;
}

std::optional<Action> EventStore::action(const QString &id) const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT body FROM actions WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return actionFromBody(query.value(0).toByteArray());
}

QList<Action> EventStore::pendingActions() const
{
    QList<Action> actions;
    QSqlQuery query(u"SELECT body FROM actions WHERE status = 'pending' ORDER BY expires_at"_s, m_db);
    while (query.next()) {
        if (auto action = actionFromBody(query.value(0).toByteArray()))
            actions.append(std::move(*action));
    }
    return actions;
}

namespace {

QList<Event> readEvents(QSqlQuery &query)
{
    QList<Event> events;
    if (!query.exec()) {
        qCCritical(lcStore) << "cannot read events:" << sqlError(query);
        return events;
    }
    while (query.next()) {
        events.append(Event{query.value(0).toLongLong(), ActionCodec::parseTime(query.value(1).toString()),
                            query.value(2).toString(), query.value(3).toString(), query.value(4).toString(),
                            QJsonDocument::fromJson(query.value(5).toByteArray()).object(), query.value(6).toString(),
                            query.value(7).toString()});
    }
    return events;
}

} // namespace

QList<Event> EventStore::eventsAfter(qint64 seq, int limit) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT seq, time, type, actor, action_id, payload, prev_hash, hash FROM events"
                  " WHERE seq > ? ORDER BY seq LIMIT ?"_s);
    query.addBindValue(seq);
    query.addBindValue(limit);
    return readEvents(query);
}

QList<Event> EventStore::eventsOf(const QString &actionId) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT seq, time, type, actor, action_id, payload, prev_hash, hash FROM events"
                  " WHERE action_id = ? ORDER BY seq"_s);
    query.addBindValue(actionId);
    return readEvents(query);
}

} // namespace cs
