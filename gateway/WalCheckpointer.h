#pragma once

#include <QObject>
#include <QString>
#include <QThread>

namespace cs {

// Runs SQLite's WAL checkpoints on a thread of their own. A checkpoint copies the log into the
// database and fsyncs both, which takes tens of milliseconds on some disks; left to SQLite's
// automatic checkpoint it lands on whichever decision's commit crosses the threshold, stalling the
// gateway's event loop. The EventStore turns automatic checkpoints off and this does PASSIVE
// checkpoints (they never block a writer) every interval, on its own connection; once the WAL
// passes 128 MiB (a writer that never lets a passive checkpoint finish), a TRUNCATE checkpoint.
class WalCheckpointer
{
public:
    WalCheckpointer(const QString &databasePath, int intervalMs);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

private:
    QThread m_thread;
};

} // namespace cs
