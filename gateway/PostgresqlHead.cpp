#include "PostgresqlHead.h"

#include <QSqlDriver>
#include <QVariant>

#include <libpq-fe.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace cs::PostgresqlHead {

std::optional<std::pair<qint64, QString>> beginLocked(const QSqlDatabase &db, QString *error)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    // QPSQL declares the handle's type as the struct's name, pg_conn*.
    if (!handle.isValid() || qstrcmp(handle.typeName(), "pg_conn*") != 0) {
        *error = u"the store's connection is not an open PostgreSQL connection"_s;
        return std::nullopt;
    }
    PGconn *connection = *static_cast<PGconn *const *>(handle.constData());
    if (!connection || PQstatus(connection) != CONNECTION_OK) {
        *error = connection ? QString::fromUtf8(PQerrorMessage(connection)).trimmed()
                            : u"the store's connection is closed"_s;
        return std::nullopt;
    }
    // Several statements in one query: PQexec answers with the last one's result.
    const std::unique_ptr<PGresult, decltype(&PQclear)> result(
        PQexec(connection, "BEGIN; SELECT seq, hash FROM chain_head WHERE id = 1 FOR UPDATE"), &PQclear);
    if (PQresultStatus(result.get()) == PGRES_TUPLES_OK && PQntuples(result.get()) == 1)
        return std::pair{QByteArray(PQgetvalue(result.get(), 0, 0)).toLongLong(),
                         QString::fromLatin1(PQgetvalue(result.get(), 0, 1))};
    *error = PQresultStatus(result.get()) == PGRES_TUPLES_OK
                 ? u"the chain's head row is missing"_s
                 : QString::fromUtf8(PQresultErrorMessage(result.get())).trimmed();
    if (PQtransactionStatus(connection) != PQTRANS_IDLE)
        PQclear(PQexec(connection, "ROLLBACK"));
    return std::nullopt;
}

} // namespace cs::PostgresqlHead
