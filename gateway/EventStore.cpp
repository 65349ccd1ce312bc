#include "EventStore.h"

#include "PostgresqlHead.h"
#include "StoreSchema.h"
#include "audit/AuditChain.h"
#include "util/Log.h"
#include "util/Sqlite.h"
#include "wire/ActionCodec.h"
#include "wire/FeedMessages.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cs {

namespace {
constexpr const char *kInsertEvent = "INSERT INTO events (seq, action_id, hash, body) VALUES (?, ?, ?, ?)";
// What the store says of its writes before it tried one.
const QString kNotProbed = QStringLiteral("The store was not tried yet.");
// The WAL file's size when it starts over (a checkpoint copied it all, which WalCheckpointer
// brings about under sustained writes); past twice this it cuts the file to nothing.
constexpr qint64 kWalSizeLimit = 64LL * 1024 * 1024;
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
    m_sqliteInsertEvent.finalize();
    m_sqliteUpsertAction.finalize();
    m_appendBoth = QSqlQuery();
    m_dataVersion = QSqlQuery();
    m_selectAction = QSqlQuery();
    m_selectIdempotent = QSqlQuery();
    m_insertIdempotency = QSqlQuery();
    m_selectNonce = QSqlQuery();
    m_insertNonce = QSqlQuery();
    m_selectKey = QSqlQuery();
    m_eventsAfter = QSqlQuery();
    m_appendedAfter = QSqlQuery();
    m_savepoint = QSqlQuery();
    m_release = QSqlQuery();
    m_rollbackTo = QSqlQuery();
    StoreLocation::close(m_db, m_connectionName);
}

bool EventStore::open(const StoreLocation &location, QString *error)
{
    m_location = location;
    m_postgresql = location.isPostgresql();
    if (m_postgresql) {
        m_db = location.open(m_connectionName, false, error);
    } else {
        m_db = Sqlite::open(m_connectionName, location.sqlitePath(),
                            {u"PRAGMA journal_mode = WAL"_s, u"PRAGMA synchronous = FULL"_s,
                             u"PRAGMA busy_timeout = 5000"_s,
                             // WalCheckpointer does them on its own thread
                             u"PRAGMA wal_autocheckpoint = 0"_s,
                             // the WAL is cut back to this when it starts over after a checkpoint
                             u"PRAGMA journal_size_limit = %1"_s.arg(kWalSizeLimit)},
                            error);
    }
    if (!m_db.isOpen() || !StoreSchema::migrate(m_db, error) || !prepareStatements(error))
        return false;
    readHead();
    // A store that opens but cannot be written (a read-only file) serves reads, and says so.
    m_lastWriteError = kNotProbed;
    if (const QString why = unwritable(); !why.isEmpty())
        qCCritical(lcStore).noquote() << why << "- the gateway serves reads and /readyz answers 503";
    return true;
}

