#pragma once

#include <QDateTime>
#include <QString>

namespace cs {

// Every time Countersign writes (actions, events, decisions, keys) is UTC with milliseconds,
// "2026-12-04T02:08:43.123Z": what Qt::ISODateWithMs writes, made without its format parser.
QString formatTime(const QDateTime &time);
// Reads that form directly, and any other ISO 8601 form through QDateTime::fromString; in UTC.
QDateTime parseTime(const QString &text);

} // namespace cs
