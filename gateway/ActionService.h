#pragma once

#include "EventStore.h"
#include "domain/ActionRules.h"
#include "util/Clock.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace cs {

// Runs every action through its state machine and records each step in the EventStore before
// anyone hears of it. Keeps the pending actions in memory (derived from the store at start) and
// expires them on time. The HTTP API and the feed hub call it; it knows neither.
class ActionService : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        int defaultTtlSeconds = 900;
        int maxTtlSeconds = 86400;
    };

    ActionService(EventStore *store, const Clock *clock, Limits limits, QObject *parent = nullptr);

    // Loads the pending actions and expires those whose deadline passed while the gateway was down.
    void load();

    std::optional<Action> submit(const Principal &initiator, ActionRequest request, WireError *error);
    std::optional<Action> cancel(const Principal &who, const QString &actionId, WireError *error);
    std::optional<Action> decide(const Principal &decider, const DecisionAttempt &attempt, WireError *error);

    std::optional<Action> find(const QString &actionId) const;
    QList<Action> pending() const;
    qint64 headSeq() const { return m_store->headSeq(); }
    QList<Event> eventsAfter(qint64 seq, int limit) const { return m_store->eventsAfter(seq, limit); }

    // Expires every pending action whose deadline has passed; the timer calls it, tests may too.
    void expireDue();

Q_SIGNALS:
    // Every event, in seq order, once it is durable.
    void eventRecorded(const cs::Event &event);
    // An action left pending (approved, denied, expired or cancelled).
    void actionResolved(const cs::Action &action);

private:
    std::optional<Action> resolve(const Action &action, ActionStatus status, const Resolution &resolution,
                                  const QString &eventType, const QJsonObject &payload, WireError *error);
    void recordRefusal(const Principal &decider, const DecisionAttempt &attempt, const WireError &refusal);
    // Makes sure the timer fires no later than `deadline`.
    void armExpiryTimer(const QDateTime &deadline);
    static WireError storageFailure(const QString &detail);

    EventStore *m_store;
    const Clock *m_clock;
    Limits m_limits;
    QHash<QString, Action> m_pending;
    QTimer m_expiryTimer;
    QDateTime m_armedFor;
};

} // namespace cs
