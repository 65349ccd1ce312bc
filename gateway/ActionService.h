#pragma once

#include "wire/GatewayInfo.h"
#include "EventStore.h"
#include "KeyRegistry.h"
#include "PendingTexts.h"
#include "Policy.h"
#include "domain/ActionRules.h"
#include "signing/SignedDecision.h"
#include "util/Clock.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <algorithm>
#include <deque>
#include <memory>

namespace cs {

class GroupCommit;

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
    // What a signed decision must meet beyond its signature (docs/gateway.md, "signing").
    struct SigningPolicy
    {
        bool requireHardwareKeys = false;
        int maxClockSkewSeconds = 120;
        QString fido2RpId = kDefaultFido2RpId;
    };

    ActionService(EventStore *store, KeyRegistry *keys, const Clock *clock, Limits limits, SigningPolicy policy,
                  QObject *parent = nullptr);

    // Loads the pending actions and expires those whose deadline passed while the gateway was down.
    void load();
    // With group commit the store's commits are durable a little later: events and resolutions
    // are told (eventRecorded, actionResolved) once theirs is, in order. Without, at once.
    void setGroupCommit(GroupCommit *groupCommit);

    // The rules every submission is decided by from now on (docs/policy.md); the built-in policy
    // (one approver for everything) until one is set. Actions already pending keep theirs.
    void setPolicy(std::shared_ptr<const Policy> policy) { m_rules = std::move(policy); }
    // Records a policy event (policy.loaded, policy.rejected) in the log, by the gateway.
    void recordGatewayEvent(const QString &type, const QJsonObject &payload);
    const Policy &policy() const { return *m_rules; }

    // An agent's Idempotency-Key and the SHA-256 of the request body it came with.
    struct Idempotency
    {
        QString key;
        QString requestSha256;
    };
    // Records a new action. With `idempotency`, a retry of the same request under the same key
    // gets the action the first one made (`replayed` set) instead of a second action; the same key
    // with another request is refused (idempotency_key_reused).
    std::optional<Action> submit(const Principal &initiator, ActionRequest request, WireError *error,
                                 const std::optional<Idempotency> &idempotency = {}, bool *replayed = nullptr);
    std::optional<Action> cancel(const Principal &who, const QString &actionId, WireError *error);
    // Takes back `who`'s approval of a pending action that waits for more (action.approval_withdrawn).
    std::optional<Action> withdrawApproval(const Principal &who, const QString &actionId, WireError *error);
    // Records how an approved action ran (execution.reported), as its initiator says.
    std::optional<Action> reportExecution(const Principal &who, const QString &actionId, Execution execution,
                                          WireError *error);
    // Counts a decision only when its signature verifies under an approved key of the decider and
    // every rule holds; each refusal is recorded as a decision.refused event. docs/protocol.md
    // lists the checks in the order they run.
    std::optional<Action> decide(const Principal &decider, const SignedDecision &decision,
                                 const SignatureRecord &signature, WireError *error);
    // The accepted signed decision on `actionId`: its event, or nothing while none was accepted.
    std::optional<Event> acceptedDecision(const QString &actionId) const;
    // Records a decision attempt that could not even be read (unsigned, malformed) or names no
    // known action, as a decision.refused event: the log shows every attempt, not only the readable.
    void refuseUnreadableDecision(const Principal &decider, const QString &actionId, const WireError &refusal);
    const SigningPolicy &signingPolicy() const { return m_policy; }

    // Enrolls a key for `owner`, pending an operator's approval; the event reaches the feed.
    std::optional<KeyRecord> enrollKey(const Principal &owner, const KeyEnrollment &enrollment, WireError *error);
    const KeyRegistry &keys() const { return *m_keys; }

    std::optional<Action> find(const QString &actionId) const;
    QList<Action> pending() const;
    qsizetype pendingCount() const;
    // The pending actions' feed JSON (FeedMessages::actionText), oldest first: made once per action.
    QList<QByteArray> pendingTexts() const;
    // One pending action's; empty for an action that is not pending.
    QByteArray pendingText(const QString &actionId) const { return m_pendingTexts.value(actionId); }
    qint64 headSeq() const { return m_store->headSeq(); }
    QList<Event> eventsAfter(qint64 seq, int limit) const { return m_store->eventsAfter(seq, limit); }

