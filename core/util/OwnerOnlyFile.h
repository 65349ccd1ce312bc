#pragma once

#include <QByteArray>
#include <QString>

namespace cs {

// Writes `content` to `path` atomically (QSaveFile) with mode 0600: how every secret Countersign
// keeps on disk is written (dev tokens, software keys, the gateway's audit key).
bool writeOwnerOnlyFile(const QString &path, const QByteArray &content, QString *error);

} // namespace cs
