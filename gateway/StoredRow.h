#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace cs {

// What one write stores, as UTF-8 and bytes ready to bind: its event's row and, for an event of
// an action, the action's row as it then stands. Made once per write (EventStore::appendRows),
// whichever way the store sends it.
struct StoredRow
{
    qint64 seq = 0;
    QByteArray actionId; // the action the event is of (and whose row follows); empty: none
    QByteArray hash;
    QByteArray body; // the event's canonical bytes
    bool hasAction = false;
    QByteArray status;
    QByteArray initiator;
    QByteArray expiresAt;
    QByteArray actionText; // the action's canonical JSON
};

} // namespace cs
