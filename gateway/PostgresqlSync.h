#pragma once

#include "StoreLocation.h"

#include <QString>

#include <mutex>

struct pg_conn;

namespace cs {

// GroupCommit's sync for a PostgreSQL store. The store commits with synchronous_commit = off
// (visible at once, in the server's WAL, not yet flushed); this makes everything committed so far
// durable with one small transaction that does wait for the flush: the server writes its WAL in
// order, so flushing this commit record flushes every commit before it. On a connection of its
// own (libpq: it is used from the sync thread and, at start and stop, from the event loop).
class PostgresqlSync
{
public:
    explicit PostgresqlSync(StoreLocation location);
    ~PostgresqlSync();
    PostgresqlSync(const PostgresqlSync &) = delete;
    PostgresqlSync &operator=(const PostgresqlSync &) = delete;

    // False, with `error` set, when the server did not confirm the flush.
    bool sync(QString *error);

private:
    StoreLocation m_location;
    std::mutex m_mutex;
    pg_conn *m_connection = nullptr;
};

} // namespace cs
