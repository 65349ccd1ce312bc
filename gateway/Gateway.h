#pragma once

#include "ActionService.h"
#include "AuditCheckpointer.h"
#include "AuditPages.h"
#include "EventStore.h"
#include "FeedHub.h"
#include "GatewayConfig.h"
#include "GroupCommit.h"
#include "HttpApi.h"
#include "Listener.h"
#include "Metrics.h"
#include "PolicyFile.h"
#include "PostgresqlSync.h"
#include "PrincipalDirectory.h"
#include "Refusals.h"
#include "WalCheckpointer.h"
#include "WebhookDispatcher.h"

#include <QJsonArray>
#include <QLockFile>
#include <QObject>
#include <QSqlDriver>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace cs {

// The gateway's composition: store, action service, HTTP API and feed hub, built from one
// configuration. main() and the in-process tests construct it; nothing else does.
class Gateway : public QObject
{
    Q_OBJECT
public:
    Gateway(GatewayConfig config, const Clock *clock, QObject *parent = nullptr);
    ~Gateway() override;

    // Opens the store in the data dir, loads the policy and the pending actions and starts
    // listening. A policy file that does not load stops the start, with every mistake in `error`.
    bool start(QString *error);
    // Reads the policy file again (SIGHUP). On any mistake the policy in force stays, and false
    // comes back with every mistake in `error`.
    bool reloadPolicy(QString *error);
    // Reads the TLS certificate and key again (SIGHUP): new connections get them, open ones keep
    // theirs. On any mistake the ones in force stay.
    bool reloadTls(QString *error);
    // SIGTERM: stops taking connections, makes every commit durable (what waited for it goes
    // out), answers every parked long poll with its action as it stands (agents poll again, after
    // a restart if need be), and closes the feeds with "going away" (consoles reconnect). The
    // store closes when the gateway is destroyed.
    void stop();
    // The approvers and webhooks a policy may name, from the configuration.
    static PolicyFile::Known policyKnows(const GatewayConfig &config);
    QUrl url() const;

    ActionService *service() { return m_service.get(); }
    FeedHub *feed() { return m_feed.get(); }

Q_SIGNALS:
    // The disk refused to make commits durable: the gateway cannot go on (main() exits 1).
    void fatal(const QString &why);

private:
    // Group commit on the store (GroupCommit); without it (a read-only store) each commit syncs.
    void startGroupCommit(const StoreLocation &location);
    // PostgreSQL: delivers the webhooks once this replica holds their lock; tries again until then.
    void saveWebhookCursors(const QHash<QString, qint64> &cursors);
    void claimWebhooks();
    // Takes in what other writers append to the log (ActionService::follow).
    void followOthers();
    bool listenToOthers();
    void noticeOthers(const QString &channel, QSqlDriver::NotificationSource source, const QVariant &payload);
    void followSoon();
    void followLate();
    // Once a second: follows the others, and on PostgreSQL notices when the store went out of
    // reach (the feeds close) or came back, and what a new connection lost (LISTEN, the webhooks' lock).
    void watchStore();
    void stopWebhooks();
    std::shared_ptr<const Policy> readPolicy(QStringList *mistakes) const;
    // The outgoing webhooks on their own thread, from the cursors in the store.
    bool startWebhooks(const StoreLocation &location, QString *error);
    // GET /v1/metrics: the log's head, what waits, connections, refusals, and each webhook's deliveries.
    QByteArray metricsText() const;
    // Binds the port: TLS when configured, and never plaintext off loopback unless told.
    bool listen(QString *error);
    // policy.loaded (with the file's SHA-256) or, when `policy` is null, policy.rejected.
    void recordPolicy(const Policy *policy, const QStringList &mistakes);

    GatewayConfig m_config;
    std::unique_ptr<QLockFile> m_lock; // the data directory's, held while the gateway runs
    const Clock *m_clock;
    PrincipalDirectory m_principals;
    static constexpr int kCheckpointIntervalMs = 1000;
    static constexpr int kFollowIntervalMs = 1000;
    static constexpr int kLateFollowMs = 50; // after an event's notification with no sync's word yet
    static constexpr int kWebhookClaimIntervalMs = 2000;
    static constexpr qint64 kWebhookLock = 0x63737768; // "cswh"
    // What the events table's insert trigger NOTIFYs (StoreSchemaPostgresql.cpp).
    static inline const QString kEventsChannel = QStringLiteral("countersign_events");

    std::unique_ptr<PostgresqlSync> m_postgresqlSync; // GroupCommit's sync on PostgreSQL
    GroupCommit m_groupCommit;                        // outlives the store, whose commits it counts, and the sockets
    EventStore m_store;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    std::unique_ptr<KeyRegistry> m_keys;
    std::unique_ptr<ActionService> m_service;
    std::unique_ptr<AuditCheckpointer> m_auditCheckpointer;
    QTimer m_followTimer;
    QTimer m_lateFollowTimer;    // followLate()
    qint64 m_lateSeq = 0;        // what followLate() looks for: the events notified when it was armed
    qint64 m_notifiedSeq = 0;    // the last event the others notified of
    bool m_followPosted = false; // followSoon()
    bool m_storeReachable = true;
    int m_reconnectionsSeen = 0;       // EventStore::reconnections() as last handled
    bool m_deliveringWebhooks = false; // this replica holds the webhooks' lock
    QThread m_webhookThread;           // the WebhookDispatcher's, which it deletes when it ends
    QJsonArray m_webhookProgress;      // as the dispatcher last reported it
    Refusals m_refusals;
    ActionMetrics m_actionMetrics;
    std::unique_ptr<AuditPages> m_auditPages;
    std::unique_ptr<FeedHub> m_feed;
    std::unique_ptr<HttpApi> m_http;
    Listener *m_listener = nullptr; // owned by m_http
    quint16 m_port = 0;
};

} // namespace cs
