#pragma once

#include "StoreLocation.h"

#include <QString>

#include <mutex>

struct pg_conn;

namespace cs {

// GroupCommit's sync for a PostgreSQL store. The store commits with synchronous_commit = off
// (visible at once, in the server's WAL, not yet flushed); this makes everything committed so far
// durable with one small transaction that does wait for the flush: the server writes its WAL in
// order, so flushing this commit record flushes every commit before it. The same transaction
// NOTIFYs kDurableChannel with the seq of the chain's head it saw: every event up to it is
// durable once the notification arrives. On a connection of its own (libpq: it is used from the
// sync thread and, at start and stop, from the event loop).
class PostgresqlSync
{
public:
    static inline const QString kDurableChannel = QStringLiteral("countersign_durable");

    explicit PostgresqlSync(StoreLocation location);
    ~PostgresqlSync();
    PostgresqlSync(const PostgresqlSync &) = delete;
    PostgresqlSync &operator=(const PostgresqlSync &) = delete;

    // False, with `error` set, when the server did not confirm the flush. A connection that was
    // lost is made again once, for a server that kept running (its WAL still holds what was
    // committed); a server that restarted since the first sync may have lost commits: false.
    bool sync(QString *error);

private:
    bool connect(QString *error);
    bool flush(QString *error);

    StoreLocation m_location;
    std::mutex m_mutex;
    pg_conn *m_connection = nullptr;
    QByteArray m_serverStarted; // pg_postmaster_start_time() at the first connection
};

} // namespace cs
