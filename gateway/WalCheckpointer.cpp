#include "WalCheckpointer.h"

#include "EventStore.h"
#include "util/Log.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

// Lives on the checkpointer's thread: its connection is opened, used and closed there.
class CheckpointWorker : public QObject
{
public:
    CheckpointWorker(QString path, int intervalMs, WalCheckpointer::Bounds bounds)
        : m_path(std::move(path)), m_intervalMs(intervalMs), m_bounds(bounds),
          m_connection(u"countersign-checkpoint-%1"_s.arg(quintptr(this), 0, 16))
    {
    }

    ~CheckpointWorker() override
    {
        if (!QSqlDatabase::contains(m_connection))
            return;
        checkpoint(); // leave a short log behind
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }

    void start()
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
        db.setDatabaseName(m_path);
        if (!db.open()) {
            qCWarning(lcStore) << "checkpointer cannot open" << m_path << ":" << db.lastError().text();
            return;
        }
        QSqlQuery pragma(db);
        pragma.exec(u"PRAGMA busy_timeout = 5000"_s);
        if (pragma.exec(u"PRAGMA page_size"_s) && pragma.next())
            m_pageSize = std::max(1, pragma.value(0).toInt());
        auto *timer = new QTimer(this);
        connect(timer, &QTimer::timeout, this, &CheckpointWorker::checkpoint);
        timer->start(m_intervalMs);
    }

    void checkpoint()
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        QSqlQuery query(db);
        // Past the bound the file is cut to nothing: a reader that never lets the log start over.
        if (QFileInfo(m_path + u"-wal"_s).size() > m_bounds.truncateBytes) {
            qCInfo(lcStore) << "the WAL passed" << m_bounds.truncateBytes / (1024 * 1024)
                            << "MiB: truncating checkpoint";
            return report(query.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s), query);
        }
        if (!query.exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s) || !query.next())
            return report(false, query);
        // Under sustained writes a passive checkpoint never finds the log idle, so the log would
        // never start over. Once it holds enough, a RESTART checkpoint waits for the writer (what
        // the passive one left is little) and makes the next commit write from the file's start:
        // over blocks the file already has, which costs the writer and the sync less than
        // growing it (journal_size_limit keeps the file from growing past its bound).
        const qint64 frames = query.value(1).toLongLong();
        if (frames * m_pageSize < m_bounds.restartBytes)
            return report(true, query);
        query.finish();
        report(query.exec(u"PRAGMA wal_checkpoint(RESTART)"_s), query);
    }

    // Said once when checkpoints start failing (a full or read-only disk) and once when they work
    // again, not every second in between.
    void report(bool ok, const QSqlQuery &query)
    {
        if (!ok && !m_failing)
            qCWarning(lcStore) << "checkpoint failed:" << sqlError(query) << "(said again when it works)";
        else if (ok && m_failing)
            qCInfo(lcStore) << "checkpoints work again";
        m_failing = !ok;
    }

private:
    QString m_path;
    int m_intervalMs;
    bool m_failing = false;
    WalCheckpointer::Bounds m_bounds;
    qint64 m_pageSize = 4096;
    QString m_connection;
};

} // namespace

WalCheckpointer::WalCheckpointer(const QString &databasePath, int intervalMs, Bounds bounds)
{
    auto *worker = new CheckpointWorker(databasePath, intervalMs, bounds);
    worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::started, worker, &CheckpointWorker::start);
    QObject::connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    m_thread.setObjectName(u"wal-checkpoint"_s);
    m_thread.start(QThread::LowPriority);
}

WalCheckpointer::~WalCheckpointer()
{
    m_thread.quit();
    m_thread.wait();
}

} // namespace cs
