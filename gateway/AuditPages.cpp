#include "AuditPages.h"

#include "AuditEndpoints.h"
#include "util/Log.h"

#include <QSqlDatabase>

using namespace Qt::StringLiterals;

namespace cs {

// Lives on the pages' thread: its connection is opened, used and closed there.
class AuditPageWorker : public QObject
{
    Q_OBJECT
public:
    explicit AuditPageWorker(StoreLocation location)
        : m_location(std::move(location)), m_connection(u"countersign-audit-pages-%1"_s.arg(quintptr(this), 0, 16))
    {
    }
    ~AuditPageWorker() override { StoreLocation::close(m_db, m_connection); }

    void build(quint64 ticket, qint64 after, int limit, const QJsonObject &more)
    {
        if (!m_db.isOpen()) {
            QString error;
            m_db = m_location.open(m_connection, true, &error);
            if (!m_db.isOpen())
                qCCritical(lcStore).noquote() << "audit pages cannot read the store:" << error;
        }
        Q_EMIT built(ticket, AuditEndpoints::pageText(m_db, after, limit, more));
    }

Q_SIGNALS:
    void built(quint64 ticket, const QByteArray &page);

private:
    StoreLocation m_location;
    QString m_connection;
    QSqlDatabase m_db;
};

AuditPages::AuditPages(const StoreLocation &location, QObject *parent)
    : QObject(parent), m_worker(new AuditPageWorker(location))
{
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &AuditPageWorker::built, this, &AuditPages::onBuilt);
    m_thread.setObjectName(u"audit-pages"_s);
    m_thread.start();
}

AuditPages::~AuditPages()
{
    m_thread.quit();
    m_thread.wait();
}

void AuditPages::build(qint64 after, int limit, const QJsonObject &more, QObject *context, Done done)
{
    const quint64 ticket = m_nextTicket++;
    m_waiting.insert(ticket, {context, std::move(done)});
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, ticket, after, limit, more] { worker->build(ticket, after, limit, more); });
}

void AuditPages::onBuilt(quint64 ticket, const QByteArray &page)
{
    const Waiting waiting = m_waiting.take(ticket);
    if (waiting.context && waiting.done)
        waiting.done(page);
}

} // namespace cs

#include "AuditPages.moc"
