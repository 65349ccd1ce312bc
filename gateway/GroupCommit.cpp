#include "GroupCommit.h"

#include "util/Log.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

QString systemError(const char *what, const QString &path)
{
    return u"%1 %2: %3"_s.arg(QLatin1StringView(what), path, QString::fromLocal8Bit(std::strerror(errno)));
}

} // namespace

GroupCommit::GroupCommit(QObject *parent) : QObject(parent)
{
}

GroupCommit::~GroupCommit()
{
    if (m_thread) {
        {
            const std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
        m_thread->wait();
    }
    if (m_fd >= 0)
        ::close(m_fd);
}

bool GroupCommit::start(const QString &walPath, QString *error)
{
    m_walPath = walPath;
    m_walFile = QFile::encodeName(walPath);
    m_fd = ::open(m_walFile.constData(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0) {
        *error = systemError("cannot open", walPath);
        return false;
    }
    // fdatasync on any descriptor of the file writes out what SQLite's own descriptor wrote. Should
    // the file ever be made anew (SQLite deletes it when its last connection closes), the new one
    // is opened and the directory synced too.
    start([this](QString *error) {
        const std::lock_guard lock(m_fileMutex);
        struct stat now
        {
        };
        struct stat open
        {
        };
        if (::stat(m_walFile.constData(), &now) == 0 && ::fstat(m_fd, &open) == 0 && now.st_ino != open.st_ino) {
            const int fresh = ::open(m_walFile.constData(), O_RDONLY | O_CLOEXEC);
            const int directory =
                ::open(QFile::encodeName(m_walPath.section(u'/', 0, -2)).constData(), O_RDONLY | O_CLOEXEC);
            if (fresh >= 0) {
                ::fdatasync(m_fd);
                ::close(std::exchange(m_fd, fresh));
            }
            if (directory >= 0) {
                ::fsync(directory);
                ::close(directory);
            }
        }
        if (::fdatasync(m_fd) != 0) {
            *error = systemError("cannot sync", m_walPath);
            return false;
        }
        return true;
    });
    return true;
}

void GroupCommit::start(Sync sync)
{
    m_sync = std::move(sync);
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(u"wal-sync"_s);
    m_thread->start(QThread::HighPriority);
}

void GroupCommit::closeWith(Close close)
{
    m_close = std::move(close);
}

void GroupCommit::wrote()
{
    ++m_writes;
    if (m_open)
        return;
    m_open = true;
    m_openFor.start();
    // What the event loop handles in this turn (every request that came in meanwhile) goes in the
    // transaction; it ends before the next turn (gatherFor(): a later one).
    postClose();
}

void GroupCommit::postClose()
{
    // Ahead of what else was posted meanwhile (a durable() from the sync thread, whose answers
    // and feed messages take a while): the head stays locked while the transaction is open, and
    // on PostgreSQL the other replicas wait for it.
    if (m_closePosted)
        return;
    m_closePosted = true;
    QCoreApplication::postEvent(this, new QEvent(kCloseEvent), Qt::HighEventPriority);
}

bool GroupCommit::event(QEvent *event)
{
    if (event->type() == kSyncEvent) {
        m_syncPosted = false;
        requestSync();
        return true;
    }
    if (event->type() != kCloseEvent)
        return QObject::event(event);
    m_closePosted = false;
    // The last turn brought writes: the next may bring more (the agents a sync answered send
    // their next requests one after another), and they would wait for the next sync anyway.
    if (m_open && m_writes > m_writesSeen && m_openFor.nsecsElapsed() < m_gatherNs) {
        m_writesSeen = m_writes;
        postClose(); // a posted event is handled in the next turn, after its sockets were polled
        return true;
    }
    QString error;
    closeNow(&error);
    return true;
}

bool GroupCommit::closeNow(QString *error)
{
    if (!m_open)
        return true;
    // The store's commit tells committed(); a refused one leaves nothing open either.
    const quint64 count = m_committed + 1;
    const bool ok = m_close(error);
    m_open = false;
    m_writes = 0;
    m_writesSeen = 0;
    if (!ok)
        Q_EMIT abandoned(count, *error);
    return ok;
}

void GroupCommit::committed()
{
    ++m_committed;
    requestSync();
}

void GroupCommit::committedElsewhere()
{
    ++m_committed;
    if (!std::exchange(m_syncPosted, true))
        QCoreApplication::postEvent(this, new QEvent(kSyncEvent));
}

void GroupCommit::requestSync()
{
    if (m_asked >= m_committed || m_durable >= m_committed)
        return; // a sync asked for already covers it
    m_asked = m_committed;
    {
        const std::lock_guard lock(m_mutex);
        m_requested = m_committed;
    }
    m_wake.notify_one();
}

void GroupCommit::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || m_requested > 0; });
        if (m_stopping)
            return;
        const quint64 target = std::exchange(m_requested, 0);
        lock.unlock();
        QElapsedTimer took;
        took.start();
        QString error;
        const bool ok = m_sync(&error);
        const double milliseconds = double(took.nsecsElapsed()) / 1e6;
        if (ok) {
            QMetaObject::invokeMethod(
                this, [this, target, milliseconds] { reached(target, milliseconds); }, Qt::QueuedConnection);
        } else {
            QMetaObject::invokeMethod(
                this, [this, error] { Q_EMIT failed(error); }, Qt::QueuedConnection);
        }
        lock.lock();
    }
}

void GroupCommit::reached(quint64 count, double milliseconds)
{
    if (count <= m_durable)
        return; // syncNow() got there first
    m_syncMs.observe(milliseconds);
    m_groupSizes.observe(double(count - m_durable));
    m_durable = count;
    Q_EMIT durable(count);
}

bool GroupCommit::syncNow(QString *error)
{
    if (!closeNow(error))
        return false;
    if (settled())
        return true;
    QElapsedTimer took;
    took.start();
    if (m_sync && !m_sync(error))
        return false;
    reached(m_committed, double(took.nsecsElapsed()) / 1e6);
    return true;
}

} // namespace cs
