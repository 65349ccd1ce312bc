#include "Sqlite.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cs::Sqlite {

QSqlDatabase open(const QString &connectionName, const QString &path, const QStringList &pragmas, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
    db.setDatabaseName(path);
    if (!db.open()) {
        *error = u"cannot open %1: %2"_s.arg(path, db.lastError().text());
        return db;
    }
    QSqlQuery pragma(db);
    for (const QString &statement : pragmas) {
        if (!pragma.exec(statement)) {
            *error = u"%1: %2"_s.arg(statement, pragma.lastError().text());
            db.close();
            return db;
        }
    }
    return db;
}

void close(QSqlDatabase &db, const QString &connectionName)
{
    if (!db.isValid())
        return;
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(connectionName);
}

} // namespace cs::Sqlite
