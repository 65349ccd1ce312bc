#pragma once

#include <QObject>
#include <QString>
#include <QThread>

namespace cs {

// Runs SQLite's WAL checkpoints on a thread of their own. A checkpoint copies the log into the
// database and fsyncs both, which takes tens of milliseconds on some disks; left to SQLite's
// automatic checkpoint it lands on whichever decision's commit crosses the threshold, stalling the
// gateway's event loop. The EventStore turns automatic checkpoints off and this does PASSIVE
// checkpoints (they never block a writer) every interval, on its own connection. Under a writer
// that never pauses, the log never starts over by itself: once it holds `restartBytes`, a RESTART
// checkpoint makes it start over; should the file still pass `truncateBytes` (a reader that never
// lets it start over), a TRUNCATE checkpoint cuts it to nothing.
class WalCheckpointer
{
public:
    struct Bounds
    {
        qint64 restartBytes = 16LL * 1024 * 1024;
        qint64 truncateBytes = 128LL * 1024 * 1024; // twice the store's journal_size_limit
    };

    WalCheckpointer(const QString &databasePath, int intervalMs, Bounds bounds);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

private:
    QThread m_thread;
};

} // namespace cs
