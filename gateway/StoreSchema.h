#pragma once

#include <QSqlDatabase>
#include <QString>

namespace cs::StoreSchema {

// The gateway database's layout and how every older one is brought up to it, each step in one
// transaction. EventStore runs migrate() when it opens the database.
inline constexpr int kVersion = 6;

int version(const QSqlDatabase &db);
// Brings a SQLite or PostgreSQL store (by the connection's driver) to kVersion.
bool migrate(QSqlDatabase &db, QString *error);
// PostgreSQL's layout (StoreSchemaPostgresql.cpp): made at once, under a lock replicas share.
bool migratePostgresql(QSqlDatabase &db, QString *error);

} // namespace cs::StoreSchema
