#pragma once

#include "domain/Action.h"
#include "domain/Event.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <optional>

namespace cs {

// The gateway's durable state in SQLite (WAL, synchronous=FULL): the append-only `events` table
// is the source of truth, and the `actions` table holds each action's current form, written in
// the same transaction as the event that changed it. A write returns only after it is durable.
class EventStore
{
public:
    static constexpr int kSchemaVersion = 1;

    explicit EventStore(QString connectionName = QStringLiteral("countersign-gateway"));
    ~EventStore();
    EventStore(const EventStore &) = delete;
    EventStore &operator=(const EventStore &) = delete;

    bool open(const QString &path, QString *error);
    int schemaVersion() const;
    qint64 headSeq() const { return m_headSeq; }

    // Appends `event` and stores `action` as it now stands, atomically. Returns the event with
    // its seq and time as stored.
    std::optional<Event> record(const Action &action, Event event, QString *error);
    // Appends an event that changes no action (a refused decision).
    std::optional<Event> append(Event event, QString *error);

    std::optional<Action> action(const QString &id) const;
    QList<Action> pendingActions() const;
    QList<Event> eventsAfter(qint64 seq, int limit) const;

private:
    bool migrate(QString *error);
    bool insertEvent(Event &event, QString *error);
    bool upsertAction(const Action &action, qint64 seq, QString *error);

    QString m_connectionName;
    QSqlDatabase m_db;
    // Prepared once in open(): the statements every write runs.
    QSqlQuery m_insertEvent;
    QSqlQuery m_upsertAction;
    qint64 m_headSeq = 0;
};

} // namespace cs
