#pragma once

#include "audit/AuditChain.h"
#include "domain/Action.h"
#include "domain/Event.h"
#include "Metrics.h"
#include "PostgresqlHead.h"
#include "StoreLocation.h"
#include "util/SqliteStatement.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <functional>
#include <optional>

namespace cs {

// The gateway's durable state, in SQLite (WAL, synchronous=FULL) or PostgreSQL (StoreLocation):
// the append-only `events` table (each event's canonical bytes, as hashed and served) is the
// source of truth, and the `actions` table holds each action's current form, written in the same
// transaction as the event that changed it. A write returns only after it is durable, unless
// durability is deferred to a group commit. The layout is StoreSchema's.
//
// Others may append to the same log: `countersign-gateway key approve` on the SQLite file, the
// other replicas on PostgreSQL. Every write locks the chain's head and appends only to the head
// this store last saw; if the log moved on since, the write is refused as stale (lastWriteStale())
// and the caller reads what others appended (appendedByOthers()) and decides again.
class EventStore
{
public:
    // More writes to make in the same transaction as an event (a key row, a nonce); `seq` is the
    // event's. Returns false with `error` set to roll everything back.
    using Extra = std::function<bool(QSqlDatabase &db, qint64 seq, QString *error)>;

    explicit EventStore(QString connectionName = QStringLiteral("countersign-gateway"));
    ~EventStore();
    EventStore(const EventStore &) = delete;
    EventStore &operator=(const EventStore &) = delete;

    bool open(const StoreLocation &location, QString *error);
    bool open(const QString &sqlitePath, QString *error) { return open(StoreLocation::sqliteFile(sqlitePath), error); }
    const StoreLocation &location() const { return m_location; }
    // Group commit (GroupCommit): from now on a commit does not wait for the disk, `onCommit` hears
    // of each one as it is made (on this thread), and whoever syncs the WAL says when they are
    // durable. Until then nothing they changed may leave the gateway.
    bool deferDurability(std::function<void()> onCommit, QString *error);
    // From now on writes share a transaction, which stays open (holding the chain's head) until
    // commitWrites(); `onWrite` hears of each write into it (the first opens it). Each write is still all or
    // nothing (a savepoint): one that fails leaves the others of its transaction as they were. On
    // PostgreSQL writes have no savepoint; one that fails loses the transaction, and
    // commitWrites() says so.
    bool batchWrites(std::function<void()> onWrite, QString *error);
    // Commits the open transaction, if any. When the store refused the commit, everything
    // written in it is rolled back (the head is as the store has it) and this is false.
    bool commitWrites(QString *error);
    int schemaVersion() const;
    qint64 headSeq() const { return m_headSeq; }
    QString headHash() const { return m_headHash; }

    // Appends `event` and stores `action` as it now stands, atomically. Returns the event with
    // its seq and time as stored.
    std::optional<Event> record(const Action &action, Event event, QString *error);
    // The last write was refused because others appended to the log since this store last saw
    // its head: nothing was written; read what they appended and try again.
    // A stale write keeps the head locked, so that the next write (after reading what others
    // appended) cannot be stale again; releaseHead() lets go of it when no write follows.
    bool lastWriteStale() const { return m_stale; }
    void forgetStale() { m_stale = false; }
    void releaseHead();
    // What others appended since this store last saw the head: the events in seq order, and the
    // row of each action they touched as it now stands, read with them in one query (not one
    // query per action: on PostgreSQL each is a round trip while the event loop waits). The head
    // moves past them.
    struct Appended
    {
        QList<Event> events;
        struct Row
        {
            Action action;
            QByteArray text; // as stored: its canonical JSON (FeedMessages::actionText)
        };
        QHash<QString, Row> actions;
    };
    Appended appendedByOthers();

    // Appends an event that changes no action (a refused decision).
    std::optional<Event> append(Event event, QString *error);
    // Appends `event`, stores `action` unless null, and runs `extra`, all in one transaction. The
    // action's row holds its canonical JSON (FeedMessages::actionText): `actionText` when the
    // caller has it, else made here; likewise `payloadText`, the canonical JSON of event.payload.
    std::optional<Event> write(const Action *action, Event event, const Extra &extra, QString *error,
                               const QByteArray &actionText = {}, const QByteArray &payloadText = {});

    // The head as the database has it now (another process may have appended): seq and hash.
    std::pair<qint64, QString> currentHead();
    bool storeCheckpoint(const AuditChain::Checkpoint &checkpoint, QString *error);
    qint64 lastCheckpointSeq() const;

    // Empty while the store takes writes; otherwise why not (the last write failed: a full disk,
    // a read-only file). Once a write failed, each call at most once a second tries a small
    // durable write to see whether the store recovered.
    QString unwritable();
    // How many times unwritable() connected to PostgreSQL again: what lived on the old connection
    // (LISTEN, session locks) is gone.
    int reconnections() const { return m_reconnections; }
    // How long each write transaction took, BEGIN to COMMIT, in ms (the fsync included unless
    // durability is deferred to a group commit).
    const Histogram &commitTimes() const { return m_commitMs; }
    // How many writes each transaction held (batchWrites()).
    const Histogram &writesPerTransaction() const { return m_batchSizes; }

    // For the stores that share this database and its transactions (KeyRegistry).
    QSqlDatabase database() const
    {
        sendRows();
        return m_db;
    }

