#include "WalCheckpointer.h"

#include "EventStore.h"
#include "util/Log.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

// Twice the store's journal_size_limit (EventStore): the WAL's size past which a checkpoint cuts it.
constexpr qint64 kWalBound = 128LL * 1024 * 1024;

// Lives on the checkpointer's thread: its connection is opened, used and closed there.
class CheckpointWorker : public QObject
{
public:
    CheckpointWorker(QString path, int intervalMs)
        : m_path(std::move(path)), m_intervalMs(intervalMs),
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
        auto *timer = new QTimer(this);
        connect(timer, &QTimer::timeout, this, &CheckpointWorker::checkpoint);
        timer->start(m_intervalMs);
    }

    void checkpoint()
    {
        QSqlQuery query(QSqlDatabase::database(m_connection, false));
        // Under sustained writes a passive checkpoint never finds the log idle, and the log only
        // grows: past the bound, one checkpoint waits for the writer and cuts the file to nothing.
        const bool tooLong = QFileInfo(m_path + u"-wal"_s).size() > kWalBound;
        if (tooLong)
            qCInfo(lcStore) << "the WAL passed" << kWalBound / (1024 * 1024) << "MiB: truncating checkpoint";
        const bool failed =
            !query.exec(tooLong ? u"PRAGMA wal_checkpoint(TRUNCATE)"_s : u"PRAGMA wal_checkpoint(PASSIVE)"_s);
        // Said once when checkpoints start failing (a full or read-only disk) and once when they
        // work again, not every second in between.
        if (failed && !m_failing)
            qCWarning(lcStore) << "checkpoint failed:" << sqlError(query) << "(said again when it works)";
        else if (!failed && m_failing)
            qCInfo(lcStore) << "checkpoints work again";
        m_failing = failed;
    }

private:
    QString m_path;
    int m_intervalMs;
    bool m_failing = false;
    QString m_connection;
};

} // namespace

WalCheckpointer::WalCheckpointer(const QString &databasePath, int intervalMs)
{
    auto *worker = new CheckpointWorker(databasePath, intervalMs);
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
