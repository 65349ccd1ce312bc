#pragma once

#include "audit/AuditMirror.h"
#include "client/AgentClient.h"

#include <QObject>
#include <QThread>

#include <optional>

namespace cs {

class AuditMirrorWriter;

// Brings an AuditMirror up to the gateway's head, page by page through GET /v1/audit, resuming
// from the mirror's head: interrupted (the gateway gone, the console closed) it continues where it
// stopped, and nothing is fetched or stored twice. This object only fetches: each page is read,
// checked (the mirror's check()) and stored by an AuditMirrorWriter on a thread of its own, while
// the next page is fetched. A break stops the sync once what came before it is stored.
class AuditSync : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultPageSize = 5000;

    AuditSync(AuditMirror *mirror, AgentClient *client, QObject *parent = nullptr);
    ~AuditSync() override;

    void setPageSize(int events) { m_pageSize = events; }
    bool isRunning() const { return m_running; }
    // Time the writer's thread spent reading and checking pages (none of it on this thread).
    double checkSeconds() const { return double(m_checkNs) / 1e9; }
    void start();

Q_SIGNALS:
    void progress(qint64 mirroredSeq, qint64 gatewayHeadSeq);
    void upToDate(qint64 headSeq);
    void broken(const cs::AuditChain::Break &broken);
    // A transport or storage failure; the mirror is as it was after the last stored page.
    void failed(const QString &message);

private:
    void fetchPage(qint64 after);
    void onRead(int ticket, qint64 gatewayHead, qint64 lastSeq, const QString &error);
    void onStored(int ticket, const QString &error, qint64 checkNs);
    // Fetches the next page, or ends the sync, as far as the pages in flight allow.
    void pump();
    void finish(const std::optional<AuditChain::Break> &broken, const QString &failure);
    void fetchKeys();
    void stop();

    static constexpr int kMaxQueued = 2; // pages fetched and waiting for the writer

    AuditMirror *m_mirror;
    AgentClient *m_client;
    QThread m_writerThread;
    AuditMirrorWriter *m_writer; // lives on m_writerThread
    int m_pageSize = kDefaultPageSize;
    bool m_running = false;
    int m_generation = 0;
    qint64 m_checkNs = 0;

    bool m_fetching = false;
    int m_storing = 0;
    qint64 m_fetchedSeq = 0;   // the last seq asked for
    qint64 m_gatewayHead = -1; // -1: not known yet
    std::optional<AuditChain::Break> m_break;
    QString m_failure;
};

} // namespace cs