    std::optional<Action> action(const QString &id) const;
    // An agent's earlier submission under an Idempotency-Key: the action it made and the SHA-256
    // of that request; and the write that remembers one, in the transaction of its event.
    struct Idempotent
    {
        QString actionId;
        QString requestSha256;
    };
    std::optional<Idempotent> idempotent(const QString &initiator, const QString &key) const;
    Extra rememberIdempotency(const QString &initiator, const QString &key, const Idempotent &made);
    // The nonces of accepted decisions (KeyRegistry): whether one was used, and the write that
    // stores one in the transaction of its decision.
    bool nonceUsed(const QString &nonce) const;
    Extra rememberNonce(const QString &nonce, const QString &keyId);
    // The stored row of key `id`: its body, empty if there is none; nullopt with `error` set
    // when the read failed.
    std::optional<QByteArray> storedKey(const QString &id, QString *error) const;
    QList<Action> pendingActions() const;
    // The events after `seq`; empty with `error` set when the read failed.
    QList<Event> eventsAfter(qint64 seq, int limit, QString *error = nullptr) const;

    // What an audit page reads, on any connection to the store (AuditPages reads on a thread of
    // its own). The events after `seq` as stored: the canonical bytes /v1/audit serves, and the
    // last one's seq.
    struct Bodies
    {
        QList<QByteArray> bodies;
        qint64 lastSeq = 0;
    };
    static Bodies eventBodiesAfter(const QSqlDatabase &db, qint64 seq, int limit);
    // The checkpoints with after <= seq <= upTo, and the first one beyond upTo (it covers the
    // tail). The one at `after` itself is there for a reader that already has the events up to
    // it: a checkpoint signed after it read them would otherwise never reach it.
    static QList<AuditChain::Checkpoint> checkpointsCovering(const QSqlDatabase &db, qint64 after, qint64 upTo);
    // The last event's seq and hash as the connection sees them.
    static std::pair<qint64, QString> head(const QSqlDatabase &db);
    // Every event of one action, in seq order.
    QList<Event> eventsOf(const QString &actionId) const;

private:
    static constexpr int kFollowPage = 1000; // events read at once of what others appended
    // Up to `limit` events after `seq` and the rows of their actions, added to `appended`: how
    // many rows were read, or -1 with `error` set.
    qsizetype readAppended(qint64 seq, int limit, Appended *appended, QString *error) const;
    void readHead();
    bool prepareStatements(QString *error);
    // BEGIN, locking the chain's head (unless a stale write left it locked); false when that
    // failed or the head moved on.
    bool beginAppend(QSqlQuery &control, QString *error);
    // SQLite: the head as the database has it, when another process may have moved it since we
    // looked (PostgreSQL reads it under its lock, PostgresqlHead).
    std::optional<std::pair<qint64, QString>> headIfMoved();
    // Inserts `event` at the head, sealed, and stores `action` unless null; or, when `defer`,
    // keeps the rows for sendRows().
    bool appendRows(const Action *action, Event &event, const QByteArray &actionText, const QByteArray &payloadText,
                    bool defer, QString *error);
    // PostgreSQL: sends the rows the open transaction's writes kept (m_rows), before anything
    // else reads or writes on the connection. False when the server refused them, which loses
    // the transaction.
    bool sendRows() const;
    bool appendSqliteRows(const StoredRow &row, QString *error);
    // After a failed write: the open transaction's other writes stay, or everything is rolled back.
    void undoWrite(QSqlQuery &control, bool isolated);

    QString m_connectionName;
    StoreLocation m_location;
    QSqlDatabase m_db;
    bool m_postgresql = false;
    bool m_stale = false;
    bool m_holdingHead = false; // a transaction with the head locked is open
    qint64 m_lockedSeq = 0;     // the head's seq as read under that lock
    // Prepared once in open(): the statements every write runs.
    SqliteStatement m_sqliteInsertEvent; // SQLite
    SqliteStatement m_sqliteUpsertAction;
    QSqlQuery m_insertEvent; // PostgreSQL
    QSqlQuery m_appendBoth;  // PostgreSQL: both in one statement
    QSqlQuery m_dataVersion; // SQLite: changes when another connection (`key approve`) committed
    // And what a submission and following the others read, and an Idempotency-Key's row.
    mutable QSqlQuery m_selectAction;
    mutable QSqlQuery m_selectIdempotent;
    mutable QSqlQuery m_eventsAfter;
    mutable QSqlQuery m_appendedAfter; // events after a seq, each with its action's row
    QSqlQuery m_insertIdempotency;
    mutable QSqlQuery m_selectNonce; // and a decision's nonce and key
    QSqlQuery m_insertNonce;
    mutable QSqlQuery m_selectKey;
    QSqlQuery m_savepoint; // batchWrites(), SQLite: each write's savepoint, its release and its undoing
    QSqlQuery m_release;
    QSqlQuery m_rollbackTo;
    std::function<void()> m_onWrite; // batchWrites()
    int m_batchWrites = 0;           // writes in the open transaction
    // PostgreSQL: the rows of the open transaction's writes not sent yet. They go with its COMMIT,
    // in one round trip, or before the connection is used for anything else (sendRows()).
    mutable std::vector<StoredRow> m_rows;
    mutable bool m_batchLost = false; // the open transaction was rolled back under its writes
    QElapsedTimer m_batchTook;        // since the open transaction's first write
    qint64 m_seenDataVersion = -1;
    std::function<void()> m_onCommit;
    qint64 m_headSeq = 0;
    QString m_headHash;
    mutable QString m_lastWriteError; // empty after a write that succeeded
    int m_reconnections = 0;          // reconnections()
    Histogram m_commitMs{{0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256, 1000}};
    Histogram m_batchSizes{{1, 2, 4, 8, 16, 32, 64, 128, 256}};
    QElapsedTimer m_sinceProbe;
};

QString sqlError(const QSqlQuery &query);

} // namespace cs