    // Expires every pending action whose deadline has passed; the timer calls it, tests may too.
    void expireDue();
    // Takes in what others appended to the log (the other replicas on PostgreSQL, `key approve`
    // on SQLite): the pending actions change as the events say, and each event is told as if it
    // had been recorded here. The gateway calls it when the store notifies and now and then.
    void follow();
    // Every event up to `seq` is durable (another replica's sync said so): those that follow()
    // takes in are told without a sync of this gateway's own.
    void othersDurableUpTo(qint64 seq) { m_othersDurableSeq = std::max(m_othersDurableSeq, seq); }

Q_SIGNALS:
    // Every event, in seq order, once it is durable (its commit, with group commit).
    void eventRecorded(const cs::Event &event);
    // An action left pending (approved, denied, expired or cancelled).
    void actionResolved(const cs::Action &action);

private:
    static constexpr int kStaleAttempts = 16;
    // Runs `op`, which decides on the log as this gateway knows it and appends to it. When the
    // append was refused as stale (another writer appended first), takes in what they appended
    // and runs `op` again: so every decision is made on the log as it stands when it is appended.
    // The stale write kept the head locked, so the second attempt finds it where it was read.
    template <typename Op> auto againIfStale(Op op) -> decltype(op())
    {
        for (int attempt = 1;; ++attempt) {
            m_store->forgetStale();
            if constexpr (std::is_void_v<decltype(op())>) {
                op();
                if (!m_store->lastWriteStale() || attempt == kStaleAttempts)
                    return m_store->releaseHead();
            } else {
                auto result = op();
                if (!m_store->lastWriteStale() || attempt == kStaleAttempts) {
                    m_store->releaseHead();
                    return result;
                }
            }
            follow(); // under the head's lock, which the stale write kept
        }
    }
    void takeIn(const EventStore::Appended &appended);
    // Tells of an event (and of the action it resolved) now, or once its commit is durable.
    void announce(const Event &event, const std::optional<Action> &resolved = std::nullopt);
    void onAbandoned(quint64 count);
    void onDurable(quint64 count);
    std::optional<Action> resolve(const Action &action, ActionStatus status, const Resolution &resolution,
                                  const QString &eventType, const QJsonObject &payload, WireError *error,
                                  const EventStore::Extra &extra = {});
    void recordRefusal(const Principal &decider, const SignedDecision &decision, const WireError &refusal);
    void appendRefusal(const Principal &decider, const QString &actionId, const QJsonObject &payload);
    // The checks on the key and the signature, before the action's own rules.
    // Records an action the policy allowed or denied at once, never pending.
    std::optional<Action> settleByPolicy(const Principal &initiator, Action action, const PolicyVerdict &verdict,
                                         const EventStore::Extra &extra, WireError *error);
    // Records a change of a pending action's approvals; the action stays pending.
    std::optional<Action> updateApprovals(const Action &action, const QString &eventType, const QString &actor,
                                          const QJsonObject &payload, WireError *error, const EventStore::Extra &extra);
    static QJsonObject progressJson(const Quorum::Progress &progress);
    // What the action's rule asks of whoever decides it: their group, a hardware key.
    std::optional<WireError> checkRequirement(const Action &action, const Principal &decider,
                                              const QString &keyId) const;
    std::optional<WireError> checkSignature(const Principal &decider, const SignedDecision &decision,
                                            const SignatureRecord &signature) const;
    // Makes sure the timer fires no later than `deadline`.
    void armExpiryTimer(const QDateTime &deadline);
    static WireError storageFailure(const QString &detail);

    EventStore *m_store;
    KeyRegistry *m_keys;
    const Clock *m_clock;
    Limits m_limits;
    SigningPolicy m_policy;
    std::shared_ptr<const Policy> m_rules = std::make_shared<const Policy>();
    QHash<QString, Action> m_pending;
    PendingTexts m_pendingTexts; // FeedMessages::actionText of each pending action
    QTimer m_expiryTimer;
    QDateTime m_armedFor;
    struct Announcement
    {
        quint64 commit; // told once this commit is durable
        Event event;
        std::optional<Action> resolved;
    };
    GroupCommit *m_groupCommit = nullptr;
    qint64 m_othersDurableSeq = 0; // othersDurableUpTo()
    std::deque<Announcement> m_undurable;
};

} // namespace cs
