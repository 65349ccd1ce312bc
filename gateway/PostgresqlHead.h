#pragma once

#include "StoredRow.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace cs::PostgresqlHead {

// What a transaction on PostgreSQL does besides its statements, through libpq on the QPSQL
// driver's own connection: the driver would send each statement in a round trip of its own.

// Opens a transaction on `db` (a QPSQL connection) and locks the chain's head row in it
// (`SELECT seq, hash FROM chain_head … FOR UPDATE`), in one round trip. Returns the head's seq
// and hash; nullopt, with `error` set and no transaction left open, on failure.
std::optional<std::pair<qint64, QString>> beginLocked(const QSqlDatabase &db, QString *error);

// Inserts `rows` (in seq order; an action's row as its last event left it) in the open
// transaction, and commits it if `commit`, all in one round trip. False with `error` set when the
// server refused: the transaction is then aborted (the caller rolls it back).
bool insert(const QSqlDatabase &db, const std::vector<StoredRow> &rows, bool commit, QString *error);

} // namespace cs::PostgresqlHead
