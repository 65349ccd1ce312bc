#include "PostgresqlHead.h"

#include "util/Log.h"

#include <QHash>
#include <QMetaObject>
#include <QSqlDriver>
#include <QVariant>

#include <libpq-fe.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace cs::PostgresqlHead {

namespace {

using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

PGconn *connectionOf(const QSqlDatabase &db, QString *error)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    // QPSQL declares the handle's type as the struct's name, pg_conn*.
    if (!handle.isValid() || qstrcmp(handle.typeName(), "pg_conn*") != 0) {
        *error = u"the store's connection is not an open PostgreSQL connection"_s;
        return nullptr;
    }
    PGconn *connection = *static_cast<PGconn *const *>(handle.constData());
    if (!connection || PQstatus(connection) != CONNECTION_OK) {
        *error = connection ? QString::fromUtf8(PQerrorMessage(connection)).trimmed()
                            : u"the store's connection is closed"_s;
        return nullptr;
    }
    return connection;
}

// A query through libpq reads what the server sent meanwhile, the other replicas' NOTIFYs too,
// into libpq's queue, where the socket's readiness no longer announces them: the driver looks
// there after each of its own queries, and is asked to now (its slot for the socket).
Result exec(const QSqlDatabase &db, PGconn *connection, const char *sql)
{
    Result result(PQexec(connection, sql), &PQclear);
    static bool warned = false;
    if (!QMetaObject::invokeMethod(db.driver(), "_q_handleNotification", Qt::QueuedConnection) && !warned) {
        warned = true;
        qCWarning(lcStore) << "the QPSQL driver has no _q_handleNotification slot: the other replicas' events"
                              " may be noticed late";
    }
    return result;
}

// A text value as an SQL literal, quoted and escaped by libpq for the connection's settings.
bool appendLiteral(PGconn *connection, QByteArray &sql, const QByteArray &text, QString *error)
{
    char *literal = PQescapeLiteral(connection, text.constData(), size_t(text.size()));
    if (!literal) {
        *error = QString::fromUtf8(PQerrorMessage(connection)).trimmed();
        return false;
    }
    sql += literal;
    PQfreemem(literal);
    return true;
}

} // namespace

std::optional<std::pair<qint64, QString>> beginLocked(const QSqlDatabase &db, QString *error)
{
    PGconn *connection = connectionOf(db, error);
    if (!connection)
        return std::nullopt;
    // Several statements in one query: PQexec answers with the last one's result.
    const Result result = exec(db, connection, "BEGIN; SELECT seq, hash FROM chain_head WHERE id = 1 FOR UPDATE");
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

bool insert(const QSqlDatabase &db, const std::vector<StoredRow> &rows, bool commit, QString *error)
{
    PGconn *connection = connectionOf(db, error);
    if (!connection)
        return false;
    qsizetype size = 256;
    for (const StoredRow &row : rows)
        size += 160 + 2 * row.body.size() + (row.hasAction ? 160 + row.actionText.size() : 0);
    QByteArray sql;
    sql.reserve(size);
    // The events in seq order (the head's trigger takes them one after another), each body as hex.
    if (!rows.empty())
        sql += "INSERT INTO events (seq, action_id, hash, body) VALUES ";
    bool ok = true;
    for (size_t i = 0; i < rows.size() && ok; ++i) {
        const StoredRow &row = rows[i];
        sql += i == 0 ? "(" : ",(";
        sql += QByteArray::number(row.seq) + ',';
        if (row.actionId.isEmpty())
            sql += "NULL";
        else
            ok = appendLiteral(connection, sql, row.actionId, error);
        sql += ',';
        ok = ok && appendLiteral(connection, sql, row.hash, error);
        sql += ",decode('" + row.body.toHex() + "','hex'))";
    }
    // Each action once, as its last event left it: one statement may not update a row twice.
    QHash<QByteArray, size_t> lastOf;
    for (size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].hasAction)
            lastOf.insert(rows[i].actionId, i);
    }
    bool first = true;
    for (size_t i = 0; i < rows.size() && ok; ++i) {
        const StoredRow &row = rows[i];
        if (!row.hasAction || lastOf.value(row.actionId) != i)
            continue;
        sql += first ? ";INSERT INTO actions (id, status, initiator, expires_at, body, last_seq) VALUES (" : ",(";
        first = false;
        for (const QByteArray *text : {&row.actionId, &row.status, &row.initiator, &row.expiresAt}) {
            ok = ok && appendLiteral(connection, sql, *text, error);
            sql += ',';
        }
        ok = ok && appendLiteral(connection, sql, row.actionText, error);
        sql += ',' + QByteArray::number(row.seq) + ')';
    }
    if (!ok)
        return false;
    if (!first)
        sql += " ON CONFLICT (id) DO UPDATE SET status = excluded.status, body = excluded.body,"
               " last_seq = excluded.last_seq";
    if (commit)
        sql += rows.empty() ? "COMMIT" : ";COMMIT";
    if (sql.isEmpty())
        return true;
    const Result result = exec(db, connection, sql.constData());
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
        *error = QString::fromUtf8(PQresultErrorMessage(result.get())).trimmed();
        return false;
    }
    // COMMIT of a transaction aborted before answers ROLLBACK, without an error.
    if (commit && qstrcmp(PQcmdStatus(result.get()), "COMMIT") != 0) {
        *error = u"the server rolled the transaction back"_s;
        return false;
    }
    return true;
}

} // namespace cs::PostgresqlHead