bool EventStore::prepareStatements(QString *error)
{
    static const QString kUpsertAction =
        u"INSERT INTO actions (id, status, initiator, expires_at, body, last_seq) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET status = excluded.status, body = excluded.body, last_seq = excluded.last_seq"_s;
    m_insertEvent = QSqlQuery(m_db);
    m_appendBoth = QSqlQuery(m_db);
    m_dataVersion = QSqlQuery(m_db);
    m_selectAction = QSqlQuery(m_db);
    m_selectIdempotent = QSqlQuery(m_db);
    m_insertIdempotency = QSqlQuery(m_db);
    m_selectNonce = QSqlQuery(m_db);
    m_insertNonce = QSqlQuery(m_db);
    m_selectKey = QSqlQuery(m_db);
    m_eventsAfter = QSqlQuery(m_db);
    m_eventsAfter.setForwardOnly(true);
    m_appendedAfter = QSqlQuery(m_db);
    m_appendedAfter.setForwardOnly(true);
    // A statement prepared on the fly costs PostgreSQL three round trips (PREPARE, EXECUTE,
    // DEALLOCATE): what a submission, a decision or following the others reads is prepared here,
    // once.
    // SQLite: the rows of every write go through SqliteStatement, without a QVariant or a UTF-16
    // copy of each value.
    QString sqliteError;
    const bool ok =
        (m_postgresql || (m_dataVersion.prepare(u"PRAGMA data_version"_s) &&
                          m_sqliteInsertEvent.prepare(m_db, kInsertEvent, &sqliteError) &&
                          m_sqliteUpsertAction.prepare(m_db, kUpsertAction.toUtf8().constData(), &sqliteError))) &&
        (!m_postgresql || m_insertEvent.prepare(QString::fromLatin1(kInsertEvent))) &&
        (!m_postgresql ||
         m_appendBoth.prepare(u"WITH event AS (%1) %2"_s.arg(QString::fromLatin1(kInsertEvent), kUpsertAction))) &&
        m_selectAction.prepare(u"SELECT body FROM actions WHERE id = ?"_s) &&
        m_selectIdempotent.prepare(
            u"SELECT action_id, request_sha256 FROM idempotency WHERE initiator = ? AND key = ?"_s) &&
        m_insertIdempotency.prepare(
            u"INSERT INTO idempotency (initiator, key, request_sha256, action_id) VALUES (?, ?, ?, ?)"_s) &&
        m_selectNonce.prepare(u"SELECT 1 FROM nonces WHERE nonce = ?"_s) &&
        m_insertNonce.prepare(u"INSERT INTO nonces (nonce, key_id, seq) VALUES (?, ?, ?)"_s) &&
        m_selectKey.prepare(u"SELECT body FROM keys WHERE id = ?"_s) &&
        m_eventsAfter.prepare(u"SELECT body FROM events WHERE seq > ? ORDER BY seq LIMIT ?"_s) &&
        m_appendedAfter.prepare(u"SELECT events.body, actions.body FROM events"
                                " LEFT JOIN actions ON actions.id = events.action_id"
                                " WHERE events.seq > ? ORDER BY events.seq LIMIT ?"_s);
    if (!ok)
        *error = u"cannot prepare the store's statements: %1"_s.arg(sqliteError.isEmpty() ? m_db.lastError().text()
                                                                                          : sqliteError);
    if (ok && m_onWrite)
        return batchWrites(m_onWrite, error);
    return ok;
}

bool EventStore::batchWrites(std::function<void()> onWrite, QString *error)
{
    // PostgreSQL writes have no savepoints (write()), and it could not prepare them.
    if (!m_postgresql) {
        m_savepoint = QSqlQuery(m_db);
        m_release = QSqlQuery(m_db);
        m_rollbackTo = QSqlQuery(m_db);
        if (!m_savepoint.prepare(u"SAVEPOINT write"_s) || !m_release.prepare(u"RELEASE SAVEPOINT write"_s) ||
            !m_rollbackTo.prepare(u"ROLLBACK TO SAVEPOINT write"_s)) {
            *error = u"cannot prepare the store's savepoints: %1"_s.arg(m_db.lastError().text());
            return false;
        }
    }
    m_onWrite = std::move(onWrite);
    return true;
}

bool EventStore::commitWrites(QString *error)
{
    if (!m_holdingHead || m_stale)
        return true;
    QSqlQuery control(m_db);
    // PostgreSQL: the rows the writes kept, and the COMMIT, in one round trip.
    QString refused;
    const bool ok = !m_batchLost &&
                    (m_postgresql ? PostgresqlHead::insert(m_db, m_rows, true, &refused) : control.exec(u"COMMIT"_s));
    m_rows.clear();
    m_holdingHead = false;
    const int writes = std::exchange(m_batchWrites, 0);
    if (!ok) {
        *error = m_batchLost ? m_lastWriteError : m_postgresql ? refused : sqlError(control);
        control.exec(u"ROLLBACK"_s);
        m_batchLost = false;
        readHead();
        m_seenDataVersion = -1;
        m_lastWriteError = u"The store refused the last write: %1"_s.arg(*error);
        qCCritical(lcStore).noquote() << "could not commit" << writes << "writes:" << *error;
        return false;
    }
    if (m_postgresql && m_onCommit && writes > 0)
        m_onCommit(); // SQLite's WAL hook tells of its commits itself
    m_commitMs.observe(double(m_batchTook.nsecsElapsed()) / 1e6);
    m_batchSizes.observe(writes);
    return true;
}

bool EventStore::deferDurability(std::function<void()> onCommit, QString *error)
{
    QSqlQuery set(m_db);
    // PostgreSQL: the commit is visible at once and in the WAL, which the group's sync flushes.
    if (!set.exec(m_postgresql ? u"SET synchronous_commit = off"_s : u"PRAGMA synchronous = NORMAL"_s)) {
        *error = sqlError(set);
        return false;
    }
    m_onCommit = std::move(onCommit);
    if (!m_postgresql && !Sqlite::onWalCommit(m_db, &m_onCommit)) {
        *error = u"the store is not an open SQLite database"_s;
        return false;
    }
    return true;
}

int EventStore::schemaVersion() const
{
    return StoreSchema::version(m_db);
}

