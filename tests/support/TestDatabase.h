#pragma once

#include <QString>
#include <QStringList>

namespace cs::test {

// Runs SQL on a database file behind its owner's back, as someone tampering with it would.
bool runSql(const QString &databasePath, const QStringList &statements);

} // namespace cs::test
