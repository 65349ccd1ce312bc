#include "PostgresqlSync.h"

#include <libpq-fe.h>

using namespace Qt::StringLiterals;

namespace cs {

PostgresqlSync::PostgresqlSync(StoreLocation location) : m_location(std::move(location))
{
}

PostgresqlSync::~PostgresqlSync()
{
    if (m_connection)
        PQfinish(m_connection);
}

bool PostgresqlSync::sync(QString *error)
{
    const std::lock_guard lock(m_mutex);
    if (flush(error))
        return true;
    if (!m_connection || PQstatus(m_connection) == CONNECTION_OK)
        return false;
    // The connection went (an idle timeout, a killed backend, a network blip): once more on a new one.
    PQfinish(m_connection);
    m_connection = nullptr;
    return flush(error);
}

bool PostgresqlSync::connect(QString *error)
{
    m_connection = PQconnectdb(m_location.libpqConninfo().constData());
    PGresult *result = PQstatus(m_connection) == CONNECTION_OK
                           ? PQexec(m_connection, "SELECT pg_postmaster_start_time()::text")
                           : nullptr;
    const QByteArray started =
        PQresultStatus(result) == PGRES_TUPLES_OK ? QByteArray(PQgetvalue(result, 0, 0)) : QByteArray();
    PQclear(result);
    if (started.isEmpty()) {
        *error = u"cannot connect to %1 to sync: %2"_s.arg(m_location.display(),
                                                           QString::fromUtf8(PQerrorMessage(m_connection)));
    } else if (!m_serverStarted.isEmpty() && started != m_serverStarted) {
        // Commits made without waiting for the flush (synchronous_commit = off) before the
        // restart may be gone: nothing that waited for them may be told they are durable.
        *error = u"the server %1 restarted (at %2): what was committed since the last sync may be lost"_s.arg(
            m_location.display(), QString::fromUtf8(started));
    } else {
        m_serverStarted = started;
        return true;
    }
    PQfinish(m_connection);
    m_connection = nullptr;
    return false;
}

bool PostgresqlSync::flush(QString *error)
{
    if (!m_connection && !connect(error))
        return false;
    // txid_current() gives the transaction an id, so its commit writes a commit record and, with
    // synchronous_commit on, returns only once the WAL is flushed up to it. Every event up to the
    // head it read was committed before, so is flushed with it: the other replicas hear so when
    // it commits, and need no sync of their own for those events.
    static const QByteArray statement = "SET synchronous_commit = on; SELECT txid_current(), pg_notify('" +
                                        kDurableChannel.toLatin1() + "', seq::text) FROM chain_head WHERE id = 1";
    PGresult *result = PQexec(m_connection, statement.constData());
    const bool ok = PQresultStatus(result) == PGRES_TUPLES_OK;
    if (!ok)
        *error =
            u"the sync of %1 failed: %2"_s.arg(m_location.display(), QString::fromUtf8(PQerrorMessage(m_connection)));
    PQclear(result);
    return ok;
}

} // namespace cs
