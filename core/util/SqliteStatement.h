#pragma once

#include <QByteArrayView>
#include <QSqlDatabase>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace cs {

// One prepared statement on a QSQLITE connection's own sqlite3 handle, for the few statements that
// run once per stored event in bulk: it binds UTF-8 slices of received text as they are, where
// QSqlQuery would make a QVariant and a UTF-16 copy of each value. It shares the connection, so it
// takes part in the connection's transactions; it must be destroyed before the connection closes.
class SqliteStatement
{
public:
    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    bool prepare(const QSqlDatabase &db, const char *sql, QString *error);
    void finalize();

    // Indexes start at 1, as in SQL. Text and blobs must stay alive until exec() returns.
    void bindText(int index, QByteArrayView utf8);
    void bindBlob(int index, QByteArrayView bytes);
    void bindInteger(int index, qint64 value);
    void bindNull(int index);

    // Runs the statement to its end and resets it for the next bindings.
    bool exec(QString *error);

    // Row by row: next() is true while there is a row; then error() says whether it stopped early.
    // Column bytes are valid until the next call. reset() makes it ready to run again.
    bool next();
    QByteArrayView columnBytes(int column) const;
    qint64 columnInteger(int column) const;
    QString error() const { return m_error; }
    void reset();

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    QString m_error;
};

} // namespace cs
