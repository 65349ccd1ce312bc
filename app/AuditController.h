#pragma once

#include "AuditBrowser.h"
#include "audit/AuditMirror.h"
#include "audit/AuditSync.h"
#include "client/AgentClient.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace cs {

// The console's audit side: one mirror per gateway in the app's data directory, kept in sync
// (when the feed connects, and shortly after new events), and the browser window over it. The
// browser opens without a gateway: it reads only the mirror.
class AuditController : public QObject
{
    Q_OBJECT
public:
    static constexpr int kSyncDelayMs = 1500;

    explicit AuditController(QObject *parent = nullptr);
    ~AuditController() override;

    // Opens (or switches to) the mirror of `gatewayUrl`; syncs with `token` when asked to.
    void setEndpoint(const QUrl &gatewayUrl, const QString &token, const TlsTrust &trust = {});
    // Sync now (feed connected), or soon (new events arrive in bursts).
    void syncNow();
    void syncSoon();
    // Shows the browser window, made on first use.
    AuditBrowser *showBrowser();
    AuditBrowser *browser() const { return m_browser; }
    AuditMirror *mirror() const { return m_mirror.get(); }

Q_SIGNALS:
    void synced(qint64 headSeq);

private:
    QString syncState() const;

    QNetworkAccessManager m_network;
    AgentClient m_client;
    QUrl m_gatewayUrl;
    std::unique_ptr<AuditMirror> m_mirror;
    std::unique_ptr<AuditSync> m_sync;
    QPointer<AuditBrowser> m_browser;
    QTimer m_syncDelay;
    QString m_lastProblem;
};

} // namespace cs