bool EventStore::appendRows(const Action *action, Event &event, const QByteArray &actionText,
                            const QByteArray &payloadText, bool defer, QString *error)
{
    event.seq = m_headSeq + 1;
    event.prevHash = m_headHash;
    event.hash.clear();
    AuditChain::Sealed sealed = AuditChain::seal(event, payloadText);
    event.hash = sealed.hash;
    StoredRow row;
    row.seq = event.seq;
    row.actionId = event.actionId.toUtf8();
    row.hash = event.hash.toLatin1();
    row.body = std::move(sealed.body);
    if (action) {
        row.hasAction = true;
        row.status = statusName(action->status).toUtf8();
        row.initiator = action->initiator.toUtf8();
        row.expiresAt = formatTime(action->expiresAt).toUtf8();
        row.actionText = actionText.isEmpty() ? FeedMessages::actionText(*action) : actionText;
    }
    if (defer) {
        m_rows.push_back(std::move(row));
        return true;
    }
    if (!m_postgresql)
        return appendSqliteRows(row, error);
    // PostgreSQL: the event and the action's row in one statement, one round trip.
    QSqlQuery &query = row.hasAction ? m_appendBoth : m_insertEvent;
    query.bindValue(0, row.seq);
    query.bindValue(1, row.actionId.isEmpty() ? QVariant() : QVariant(QString::fromUtf8(row.actionId)));
    query.bindValue(2, QString::fromLatin1(row.hash));
    query.bindValue(3, row.body);
    if (row.hasAction) {
        int at = 4;
        for (const QByteArray *text : {&row.actionId, &row.status, &row.initiator, &row.expiresAt, &row.actionText})
            query.bindValue(at++, QString::fromUtf8(*text));
        query.bindValue(at, row.seq);
    }
    if (!query.exec()) {
        *error = sqlError(query);
        return false;
    }
    return true;
}

bool EventStore::appendSqliteRows(const StoredRow &row, QString *error)
{
    m_sqliteInsertEvent.bindInteger(1, row.seq);
    if (row.actionId.isEmpty())
        m_sqliteInsertEvent.bindNull(2);
    else
        m_sqliteInsertEvent.bindText(2, row.actionId);
    m_sqliteInsertEvent.bindText(3, row.hash);
    m_sqliteInsertEvent.bindBlob(4, row.body);
    if (!m_sqliteInsertEvent.exec(error))
        return false;
    if (!row.hasAction)
        return true;
    int at = 1;
    for (const QByteArray *text : {&row.actionId, &row.status, &row.initiator, &row.expiresAt, &row.actionText})
        m_sqliteUpsertAction.bindText(at++, *text);
    m_sqliteUpsertAction.bindInteger(at, row.seq);
    return m_sqliteUpsertAction.exec(error);
}

std::optional<Event> EventStore::record(const Action &action, Event event, QString *error)
{
    return write(&action, std::move(event), {}, error);
}

std::optional<Event> EventStore::append(Event event, QString *error)
{
    return write(nullptr, std::move(event), {}, error);
}

std::optional<Event> EventStore::write(const Action *action, Event event, const Extra &extra, QString *error,
                                       const QByteArray &actionText, const QByteArray &payloadText)
{
    QElapsedTimer took;
    took.start();
    QSqlQuery control(m_db);
    // A store that refused the last write commits each alone until one succeeds: its refusal is
    // then answered (storage_failure) instead of closing the connections of a whole group.
    const bool batching = m_onWrite && (m_batchWrites > 0 || m_lastWriteError.isEmpty());
    if (m_batchLost) {
        *error = m_lastWriteError;
        return std::nullopt;
    }
    if (!beginAppend(control, error)) {
        if (!m_stale)
            m_lastWriteError = u"The store refused the last write: %1"_s.arg(*error);
        return std::nullopt;
    }
    // A write in a shared transaction runs under a savepoint of its own, so that its failure leaves
    // the others. Not on PostgreSQL, where a savepoint costs two round trips: there a write fails
    // only when the server does (whatever would refuse its rows, a used nonce or Idempotency-Key,
    // was checked before on the log as it stands under the head's lock), and that loses the
    // transaction (docs/architecture.md, "Group commit").
    // Nor does PostgreSQL send a shared transaction's rows one write at a time: they go together,
    // with the COMMIT (commitWrites()), or before anything else uses the connection (sendRows()).
    const bool isolated = batching && !m_postgresql;
    const bool defer = batching && m_postgresql;
    const bool ok = (!isolated || m_savepoint.exec()) &&
                    appendRows(action, event, actionText, payloadText, defer, error) &&
                    (!extra || ((!defer || sendRows()) && extra(m_db, event.seq, error))) &&
                    (batching ? (!isolated || m_release.exec()) : control.exec(u"COMMIT"_s));
    if (!ok) {
        if (error->isEmpty())
            *error = m_batchLost ? m_lastWriteError : sqlError(isolated ? m_savepoint : control);
        qCCritical(lcStore) << "could not record" << event.type << "for" << event.actionId << ":" << *error;
        m_lastWriteError = u"The store refused the last write: %1"_s.arg(*error);
        undoWrite(control, isolated);
        return std::nullopt;
    }
    m_lastWriteError.clear();
    m_headSeq = event.seq;
    m_headHash = event.hash;
    if (batching) { // the head stays locked until commitWrites()
        m_lockedSeq = event.seq;
        if (m_batchWrites++ == 0)
            m_batchTook = took;
        m_onWrite();
        return event;
    }
    m_holdingHead = false;
    if (m_postgresql && m_onCommit)
        m_onCommit(); // SQLite's WAL hook tells of its commits itself
    m_commitMs.observe(double(took.nsecsElapsed()) / 1e6);
    return event;
}

