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
    if (m_connection && PQstatus(m_connection) != CONNECTION_OK) {
        PQfinish(m_connection);
        m_connection = nullptr;
    }
    if (!m_connection) {
        m_connection = PQconnectdb(m_location.libpqConninfo().constData());
        if (PQstatus(m_connection) != CONNECTION_OK) {
            *error = u"cannot connect to %1 to sync: %2"_s.arg(m_location.display(),
                                                               QString::fromUtf8(PQerrorMessage(m_connection)));
            PQfinish(m_connection);
            m_connection = nullptr;
            return false;
        }
    }
    // txid_current() gives the transaction an id, so its commit writes a commit record and, with
    // synchronous_commit on, returns only once the WAL is flushed up to it.
    PGresult *result = PQexec(m_connection, "SET synchronous_commit = on; SELECT txid_current()");
    const bool ok = PQresultStatus(result) == PGRES_TUPLES_OK;
    if (!ok)
        *error =
            u"the sync of %1 failed: %2"_s.arg(m_location.display(), QString::fromUtf8(PQerrorMessage(m_connection)));
    PQclear(result);
    return ok;
}

} // namespace cs
