#pragma once

#include <QString>
#include <QStringList>

namespace cs::test {

// Runs SQL on a database file behind its owner's back, as someone tampering with it would.
bool runSql(const QString &databasePath, const QStringList &statements);

// The PostgreSQL server tests/support/with-postgresql.sh started for this test (a storage URL of
// its `postgres` database), or empty: then the gateways of the test run on SQLite.
QString postgresqlServer();
// A new, empty database on that server, as a storage URL; empty (and says why) on failure.
QString createPostgresqlDatabase();
// Runs SQL on a PostgreSQL store behind the gateways' backs.
bool runPostgresql(const QString &storageUrl, const QStringList &statements);

} // namespace cs::test
