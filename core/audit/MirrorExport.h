#pragma once

#include "audit/AuditQuery.h"

#include <QString>

#include <functional>

namespace cs::MirrorExport {

// Says how many events are written so far; returning false stops the export.
using Progress = std::function<bool(qint64 written)>;

struct Result
{
    enum Outcome { Written, Cancelled, Unreadable, Failed };
    Outcome outcome = Failed;
    QString detail;     // what failed, for Failed
    qint64 written = 0; // events in the file
    qint64 badSeq = 0;  // for Unreadable: the event of the mirror's file that cannot be read
};

// Writes the events of the mirror at `mirrorPath` that match `filter` to `outputPath` as CSV
// (formula cells neutralized, AuditExport) or JSON Lines (the canonical event bytes), in slices of
// `slice` events. Opens a connection of its own, so it runs on any thread; removes the file unless
// it was written whole.
Result write(const QString &mirrorPath, const AuditFilter &filter, bool csv, const QString &outputPath,
             const Progress &progress, int slice = 5000);

} // namespace cs::MirrorExport
