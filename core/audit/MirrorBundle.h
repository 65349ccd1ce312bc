#pragma once

#include "audit/AuditQuery.h"

#include <QString>

#include <functional>

namespace cs::MirrorBundle {

// Says how far the work has got (0 to 100); returning false stops it.
using Progress = std::function<bool(int percent)>;

struct Result
{
    enum Outcome { Written, Cancelled, NothingSelected, NotCovered, Failed };
    Outcome outcome = Failed;
    QString detail;      // what failed, for Failed
    qint64 selected = 0; // events that match the filter and are in the bundle
    qint64 events = 0;   // events in the bundle: the selected ones and those between them
    qint64 leftOut = 0;  // matching events after the last checkpoint, not in the bundle
    qint64 firstSeq = 0;
    qint64 lastSeq = 0;
};

// Writes to `directory` an evidence bundle (AuditExport::writeBundle) of the events in the mirror
// at `mirrorPath` that match `filter`: with every event from the first of them to the checkpoint
// that covers the last, the checkpoints, the gateway's key and the keys of the decisions, all from
// the mirror, offline. Opens a connection of its own, so it runs on any thread.
Result write(const QString &mirrorPath, const AuditFilter &filter, const QString &directory, const Progress &progress);

} // namespace cs::MirrorBundle
