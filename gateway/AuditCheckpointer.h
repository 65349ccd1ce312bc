#pragma once

#include "EventStore.h"
#include "audit/AuditChain.h"
#include "util/Clock.h"

#include <QObject>
#include <QTimer>

namespace cs {

// Signs checkpoints over the hash chain with the gateway's own Ed25519 key: after every
// `everyEvents` events and every `everySeconds` while events arrive, a statement "the log up to
// seq N ends in hash H" that a mirror or an auditor checks with the key from GET /v1/gateway.
// The key is made at first start in the data directory (gateway-audit.key, owner-only).
class AuditCheckpointer : public QObject
{
    Q_OBJECT
public:
    static constexpr auto kKeyFile = "gateway-audit.key";

    AuditCheckpointer(EventStore *store, const Clock *clock, QString gatewayId, QByteArray seed, int everyEvents,
                      int everySeconds, QObject *parent = nullptr);

    // The seed in DIR/gateway-audit.key, made (mode 0600) when there is none.
    static std::optional<QByteArray> loadOrCreateKey(const QString &dataDir, QString *error);

    QByteArray publicKey() const { return m_publicKey; }
    int everyEvents() const { return m_everyEvents; }
    int everySeconds() const { return m_everySeconds; }

    void onEventRecorded(const cs::Event &event);
    // Signs a checkpoint at the current head unless the last one already covers it.
    void checkpoint();

private:
    EventStore *m_store;
    const Clock *m_clock;
    QString m_gatewayId;
    QByteArray m_seed;
    QByteArray m_publicKey;
    int m_everyEvents;
    int m_everySeconds;
    int m_sinceLast = 0;
    QTimer m_timer;
};

} // namespace cs
