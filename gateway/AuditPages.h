#pragma once

#include "StoreLocation.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>

namespace cs {

class AuditPageWorker;

// Builds audit pages (GET /v1/audit and the feed's audit_page) on a thread of its own, with its own
// read connection to the store, so that copying a 5,000-event page out of SQLite never holds up the
// other clients of the gateway's event loop. A page's events, checkpoints and head are read in one
// read transaction: they are of the same moment. Callers bound the pages in flight (one per
// connection); here they are built one after the other.
class AuditPages : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const QByteArray &page)>;

    explicit AuditPages(const StoreLocation &location, QObject *parent = nullptr);
    ~AuditPages() override;

    // Builds the page of up to `limit` events after `after` (`more`: AuditEndpoints::pageText) and
    // calls `done` with it on this object's thread, unless `context` was destroyed meanwhile.
    void build(qint64 after, int limit, const QJsonObject &more, QObject *context, Done done);
    int inFlight() const { return int(m_waiting.size()); }

private:
    struct Waiting
    {
        QPointer<QObject> context;
        Done done;
    };
    void onBuilt(quint64 ticket, const QByteArray &page);

    QThread m_thread;
    AuditPageWorker *m_worker; // lives on m_thread, deleted when it finishes
    quint64 m_nextTicket = 1;
    QHash<quint64, Waiting> m_waiting;
};

} // namespace cs
