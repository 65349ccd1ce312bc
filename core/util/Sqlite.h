#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>

struct sqlite3;

namespace cs::Sqlite {

// Opens the named QSQLITE connection on `path` and runs `pragmas` on it; says why on failure.
// The gateway's store and the console's audit mirror open their databases this way.
QSqlDatabase open(const QString &connectionName, const QString &path, const QStringList &pragmas, QString *error);

// Closes and forgets the connection, once every query on it is gone.
void close(QSqlDatabase &db, const QString &connectionName);

// The SQLite handle under an open QSQLITE connection; null for anything else.
sqlite3 *handle(const QSqlDatabase &db);

// Calls `onCommit` after each commit the connection writes to its WAL (sqlite3_wal_hook, which
// replaces SQLite's automatic checkpoints: the connection's owner checkpoints). `onCommit` must
// outlive the connection. False when `db` is no open SQLite connection.
bool onWalCommit(const QSqlDatabase &db, std::function<void()> *onCommit);

} // namespace cs::Sqlite