bool EventStore::sendRows() const
{
    if (m_rows.empty() || m_batchLost)
        return !m_batchLost;
    QString error;
    const bool ok = PostgresqlHead::insert(m_db, m_rows, false, &error);
    m_rows.clear();
    if (!ok) {
        qCCritical(lcStore) << "the open transaction, with" << m_batchWrites << "writes, is lost:" << error;
        m_lastWriteError = u"The store refused the last write: %1"_s.arg(error);
        m_batchLost = true;
    }
    return ok;
}

void EventStore::undoWrite(QSqlQuery &control, bool isolated)
{
    if (m_batchWrites == 0) { // the transaction held only this write
        control.exec(u"ROLLBACK"_s);
        m_holdingHead = false;
        m_rows.clear();
        m_batchLost = false;
        return;
    }
    // The write's savepoint goes; the transaction's earlier writes stay. A store that rolled the
    // whole transaction back itself (SQLite does on a full disk) lost them, as did a failed write
    // without a savepoint (PostgreSQL aborts the transaction): commitWrites() says so.
    if (!isolated) {
        qCCritical(lcStore) << "the open transaction, with" << m_batchWrites << "writes, is lost";
        m_batchLost = true;
    } else if (!m_rollbackTo.exec() || !m_release.exec()) {
        qCCritical(lcStore) << "the open transaction was rolled back:" << sqlError(m_rollbackTo);
        m_batchLost = true;
    }
}

bool EventStore::beginAppend(QSqlQuery &control, QString *error)
{
    if (!m_holdingHead) {
        // SQLite: BEGIN IMMEDIATE takes the write lock up front, so another process writing the
        // same file (`countersign-gateway key approve`) waits for us instead of failing our commit.
        // PostgreSQL: the head row's lock serialises the appends of every replica.
        std::optional<std::pair<qint64, QString>> moved;
        if (m_postgresql) {
            moved = PostgresqlHead::beginLocked(m_db, error);
            if (!moved)
                return false;
        } else if (!control.exec(u"BEGIN IMMEDIATE"_s)) {
            *error = sqlError(control);
            return false;
        } else {
            moved = headIfMoved();
        }
        m_holdingHead = true;
        m_lockedSeq = m_headSeq;
        if (moved) {
            m_lockedSeq = moved->first;
            if (moved->first == m_headSeq)
                m_headHash = moved->second;
        }
    }
    if (m_lockedSeq == m_headSeq)
        return true;
    // The lock stays: the caller reads what others appended under it and tries again, and nobody
    // can append in between.
    m_stale = true;
    *error = u"others appended to the log since this gateway last read it"_s;
    return false;
}

void EventStore::releaseHead()
{
    if (!m_holdingHead || m_batchWrites > 0) // commitWrites() ends a transaction with writes
        return;
    QSqlQuery(m_db).exec(u"ROLLBACK"_s);
    m_holdingHead = false;
}

std::optional<std::pair<qint64, QString>> EventStore::headIfMoved()
{
    // The head stays in memory; it is read again only when another process committed since.
    if (m_dataVersion.exec() && m_dataVersion.next()) {
        const qint64 version = m_dataVersion.value(0).toLongLong();
        m_dataVersion.finish();
        if (version == m_seenDataVersion)
            return std::nullopt;
        m_seenDataVersion = version;
    }
    return head(m_db);
}

