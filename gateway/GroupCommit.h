#pragma once

#include "Metrics.h"

#include <QElapsedTimer>
#include <QEvent>
#include <QObject>
#include <QString>
#include <QThread>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

namespace cs {

// Group commit for the store. The store commits on the event loop without waiting for the disk
// (SQLite: synchronous = NORMAL, the commit is in the WAL file, in the page cache; PostgreSQL:
// synchronous_commit = off); this makes the WAL durable with one sync per group of commits (an
// fdatasync, or PostgresqlSync's flush), on a thread of its own, and says when
// (durable()). Commits that arrive while a sync is in flight go in the next one. Nothing a commit
// changed may leave the gateway before it is durable: the sockets hold their bytes until then
// (GatedSocket), and ActionService tells of events only then.
//
// The writes of one turn of the event loop (the requests that came in while it was busy, or while
// a sync was in flight) share one transaction (EventStore::batchWrites): the store tells of each
// write (wrote(); the first opens the transaction), and the transaction ends before the next turn,
// so that a busy gateway writes each page of the WAL once per group instead of once per write.
// With gatherFor(), it stays open while each turn brings more writes, up to a bound.
//
// Counts are of commits on the store's connection, in commit order: commit n is durable once
// durableCount() >= n. The open transaction counts as the next commit.
class GroupCommit : public QObject
{
    Q_OBJECT
public:
    // Makes what was written to a file durable; false with `error` set when the disk refused.
    using Sync = std::function<bool(QString *error)>;
    // Commits the store's open transaction; false with `error` set when the store refused it.
    using Close = std::function<bool(QString *error)>;

    explicit GroupCommit(QObject *parent = nullptr);
    ~GroupCommit() override;
    GroupCommit(const GroupCommit &) = delete;
    GroupCommit &operator=(const GroupCommit &) = delete;

    // Syncs `walPath` (the store's -wal file, which exists once the store is open) from now on.
    bool start(const QString &walPath, QString *error);
    // Syncs with `sync` instead (tests hold it back to see that nothing leaves before it).
    void start(Sync sync);

    bool isRunning() const { return bool(m_sync); }
    // From now on the store's writes share transactions, which `close` commits.
    void closeWith(Close close);
    // The store wrote a change into the transaction it leaves open for close to commit; the first
    // change opens it.
    void wrote();
    // From now on the open transaction is committed at the end of the first turn of the event loop
    // that brought no more writes, or once it has been open for `bound` (until then, at the end of
    // the turn that opened it). Writes that keep coming in so share a commit: the answers a
    // sync released bring the agents' next requests over several turns.
    void gatherFor(std::chrono::microseconds bound) { m_gatherNs = std::chrono::nanoseconds(bound).count(); }
    // One more commit is in the WAL; called by the store on its thread, right after the commit.
    void committed();
    // Another writer's commits were taken in: they count as one more commit, which the sync asked
    // for at the end of this turn covers. A commit of this store's own in the same turn (a write
    // that found the head moved takes in the others' events and writes again) shares that sync.
    void committedElsewhere();
    // The commit that what was written so far belongs to: the open transaction's, if any.
    quint64 committedCount() const { return m_committed + (m_open ? 1 : 0); }
    quint64 durableCount() const { return m_durable; }
    bool settled() const { return !m_open && m_durable == m_committed; }
    // Commits the open transaction, if any, and makes every commit so far durable before it
    // returns (the gateway starts serving, or stops); tells durable() as a group would.
    bool syncNow(QString *error);
    // Commits the open transaction now, if any (before others write to the store's connection).
    bool closeNow(QString *error);

    // How long each sync took, and how many commits each made durable.
    const Histogram &syncTimes() const { return m_syncMs; }
    const Histogram &groupSizes() const { return m_groupSizes; }

Q_SIGNALS:
    // Every commit up to `count` is on disk.
    void durable(quint64 count);
    // The disk refused a sync: what was committed since the last durable() may be lost, and the
    // gateway must not tell anyone of it (it stops; docs/architecture.md).
    void failed(const QString &why);
    // The store refused to commit the open transaction (a full disk): it rolled it back, and
    // nothing written for commit `count` may leave the gateway. The next commit has that count.
    void abandoned(quint64 count, const QString &why);

protected:
    // Ends the open transaction: posted by wrote() to the end of the turn.
    bool event(QEvent *event) override;

private:
    static constexpr QEvent::Type kCloseEvent = QEvent::Type(QEvent::User + 1);
    static constexpr QEvent::Type kSyncEvent = QEvent::Type(QEvent::User + 2);
    void postClose();
    void requestSync();
    void run();
    void reached(quint64 count, double milliseconds);

    Sync m_sync;
    int m_fd = -1;
    QString m_walPath;
    QByteArray m_walFile;    // its name as the system calls take it
    quint64 m_committed = 0; // the event loop's
    quint64 m_durable = 0;   // the event loop's
    quint64 m_asked = 0;     // the last commit a sync was asked for; the event loop's
    Close m_close;
    bool m_open = false;        // the store holds a transaction with writes open
    bool m_closePosted = false; // close() is queued
    bool m_syncPosted = false;  // committedElsewhere()'s request is queued
    qint64 m_gatherNs = 0;      // gatherFor()
    QElapsedTimer m_openFor;    // since the open transaction's first write
    int m_writes = 0;           // in the open transaction
    int m_writesSeen = 0;       // when the close last looked
    Histogram m_syncMs{{0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256, 1000}};
    Histogram m_groupSizes{{1, 2, 4, 8, 16, 32, 64, 128, 256}};

    std::mutex m_fileMutex; // m_fd, used by the sync thread and syncNow()
    std::mutex m_mutex;     // guards the two below, shared with the sync thread
    std::condition_variable m_wake;
    quint64 m_requested = 0;
    bool m_stopping = false;
    std::unique_ptr<QThread> m_thread;
};

} // namespace cs
