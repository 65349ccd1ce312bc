#include "TestDatabase.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace cs::test {

namespace {

// Opens `connection` on the PostgreSQL database a storage URL names (host as a socket directory).
QSqlDatabase openPostgresql(const QString &storageUrl, const QString &connection)
{
    const QUrl url(storageUrl);
    const QUrlQuery query(url);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connection);
    db.setDatabaseName(url.path().mid(1));
    db.setHostName(url.host().isEmpty() ? query.queryItemValue(u"host"_s) : url.host());
    if (url.port() > 0)
        db.setPort(url.port());
    db.setUserName(query.hasQueryItem(u"user"_s) ? query.queryItemValue(u"user"_s) : url.userName());
    if (!db.open())
        qWarning() << "cannot open" << storageUrl << db.lastError().text();
    return db;
}

bool run(const QString &connection, QSqlDatabase db, const QStringList &statements)
{
    bool ok = db.isOpen();
    {
        QSqlQuery query(db);
        for (const QString &statement : statements) {
            ok = ok && query.exec(statement);
            if (!ok && !query.lastError().text().isEmpty())
                qWarning() << statement << query.lastError().text();
        }
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

} // namespace

bool runSql(const QString &databasePath, const QStringList &statements)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"test-tamper"_s);
    db.setDatabaseName(databasePath);
    db.open();
    return run(u"test-tamper"_s, db, statements);
}

QString postgresqlServer()
{
    return qEnvironmentVariable("COUNTERSIGN_TEST_POSTGRESQL");
}

QString createPostgresqlDatabase()
{
    const QString server = postgresqlServer();
    if (server.isEmpty())
        return {};
    const QString name = u"cs_"_s + QUuid::createUuid().toString(QUuid::Id128).left(16);
    if (!run(u"test-create"_s, openPostgresql(server, u"test-create"_s), {u"CREATE DATABASE "_s + name}))
        return {};
    QUrl url(server);
    url.setPath(u"/"_s + name);
    return url.toString();
}

bool runPostgresql(const QString &storageUrl, const QStringList &statements)
{
    return run(u"test-tamper-pg"_s, openPostgresql(storageUrl, u"test-tamper-pg"_s), statements);
}

} // namespace cs::test
