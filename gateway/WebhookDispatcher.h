#pragma once

#include "GatewayConfig.h"
#include "domain/Event.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

namespace cs {

class ActionService;
class EventStore;

// Tells chat, paging and any HTTP receiver what happens to actions (docs/integrations.md): a new
// pending action, its resolution, a refused decision. Each webhook walks the event log from its
// own cursor, in order, one delivery at a time, so the log is its queue: nothing is written on the
// submission path, a restart resumes where the cursor stands (kept in the store), and a slow or
// failing receiver holds back only its own deliveries. A failed delivery is retried with
// exponential backoff; after max_attempts it is given up and recorded as webhook.failed.
// Bodies are signed with HMAC-SHA256 (X-Countersign-Signature: sha256=HEX).
class WebhookDispatcher : public QObject
{
    Q_OBJECT
public:
    WebhookDispatcher(EventStore *store, ActionService *service, QString gatewayId, QList<WebhookConfig> webhooks,
                      QObject *parent = nullptr);
    ~WebhookDispatcher() override;

    // Reads the cursors (a new webhook starts at the log's head) and delivers what is due.
    bool start(QString *error);
    // After an event is recorded; the delivery happens later, never inside the caller.
    void onEventRecorded();

    // The body a webhook is sent for `event`, or nothing when it is not for this webhook.
    std::optional<QByteArray> bodyFor(const WebhookConfig &webhook, const Event &event) const;
    static QByteArray signature(const QByteArray &secret, const QByteArray &body);

private:
    struct Target
    {
        WebhookConfig config;
        qint64 cursor = 0;       // delivered (or skipped) up to this seq
        bool busy = false;       // a delivery is on its way
        int attempts = 0;        // of the event after the cursor
        QTimer retry;
        int delivered = 0;
        int failedAttempts = 0;
    };

    void pump(Target &target);
    void deliver(Target &target, qint64 seq, const QByteArray &body);
    void onDelivered(Target &target, qint64 seq, int status, const QString &error);
    void moveCursor(Target &target, qint64 seq);
    void saveCursors();

    EventStore *m_store;
    ActionService *m_service;
    QString m_gatewayId;
    std::vector<std::unique_ptr<Target>> m_targets;
    QNetworkAccessManager m_network;
    QTimer m_saveTimer;
    bool m_pumpQueued = false;
};

} // namespace cs
