#include "Sqlite.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

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

sqlite3 *handle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!db.isOpen() || !handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

bool onWalCommit(const QSqlDatabase &db, std::function<void()> *onCommit)
{
    sqlite3 *connection = handle(db);
    if (!connection)
        return false;
    sqlite3_wal_hook(
        connection,
        [](void *context, sqlite3 *, const char *, int) {
            (*static_cast<std::function<void()> *>(context))();
            return SQLITE_OK;
        },
        onCommit);
    return true;
}

} // namespace cs::Sqlite
