#include "ActionService.h"

#include "wire/FeedMessages.h"

#include "signing/DecisionVerifier.h"
#include "util/Log.h"
#include "wire/ActionCodec.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace cs {

ActionService::ActionService(EventStore *store, KeyRegistry *keys, const Clock *clock, Limits limits,
                             SigningPolicy policy, QObject *parent)
    : QObject(parent), m_store(store), m_keys(keys), m_clock(clock), m_limits(limits), m_policy(std::move(policy))
{
    m_expiryTimer.setSingleShot(true);
    m_expiryTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_expiryTimer, &QTimer::timeout, this, &ActionService::expireDue);
}

void ActionService::load()
{
    m_pending.clear();
    m_pendingTexts.clear();
    for (Action &action : m_store->pendingActions()) {
        m_pendingTexts.insert(action.id, FeedMessages::actionText(action));
        m_pending.insert(action.id, std::move(action));
    }
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
    if (action.digest.isEmpty()) {
        *error = {ErrorCode::InvalidField,
                  u"The request has no canonical JSON form (RFC 8785), so it cannot be signed."_s};
        return std::nullopt;
    }

    QString storeError;
    const auto event = m_store->record(action,
                                       Event{0,
                                             action.createdAt,
                                             EventType::ActionRequested,
                                             initiator.id,
                                             action.id,
                                             {{u"action"_s, ActionCodec::toJson(action)}}},
                                       &storeError);
    if (!event) {
        *error = storageFailure(storeError);
        return std::nullopt;
    }
    m_pending.insert(action.id, action);
    m_pendingTexts.insert(action.id, FeedMessages::actionText(action));
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

std::optional<Action> ActionService::reportExecution(const Principal &who, const QString &actionId, Execution execution,
                                                     WireError *error)
{
    auto action = find(actionId);
    if (!action) {
        *error = {ErrorCode::NotFound, u"There is no action %1."_s.arg(actionId)};
        return std::nullopt;
    }
    if (auto refusal = ActionRules::checkExecution(*action, who)) {
        *error = *refusal;
        return std::nullopt;
    }
    execution.at = m_clock->now();
    action->execution = execution;
    QJsonObject payload = ActionCodec::toJson(execution);
    payload.remove(u"at"_s); // the event's time
    QString storeError;
    const auto event = m_store->record(
        *action, Event{0, execution.at, EventType::ExecutionReported, who.id, action->id, payload}, &storeError);
    if (!event) {
        *error = storageFailure(storeError);
        return std::nullopt;
    }
    Q_EMIT eventRecorded(*event);
    return action;
}

std::optional<Action> ActionService::decide(const Principal &decider, const SignedDecision &decision,
                                            const SignatureRecord &signature, WireError *error)
{
    // An action past its deadline is expired first, so the refusal and the log both say so.
    expireDue();
    const auto action = find(decision.actionId);
    if (!action) {
        *error = {ErrorCode::UnknownAction, u"There is no action %1."_s.arg(decision.actionId)};
        refuseUnreadableDecision(decider, decision.actionId, *error);
        return std::nullopt;
    }
    std::optional<WireError> refusal = checkSignature(decider, decision, signature);
    if (!refusal)
        refusal = ActionRules::checkDecision(*action, decision.attempt(), decider, m_clock->now());
    if (refusal) {
        *error = *refusal;
        recordRefusal(decider, decision, *refusal);
        return std::nullopt;
    }
    const bool approve = decision.verdict == Verdict::Approve;
    const QJsonObject payload{{u"verdict"_s, verdictName(decision.verdict)},
                              {u"reason"_s, decision.reason},
                              {u"approver"_s, decider.id},
                              {u"action_digest"_s, decision.actionDigest},
                              {u"key_id"_s, decision.keyId},
                              {u"decision"_s, decision.toJson()},
                              {u"signature"_s, signature.toJson()}};
    return resolve(*action, approve ? ActionStatus::Approved : ActionStatus::Denied,
                   {decider.id, decision.reason, m_clock->now()},
                   approve ? EventType::ActionApproved : EventType::ActionDenied, payload, error,
                   m_keys->rememberNonce(decision.nonce, decision.keyId));
}

std::optional<WireError> ActionService::checkSignature(const Principal &decider, const SignedDecision &decision,
                                                       const SignatureRecord &signature) const
{
    if (!decider.mayDecide()) {
        return WireError{ErrorCode::NotApprover, u"The role %1 may not decide actions."_s.arg(roleName(decider.role))};
    }
    if (decision.approver != decider.id) {
        return WireError{ErrorCode::ApproverMismatch, u"The decision is signed for approver %1, but you are %2."_s.arg(
                                                          decision.approver, decider.id)};
    }
    const auto key = m_keys->find(decision.keyId);
    if (!key)
        return WireError{ErrorCode::UnknownKey, u"The key %1 is not enrolled on this gateway."_s.arg(decision.keyId)};
    if (key->owner != decider.id)
        return WireError{ErrorCode::KeyNotOwned, u"The key %1 belongs to another approver."_s.arg(key->id)};
    if (key->status == KeyStatus::Pending) {
        return WireError{
            ErrorCode::KeyNotApproved,
            u"The key %1 waits for an operator's approval (countersign-gateway key approve)."_s.arg(key->id)};
    }
    if (key->status != KeyStatus::Approved)
        return WireError{ErrorCode::KeyRevoked, u"The key %1 has been revoked."_s.arg(key->id)};
    if (m_policy.requireHardwareKeys && key->assurance != Assurance::Hardware) {
        return WireError{ErrorCode::SoftwareKeyRefused,
                         u"This gateway accepts only hardware keys; %1 is a software key."_s.arg(key->id)};
    }
    if (auto invalid = DecisionVerifier::check(decision, signature, *key, m_policy.fido2RpId))
        return invalid;
    const qint64 skew = std::abs(decision.signedAtTime().secsTo(m_clock->now()));
    if (skew > m_policy.maxClockSkewSeconds) {
        return WireError{ErrorCode::ClockSkew,
                         u"The decision was signed at %1, %2 s from the gateway's clock (at most %3 s allowed)."_s
                             .arg(decision.signedAt)
                             .arg(skew)
                             .arg(m_policy.maxClockSkewSeconds)};
    }
    if (m_keys->nonceSeen(decision.nonce)) {
        return WireError{ErrorCode::ReplayedNonce,
                         u"This signed decision was already used (nonce %1); sign a new one."_s.arg(decision.nonce)};
    }
    return std::nullopt;
}

void ActionService::recordRefusal(const Principal &decider, const SignedDecision &decision, const WireError &refusal)
{
    appendRefusal(decider, decision.actionId,
                  {{u"verdict"_s, verdictName(decision.verdict)},
                   {u"key_id"_s, decision.keyId},
                   {u"nonce"_s, decision.nonce},
                   {u"code"_s, refusal.code},
                   {u"message"_s, refusal.message}});
}

void ActionService::refuseUnreadableDecision(const Principal &decider, const QString &actionId,
                                             const WireError &refusal)
{
    // Only an action the gateway knows is named in the event; the attempt is recorded either way.
    const bool known = find(actionId).has_value();
    appendRefusal(decider, known ? actionId : QString(),
                  {{u"requested_action_id"_s, actionId}, {u"code"_s, refusal.code}, {u"message"_s, refusal.message}});
}

void ActionService::appendRefusal(const Principal &decider, const QString &actionId, const QJsonObject &payload)
{
    QString storeError;
    const auto event = m_store->append(
        Event{0, m_clock->now(), EventType::DecisionRefused, decider.id, actionId, payload}, &storeError);
    if (event)
        Q_EMIT eventRecorded(*event);
}

std::optional<KeyRecord> ActionService::enrollKey(const Principal &owner, const KeyEnrollment &enrollment,
                                                  WireError *error)
{
    if (!owner.mayDecide()) {
        *error = {ErrorCode::ForbiddenRole, u"Only approvers enroll signing keys."_s};
        return std::nullopt;
    }
    const auto enrolled = m_keys->enroll(owner.id, enrollment, error);
    if (!enrolled)
        return std::nullopt;
    Q_EMIT eventRecorded(enrolled->second);
    return enrolled->first;
}

std::optional<Event> ActionService::acceptedDecision(const QString &actionId) const
{
    for (const Event &event : m_store->eventsOf(actionId)) {
        if ((event.type == EventType::ActionApproved || event.type == EventType::ActionDenied) &&
            event.payload.contains(u"signature"_s))
            return event;
    }
    return std::nullopt;
}

std::optional<Action> ActionService::resolve(const Action &action, ActionStatus status, const Resolution &resolution,
                                             const QString &eventType, const QJsonObject &payload, WireError *error,
                                             const EventStore::Extra &extra)
{
    const Action outcome = ActionRules::resolved(action, status, resolution);
    QString storeError;
    const auto event = m_store->write(
        &outcome,
        Event{0, resolution.at, eventType, resolution.by.isEmpty() ? u"gateway"_s : resolution.by, action.id, payload},
        extra, &storeError);
    if (!event) {
        *error = storageFailure(storeError);
        return std::nullopt;
    }
    // The timer may now fire for nothing; expireDue() then re-arms it for the next deadline.
    m_pending.remove(action.id);
    m_pendingTexts.remove(action.id);
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

QList<QByteArray> ActionService::pendingTexts() const
{
    QList<const Action *> order;
    order.reserve(m_pending.size());
    for (const Action &action : m_pending)
        order.append(&action);
    std::sort(order.begin(), order.end(), [](const Action *a, const Action *b) { return a->createdAt < b->createdAt; });
    QList<QByteArray> texts;
    texts.reserve(order.size());
    for (const Action *action : std::as_const(order))
        texts.append(m_pendingTexts.value(action->id));
    return texts;
}

QList<Action> ActionService::pending() const
{
    QList<Action> actions = m_pending.values();
    std::sort(actions.begin(), actions.end(),
              [](const Action &a, const Action &b) { return a.createdAt < b.createdAt; });
    return actions;
}

} // namespace cs
