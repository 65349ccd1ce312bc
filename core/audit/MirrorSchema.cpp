#include "MirrorSchema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace cs::MirrorSchema {

namespace {

// kSchema[N] brings the mirror from version N to N+1.
const QList<QStringList> kSchema = {
    {
        u"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
        u"CREATE TABLE events (seq INTEGER PRIMARY KEY, time TEXT NOT NULL, type TEXT NOT NULL, actor TEXT NOT NULL,"
        " action_id TEXT, body TEXT NOT NULL, hash TEXT NOT NULL)"_s,
        u"CREATE INDEX events_by_time ON events(time)"_s,
        u"CREATE INDEX events_by_action ON events(action_id)"_s,
        u"CREATE INDEX events_by_type ON events(type, time)"_s,
        u"CREATE INDEX events_by_actor ON events(actor, seq)"_s,
        u"CREATE TABLE actions (id TEXT PRIMARY KEY, kind TEXT, system TEXT, environment TEXT, initiator TEXT,"
        " on_behalf_of TEXT, command TEXT, justification TEXT, status TEXT, approver TEXT, verdict TEXT)"_s,
        u"CREATE INDEX actions_by_target ON actions(system, environment)"_s,
        u"CREATE VIRTUAL TABLE action_text USING fts5(command, justification, action_id UNINDEXED)"_s,
        u"CREATE TABLE checkpoints (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)"_s,
    },
    {
        // The approvers' keys, so the browser can check each signed decision itself.
        u"CREATE TABLE keys (id TEXT PRIMARY KEY, body TEXT NOT NULL)"_s,
    },
    {
        // No filter reads events by actor (initiator and approver are the actions'): one index
        // fewer to write per event.
        u"DROP INDEX IF EXISTS events_by_actor"_s,
    },
    {
        // The browser's Target shows the resource too; older mirrors take it from their own events.
        u"ALTER TABLE actions ADD COLUMN resource TEXT"_s,
        u"UPDATE actions SET resource = (SELECT json_extract(CAST(e.body AS TEXT), '$.payload.action.target.resource')"
        " FROM events e"
        " WHERE e.action_id = actions.id AND e.type = 'action.requested' LIMIT 1)"_s,
    }};

} // namespace

bool migrate(QSqlDatabase &db, int targetVersion, QString *error)
{
    QSqlQuery query(db);
    query.exec(u"PRAGMA user_version"_s);
    const int version = query.next() ? query.value(0).toInt() : 0;
    if (version == targetVersion)
        return true;
    if (version > targetVersion || targetVersion > kSchema.size()) {
        *error = u"the audit mirror has schema version %1, newer than this console's"_s.arg(version);
        return false;
    }
    db.transaction();
    for (int step = version; step < targetVersion; ++step) {
        for (const QString &statement : kSchema.at(step)) {
            if (!query.exec(statement)) {
                *error = u"cannot create the audit mirror: %1"_s.arg(query.lastError().text());
                db.rollback();
                return false;
            }
        }
    }
    query.exec(u"PRAGMA user_version = %1"_s.arg(targetVersion));
    return db.commit();
}

} // namespace cs::MirrorSchema
