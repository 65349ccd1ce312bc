#pragma once

#include "audit/AuditMirror.h"
#include "client/AgentClient.h"

#include <QObject>

namespace cs {

// Brings an AuditMirror up to the gateway's head, page by page through GET /v1/audit, resuming
// from the mirror's head: interrupted (the gateway gone, the console closed) it continues where it
// stopped, and nothing is fetched or stored twice. Checking is the mirror's: a break stops the sync.
class AuditSync : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultPageSize = 5000;

    AuditSync(AuditMirror *mirror, AgentClient *client, QObject *parent = nullptr);

    void setPageSize(int events) { m_pageSize = events; }
    bool isRunning() const { return m_running; }
    // Time spent checking and storing pages (the rest of a sync is the gateway and the network).
    double ingestSeconds() const { return double(m_ingestNs) / 1e9; }
    void start();

Q_SIGNALS:
    void progress(qint64 mirroredSeq, qint64 gatewayHeadSeq);
    void upToDate(qint64 headSeq);
    void broken(const cs::AuditChain::Break &broken);
    // A transport or storage failure; the mirror is as it was after the last stored page.
    void failed(const QString &message);

private:
    void fetchPage(qint64 after);
    void fetchKeys();
    void stop();

    AuditMirror *m_mirror;
    AgentClient *m_client;
    int m_pageSize = kDefaultPageSize;
    bool m_running = false;
    qint64 m_ingestNs = 0;
    int m_generation = 0;
    int m_inFlight = 0;
};

} // namespace cs
