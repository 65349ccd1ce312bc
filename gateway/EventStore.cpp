#include "EventStore.h"

#include "util/Log.h"
#include "wire/ActionCodec.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

// Migration N brings the schema from version N-1 to N. Never edit a shipped one; append.
const QList<QStringList> kMigrations = {
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
    if (m_db.isValid()) {
        m_insertEvent = QSqlQuery();
        m_upsertAction = QSqlQuery();
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool EventStore::open(const QString &path, QString *error)
{
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(path);
    if (!m_db.open()) {
        *error = u"cannot open %1: %2"_s.arg(path, m_db.lastError().text());
        return false;
    }
    QSqlQuery pragma(m_db);
    for (const QString &statement :
         {u"PRAGMA journal_mode = WAL"_s, u"PRAGMA synchronous = FULL"_s, u"PRAGMA busy_timeout = 5000"_s,
          // WalCheckpointer does them on its own thread
          u"PRAGMA wal_autocheckpoint = 0"_s}) {
        if (!pragma.exec(statement)) {
            *error = u"%1: %2"_s.arg(statement, sqlError(pragma));
            return false;
        }
    }
    if (!migrate(error))
        return false;
    m_insertEvent = QSqlQuery(m_db);
    m_upsertAction = QSqlQuery(m_db);
    if (!m_insertEvent.prepare(u"INSERT INTO events (seq, time, type, actor, action_id, payload)"
                               " VALUES (?, ?, ?, ?, ?, ?)"_s) ||
        !m_upsertAction.prepare(u"INSERT INTO actions (id, status, initiator, expires_at, body, last_seq)"
                                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET status = excluded.status,"
                                " body = excluded.body, last_seq = excluded.last_seq"_s)) {
        *error = u"cannot prepare the store's statements: %1"_s.arg(m_db.lastError().text());
        return false;
    }
    QSqlQuery head(u"SELECT COALESCE(MAX(seq), 0) FROM events"_s, m_db);
    m_headSeq = head.next() ? head.value(0).toLongLong() : 0;
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
        for (const QString &statement : kMigrations.at(version))
            ok = ok && query.exec(statement);
        ok = ok && query.exec(u"DELETE FROM schema_version"_s);
        ok = ok && query.exec(u"INSERT INTO schema_version (version) VALUES (%1)"_s.arg(version + 1));
        if (!ok || !m_db.commit()) {
            *error = u"migration to schema version %1 failed: %2"_s.arg(version + 1).arg(sqlError(query));
            m_db.rollback();
            return false;
        }
        qCInfo(lcStore) << "migrated the store to schema version" << version + 1;
    }
    return true;
}

bool EventStore::insertEvent(Event &event, QString *error)
{
    event.seq = m_headSeq + 1;
    QSqlQuery &query = m_insertEvent;
    query.bindValue(0, event.seq);
    query.bindValue(1, ActionCodec::formatTime(event.time));
    query.bindValue(2, event.type);
    query.bindValue(3, event.actor);
    query.bindValue(4, event.actionId.isEmpty() ? QVariant() : QVariant(event.actionId));
    query.bindValue(5, QString::fromUtf8(QJsonDocument(event.payload).toJson(QJsonDocument::Compact)));
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
    control.exec(u"SELECT COALESCE(MAX(seq), 0) FROM events"_s);
    m_headSeq = control.next() ? control.value(0).toLongLong() : m_headSeq;
    control.finish();
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
    return event;
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
                            QJsonDocument::fromJson(query.value(5).toByteArray()).object()});
    }
    return events;
}

} // namespace

QList<Event> EventStore::eventsAfter(qint64 seq, int limit) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(
        u"SELECT seq, time, type, actor, action_id, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?"_s);
    query.addBindValue(seq);
    query.addBindValue(limit);
    return readEvents(query);
}

QList<Event> EventStore::eventsOf(const QString &actionId) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT seq, time, type, actor, action_id, payload FROM events WHERE action_id = ? ORDER BY seq"_s);
    query.addBindValue(actionId);
    return readEvents(query);
}

} // namespace cs
