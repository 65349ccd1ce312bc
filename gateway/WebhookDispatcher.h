#pragma once

#include "EventStore.h"
#include "GatewayConfig.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>

#include <memory>
#include <vector>

class QNetworkAccessManager;
class QTimer;

namespace cs {

// Tells chat, paging and any HTTP receiver what happens to actions (docs/integrations.md): a new
// pending action, its resolution, a refused decision. Each webhook walks the event log from its
// own cursor, in order, one delivery at a time, so the log is its queue: nothing is written on the
// submission path, a restart resumes where the cursor stands (kept in the store), and a slow or
// failing receiver holds back only its own deliveries. A failed delivery is retried with
// exponential backoff; after max_attempts it is given up (deliveryGivenUp, which the gateway
// records as webhook.failed). Bodies are signed with HMAC-SHA256 (X-Countersign-Signature).
//
// It runs on a thread of its own with its own read connection to the store (WAL lets it read
// while the gateway writes): the gateway's thread only tells it that an event was recorded, and
// writes the cursors it reports (progressed) at most once a second, and serves them as metrics.
class WebhookDispatcher : public QObject
{
    Q_OBJECT
public:
    // `toldSeq`: the last event known durable now; the dispatcher delivers no event after the last
    // one it was told of (onEventRecorded), whatever its connection reads (docs/architecture.md,
    // "Group commit").
    WebhookDispatcher(StoreLocation location, QString gatewayId, QList<WebhookConfig> webhooks,
                      const QHash<QString, qint64> &cursors, qint64 toldSeq, QObject *parent = nullptr);
    ~WebhookDispatcher() override;

    // On the dispatcher's thread: opens its connection and delivers what is due.
    void start();
    // After an event is recorded (queued from the gateway's thread): kept, so that a webhook that
    // has caught up reads nothing back from the store.
    void onEventRecorded(const cs::Event &event);

    // The body a webhook is sent for `event` (with the action as it stands), or nothing when it
    // is not for this webhook.
    static std::optional<QByteArray> bodyFor(const WebhookConfig &webhook, const QString &gatewayId, const Event &event,
                                             const Action &action);
    static QByteArray signature(const QByteArray &secret, const QByteArray &body);

    // The cursors as stored, and storing them (on the gateway's connection).
    static QHash<QString, qint64> readCursors(const QSqlDatabase &db, QString *error);
    static void saveCursors(QSqlDatabase db, const QHash<QString, qint64> &cursors);

Q_SIGNALS:
    // Each webhook: {"name","cursor","delivered","failed_attempts","given_up","last_error"}.
    void progressed(const QJsonArray &webhooks);
    void deliveryGivenUp(const QJsonObject &failure);

private:
    struct Target;

    void pump(Target &target);
    // The events after `seq`: those just recorded, or (catching up) from the store.
    QList<Event> eventsAfter(qint64 seq) const;
    // What the webhook is sent about: for a request, the action in the event; else as stored.
    std::optional<Action> actionOf(const Event &event) const;
    void deliver(Target &target, qint64 seq, const QByteArray &body);
    void onDelivered(Target &target, qint64 seq, int status, const QString &error);
    void moveCursor(Target &target, qint64 seq);
    void reportProgress();

    StoreLocation m_location;
    QString m_gatewayId;
    std::vector<std::unique_ptr<Target>> m_targets;
    std::unique_ptr<EventStore> m_store; // read only, this thread's
    std::unique_ptr<QNetworkAccessManager> m_network;
    QTimer *m_reportTimer = nullptr;
    bool m_pumpQueued = false;
    QList<Event> m_recent; // the latest events, in seq order, at most kRecent
    qint64 m_toldSeq = 0;  // the last event known durable
};

} // namespace cs