EventStore::Appended EventStore::appendedByOthers()
{
    if (!m_postgresql && head(m_db).first == m_headSeq)
        return {};
    Appended appended;
    for (;;) {
        QString error;
        const qsizetype rows = readAppended(m_headSeq, kFollowPage, &appended, &error);
        if (rows < 0) { // the server went away: unwritable() connects again
            m_lastWriteError = u"The store is unreachable: %1"_s.arg(error);
            return appended;
        }
        if (!appended.events.isEmpty()) {
            m_headSeq = appended.events.constLast().seq;
            m_headHash = appended.events.constLast().hash;
        }
        if (rows < kFollowPage)
            return appended;
    }
}

QString EventStore::unwritable()
{
    // An open transaction's commit (commitWrites()) says whether the store takes writes.
    if (m_lastWriteError.isEmpty() || m_batchWrites > 0 || (m_sinceProbe.isValid() && m_sinceProbe.elapsed() < 1000))
        return m_lastWriteError;
    m_sinceProbe.start();
    // A PostgreSQL server that went away: connect again.
    if (m_postgresql && !m_lastWriteError.isEmpty() && m_lastWriteError != kNotProbed) {
        m_db.close();
        QString error;
        if (!m_db.open() || !prepareStatements(&error)) {
            m_lastWriteError = u"The store is unreachable: %1"_s.arg(m_db.lastError().text());
            return m_lastWriteError;
        }
        if (m_onCommit)
            QSqlQuery(m_db).exec(u"SET synchronous_commit = off"_s);
        QSqlQuery(m_db).exec(u"SET TIME ZONE 'UTC'"_s);
        ++m_reconnections;
    }
    // A real write, made durable, that changes nothing.
    QSqlQuery probe(m_db);
    if (probe.exec(m_postgresql ? u"BEGIN"_s : u"BEGIN IMMEDIATE"_s) &&
        probe.exec(u"UPDATE schema_version SET version = version"_s) && probe.exec(u"COMMIT"_s)) {
        if (m_lastWriteError != kNotProbed)
            qCInfo(lcStore) << "the store takes writes again";
        m_lastWriteError.clear();
    } else {
        m_lastWriteError = u"The store refuses writes: %1"_s.arg(sqlError(probe));
        probe.exec(u"ROLLBACK"_s);
    }
    return m_lastWriteError;
}

std::pair<qint64, QString> EventStore::currentHead()
{
    sendRows();
    // Not this store's head: that moves only with what it appended or took in (appendedByOthers).
    return head(m_db);
}

bool EventStore::storeCheckpoint(const AuditChain::Checkpoint &checkpoint, QString *error)
{
    sendRows();
    QSqlQuery insert(m_db);
    insert.prepare(u"INSERT INTO checkpoints (seq, body) VALUES (?, ?) ON CONFLICT (seq) DO NOTHING"_s);
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
    sendRows();
    QSqlQuery query(u"SELECT COALESCE(MAX(seq), 0) FROM checkpoints"_s, m_db);
    return query.next() ? query.value(0).toLongLong() : 0;
}

void EventStore::readHead()
{
    std::tie(m_headSeq, m_headHash) = head(m_db);
}

std::pair<qint64, QString> EventStore::head(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.exec(u"SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1"_s);
    if (query.next())
        return {query.value(0).toLongLong(), query.value(1).toString()};
    return {0, AuditChain::kGenesisHash};
}

EventStore::Extra EventStore::rememberIdempotency(const QString &initiator, const QString &key, const Idempotent &made)
{
    return [this, initiator, key, made](QSqlDatabase &, qint64, QString *error) {
        m_insertIdempotency.bindValue(0, initiator);
        m_insertIdempotency.bindValue(1, key);
        m_insertIdempotency.bindValue(2, made.requestSha256);
        m_insertIdempotency.bindValue(3, made.actionId);
        if (!m_insertIdempotency.exec()) {
            *error = sqlError(m_insertIdempotency);
            return false;
        }
        return true;
    };
}

EventStore::Extra EventStore::rememberNonce(const QString &nonce, const QString &keyId)
{
    return [this, nonce, keyId](QSqlDatabase &, qint64 seq, QString *error) {
        m_insertNonce.bindValue(0, nonce);
        m_insertNonce.bindValue(1, keyId);
        m_insertNonce.bindValue(2, seq);
        if (!m_insertNonce.exec()) {
            *error = sqlError(m_insertNonce);
            return false;
        }
        return true;
    };
}

} // namespace cs
