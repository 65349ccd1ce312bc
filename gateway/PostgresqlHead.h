#pragma once

#include <QSqlDatabase>
#include <QString>

#include <optional>
#include <utility>

namespace cs::PostgresqlHead {

// Opens a transaction on `db` (a QPSQL connection) and locks the chain's head row in it
// (`SELECT seq, hash FROM chain_head … FOR UPDATE`), in one round trip: through libpq on the
// driver's own connection, since the driver would send them one after the other. Returns the
// head's seq and hash; nullopt, with `error` set and no transaction left open, on failure.
std::optional<std::pair<qint64, QString>> beginLocked(const QSqlDatabase &db, QString *error);

} // namespace cs::PostgresqlHead
