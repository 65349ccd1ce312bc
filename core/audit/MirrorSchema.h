#pragma once

#include <QSqlDatabase>
#include <QString>

namespace cs::MirrorSchema {

// The console's audit mirror schema and its migrations, apart from the mirror (as StoreSchema is
// for the gateway's store): brings `db` to `version` in one transaction, refusing a newer one.
bool migrate(QSqlDatabase &db, int version, QString *error);

} // namespace cs::MirrorSchema
