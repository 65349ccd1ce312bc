#pragma once

#include <QString>

namespace cs {

// A new action's id: a UUID version 7 (RFC 9562), whose first 48 bits are the Unix time in
// milliseconds and the other 74 random (QRandomGenerator::system(), as QUuid::createUuid's).
// Ids made later sort after those made earlier, so the store's indexes on them (the actions'
// primary key, events by action) grow at their right edge: the writes of one transaction share
// those pages instead of touching one page of each index apiece.
QString timeOrderedActionId(qint64 unixMilliseconds);

} // namespace cs
