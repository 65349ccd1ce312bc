#include "ActionService.h"

#include "util/Log.h"
#include "wire/ActionCodec.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace cs {

ActionService::ActionService(EventStore *store, const Clock *clock, Limits limits, QObject *parent)
    : QObject(parent), m_store(store), m_clock(clock), m_limits(limits)
{
    m_expiryTimer.setSingleShot(true);
    m_expiryTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_expiryTimer, &QTimer::timeout, this, &ActionService::expireDue);
}

void ActionService::load()
{
    m_pending.clear();
    for (Action &action : m_store->pendingActions())
        m_pending.insert(action.id, std::move(action));
    qCInfo(lcGateway) << "loaded" << m_pending.size() << "pending actions, head seq" << m_store->headSeq();
    expireDue();
}

WireError ActionService::storageFailure(const QString &detail)
{
    return {ErrorCode::StorageFailure, u"The gateway could not store the change: %1"_s.arg(detail)};
}

std::optional<Action> ActionService::submit(const Principal &initiator, ActionRequest request, WireError *error)
{
    const int ttl = request.ttlSeconds.value_or(m_limits.defaultTtlSeconds);
    if (ttl > m_limits.maxTtlSeconds) {
        *error = {ErrorCode::InvalidField,
                  u"The field 'ttl_seconds' may be at most %1 on this gateway."_s.arg(m_limits.maxTtlSeconds)};
        return std::nullopt;
    }
    Action action;
    action.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    action.initiator = initiator.id;
    action.request = std::move(request);
    action.request.ttlSeconds = ttl;
    action.createdAt = m_clock->now();
    action.expiresAt = action.createdAt.addSecs(ttl);
    action.digest = action.computeDigest();

    QString storeError;
    const auto event = m_store->record(action, Event{0, action.createdAt, EventType::ActionRequested, initiator.id,
                                                     action.id, {{u"action"_s, ActionCodec::toJson(action)}}},
                                       &storeError);
    if (!event) {
        *error = storageFailure(storeError);
        return std::nullopt;
    }
    m_pending.insert(action.id, action);
    armExpiryTimer(action.expiresAt);
    Q_EMIT eventRecorded(*event);
    return action;
}

std::optional<Action> ActionService::cancel(const Principal &who, const QString &actionId, WireError *error)
{
    expireDue();
    const auto action = find(actionId);
    if (!action) {
        *error = {ErrorCode::NotFound, u"There is no action %1."_s.arg(actionId)};
        return std::nullopt;
    }
    if (auto refusal = ActionRules::checkCancel(*action, who, m_clock->now())) {
        *error = *refusal;
        return std::nullopt;
    }
    return resolve(*action, ActionStatus::Cancelled, {who.id, {}, m_clock->now()}, EventType::ActionCancelled,
                   {{u"by"_s, who.id}}, error);
}

std::optional<Action> ActionService::decide(const Principal &decider, const DecisionAttempt &attempt,
                                            WireError *error)
{
    // An action past its deadline is expired first, so the refusal and the log both say so.
    expireDue();
    const auto action = find(attempt.actionId);
    if (!action) {
        *error = {ErrorCode::UnknownAction, u"There is no action %1."_s.arg(attempt.actionId)};
        return std::nullopt;
    }
    if (auto refusal = ActionRules::checkDecision(*action, attempt, decider, m_clock->now())) {
        *error = *refusal;
        recordRefusal(decider, attempt, *refusal);
        return std::nullopt;
    }
    const bool approve = attempt.verdict == Verdict::Approve;
    const QJsonObject payload{{u"verdict"_s, verdictName(attempt.verdict)},
                              {u"reason"_s, attempt.reason},
                              {u"approver"_s, decider.id},
                              {u"action_digest"_s, attempt.actionDigest}};
    return resolve(*action, approve ? ActionStatus::Approved : ActionStatus::Denied,
                   {decider.id, attempt.reason, m_clock->now()},
                   approve ? EventType::ActionApproved : EventType::ActionDenied, payload, error);
}

void ActionService::recordRefusal(const Principal &decider, const DecisionAttempt &attempt,
                                  const WireError &refusal)
{
    QString storeError;
    const auto event = m_store->append(Event{0, m_clock->now(), EventType::DecisionRefused, decider.id,
                                             attempt.actionId,
                                             {{u"verdict"_s, verdictName(attempt.verdict)},
                                              {u"code"_s, refusal.code},
                                              {u"message"_s, refusal.message}}},
                                       &storeError);
    if (event)
        Q_EMIT eventRecorded(*event);
}

std::optional<Action> ActionService::resolve(const Action &action, ActionStatus status, const Resolution &resolution,
                                             const QString &eventType, const QJsonObject &payload, WireError *error)
{
    const Action outcome = ActionRules::resolved(action, status, resolution);
    QString storeError;
    const auto event = m_store->record(
        outcome, Event{0, resolution.at, eventType, resolution.by.isEmpty() ? u"gateway"_s : resolution.by,
                       action.id, payload},
        &storeError);
    if (!event) {
        *error = storageFailure(storeError);
        return std::nullopt;
    }
    // The timer may now fire for nothing; expireDue() then re-arms it for the next deadline.
    m_pending.remove(action.id);
    Q_EMIT eventRecorded(*event);
    Q_EMIT actionResolved(outcome);
    return outcome;
}

void ActionService::expireDue()
{
    const QDateTime now = m_clock->now();
    QList<Action> due;
    for (const Action &action : std::as_const(m_pending)) {
        if (action.isExpiredAt(now))
            due.append(action);
    }
    std::sort(due.begin(), due.end(), [](const Action &a, const Action &b) { return a.expiresAt < b.expiresAt; });
    for (const Action &action : due) {
        WireError error;
        if (!resolve(action, ActionStatus::Expired, {{}, {}, now}, EventType::ActionExpired, {}, &error))
            qCCritical(lcGateway) << "could not expire" << action.id << ":" << error.message;
    }
    m_expiryTimer.stop();
    m_armedFor = QDateTime();
    for (const Action &action : std::as_const(m_pending))
        armExpiryTimer(action.expiresAt);
}

void ActionService::armExpiryTimer(const QDateTime &deadline)
{
    if (m_expiryTimer.isActive() && m_armedFor <= deadline)
        return;
    m_armedFor = deadline;
    const qint64 ms = std::max<qint64>(0, m_clock->now().msecsTo(deadline));
    m_expiryTimer.start(int(std::min<qint64>(ms, 24 * 3600 * 1000)));
}

std::optional<Action> ActionService::find(const QString &actionId) const
{
    const auto it = m_pending.constFind(actionId);
    if (it != m_pending.cend())
        return *it;
    return m_store->action(actionId);
}

QList<Action> ActionService::pending() const
{
    QList<Action> actions = m_pending.values();
    std::sort(actions.begin(), actions.end(), [](const Action &a, const Action &b) { return a.createdAt < b.createdAt; });
    return actions;
}

} // namespace cs
