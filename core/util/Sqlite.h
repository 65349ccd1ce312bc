#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace cs::Sqlite {

// Opens the named QSQLITE connection on `path` and runs `pragmas` on it; says why on failure.
// The gateway's store and the console's audit mirror open their databases this way.
QSqlDatabase open(const QString &connectionName, const QString &path, const QStringList &pragmas, QString *error);

// Closes and forgets the connection, once every query on it is gone.
void close(QSqlDatabase &db, const QString &connectionName);

} // namespace cs::Sqlite
