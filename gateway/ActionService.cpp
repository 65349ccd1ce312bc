#include "ActionService.h"

#include "ActionIds.h"
#include "GroupCommit.h"

#include "wire/FeedMessages.h"

#include "util/Log.h"
#include "wire/ActionCodec.h"

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

void ActionService::setGroupCommit(GroupCommit *groupCommit)
{
    m_groupCommit = groupCommit;
    connect(groupCommit, &GroupCommit::durable, this, &ActionService::onDurable);
    connect(groupCommit, &GroupCommit::abandoned, this, &ActionService::onAbandoned);
}

void ActionService::onAbandoned(quint64 count)
{
    // The store rolled back what was written for this commit: nobody hears of it, and the
    // pending actions are the store's again.
    while (!m_undurable.empty() && m_undurable.back().commit >= count)
        m_undurable.pop_back();
    load();
}

void ActionService::announce(const Event &event, const std::optional<Action> &resolved)
{
    if (m_groupCommit && !m_groupCommit->settled()) {
        m_undurable.push_back({m_groupCommit->committedCount(), event, resolved});
        return;
    }
    if (m_groupCommit)
        onDurable(m_groupCommit->durableCount()); // whatever waits goes first
    Q_EMIT eventRecorded(event);
    if (resolved)
        Q_EMIT actionResolved(*resolved);
}

void ActionService::onDurable(quint64 count)
{
    while (!m_undurable.empty() && m_undurable.front().commit <= count) {
        const Announcement told = std::move(m_undurable.front());
        m_undurable.pop_front();
        Q_EMIT eventRecorded(told.event);
        if (told.resolved)
            Q_EMIT actionResolved(*told.resolved);
    }
}

void ActionService::load()
{
    m_pending.clear();
    m_pendingTexts.clear();
    for (Action &action : m_store->pendingActions()) {
        m_pendingTexts.insert(action, FeedMessages::actionText(action));
        m_pending.emplace(action.id, std::move(action));
    }
    qCInfo(lcGateway) << "loaded" << m_pending.size() << "pending actions, head seq" << m_store->headSeq();
    expireDue();
}

void ActionService::follow()
{
    takeIn(m_store->appendedByOthers());
}

void ActionService::takeIn(const EventStore::Appended &appended)
{
    const QList<Event> &events = appended.events;
    if (events.isEmpty())
        return;
    // Another writer's commit may not be durable yet (PostgreSQL's replicas commit without
    // waiting for the disk): unless its sync said so already, the next sync here covers it, and it
    // is told once that is done.
    if (m_groupCommit && events.constLast().seq > m_othersDurableSeq) {
        if (QString error; !m_groupCommit->closeNow(&error)) // counted before the others'
            qCCritical(lcGateway).noquote() << "the open writes were not stored:" << error;
        m_groupCommit->committedElsewhere();
    }
    QHash<QString, qsizetype> lastOf; // each action's last event in `events`
    for (qsizetype i = 0; i < events.size(); ++i)
        lastOf.insert(events[i].actionId, i);
    for (qsizetype i = 0; i < events.size(); ++i) {
        const Event &event = events[i];
        std::optional<Action> resolved;
        // The action's row as it stands after all of `events`; what counts is its last one.
        if (!event.actionId.isEmpty() && lastOf.value(event.actionId) == i) {
            // Written by the replica that appended the event, with the row's canonical text.
            const auto row = appended.actions.constFind(event.actionId);
            if (row != appended.actions.cend() && row->action.isPending()) {
                m_pendingTexts.insert(row->action, row->text);
                armExpiryTimer(row->action.expiresAt);
                m_pending.insert(row->action.id, row->action);
            } else if (row != appended.actions.cend()) {
                m_pending.remove(row->action.id);
                m_pendingTexts.remove(row->action.id);
                resolved = row->action;
            }
        }
        announce(event, resolved);
    }
}

WireError ActionService::storageFailure(const QString &detail)
{
    return {ErrorCode::StorageFailure, u"The gateway could not store the change: %1"_s.arg(detail)};
}

std::optional<Action> ActionService::submit(const Principal &initiator, ActionRequest request, WireError *error,
                                            const std::optional<Idempotency> &idempotency, bool *replayed)
{
    return againIfStale([&]() -> std::optional<Action> {
        if (idempotency) {
            if (const auto earlier = m_store->idempotent(initiator.id, idempotency->key)) {
                if (earlier->requestSha256 != idempotency->requestSha256) {
                    *error = {ErrorCode::IdempotencyKeyReused,
                              u"The Idempotency-Key %1 was used for another request (action %2)."_s.arg(
                                  idempotency->key, earlier->actionId)};
                    return std::nullopt;
                }
                if (replayed)
                    *replayed = true;
                return find(earlier->actionId);
            }
        }
        const PolicyVerdict verdict = m_rules->evaluate(initiator.id, request);
        const Requirement &requirement = verdict.requirement;
        const bool needsHumans = verdict.outcome == PolicyRule::Outcome::Require;
        if (needsHumans && !requirement.justification.pattern().isEmpty() &&
            !requirement.justification.match(request.justification).hasMatch()) {
            *error = {ErrorCode::JustificationRejected, requirement.justificationMessage};
            return std::nullopt;
        }
        if (request.ttlSeconds && *request.ttlSeconds > m_limits.maxTtlSeconds) {
            *error = {ErrorCode::InvalidField,
                      u"The field 'ttl_seconds' may be at most %1 on this gateway."_s.arg(m_limits.maxTtlSeconds)};
            return std::nullopt;
        }
        // A rule's TTL is the default and the longest an action it matches may wait.
        int ttl = request.ttlSeconds.value_or(requirement.ttlSeconds.value_or(m_limits.defaultTtlSeconds));
        if (needsHumans && requirement.ttlSeconds)
            ttl = std::min(ttl, *requirement.ttlSeconds);
        Action action;
        action.createdAt = m_clock->now();
        action.id = timeOrderedActionId(action.createdAt.toMSecsSinceEpoch());
        action.initiator = initiator.id;
        action.request = request; // not moved: a stale attempt runs again
        action.request.ttlSeconds = ttl;
        if (needsHumans && requirement.urgency) // at least the rule's: an agent cannot play an action down
            action.request.urgency = std::max(action.request.urgency, *requirement.urgency);
        action.expiresAt = action.createdAt.addSecs(ttl);
        action.policy = ActionPolicy{verdict.rule, needsHumans ? requirement.quorum.toString() : QString(),
                                     needsHumans && requirement.hardwareKey,
                                     needsHumans ? requirement.useWithinSeconds : std::nullopt, verdict.notify};
        action.digest = action.computeDigest();
        if (action.digest.isEmpty()) {
            *error = {ErrorCode::InvalidField,
                      u"The request has no canonical JSON form (RFC 8785), so it cannot be signed."_s};
            return std::nullopt;
        }
        const EventStore::Extra remember =
            idempotency
                ? m_store->rememberIdempotency(initiator.id, idempotency->key, {action.id, idempotency->requestSha256})
                : EventStore::Extra();
        if (!needsHumans)
            return settleByPolicy(initiator, std::move(action), verdict, remember, error);

        // Encoded once: the event holds it, the action's row and the consoles' snapshot its text,
        // and the event's canonical form is joined from that text.
        const QJsonObject json = ActionCodec::toJson(action);
        const QByteArray text = FeedMessages::actionText(json);
        QString storeError;
        const auto event = m_store->write(
            &action,
            Event{0, action.createdAt, EventType::ActionRequested, initiator.id, action.id, {{u"action"_s, json}}},
            remember, &storeError, text, "{\"action\":" + text + '}');
        if (!event) {
            *error = storageFailure(storeError);
            return std::nullopt;
        }
        m_pending.insert(action.id, action);
        m_pendingTexts.insert(action, text);
        armExpiryTimer(action.expiresAt);
        announce(*event);
        return action;
    });
}

std::optional<Action> ActionService::settleByPolicy(const Principal &initiator, Action action,
                                                    const PolicyVerdict &verdict, const EventStore::Extra &extra,
                                                    WireError *error)
{
    // One event holds the whole action and the rule: it is never pending, so no console shows it
    // as waiting and no one is notified of it.
    const bool allow = verdict.outcome == PolicyRule::Outcome::Allow;
    action.status = allow ? ActionStatus::Allowed : ActionStatus::Denied;
    action.resolution =
        Resolution{u"policy"_s, allow ? u"allowed by rule %1"_s.arg(verdict.rule) : verdict.message, action.createdAt};
    QJsonObject payload{{u"action"_s, ActionCodec::toJson(action)},
                        {u"rule"_s, verdict.rule},
                        {u"verdict"_s, allow ? u"allow"_s : u"deny"_s}};
    if (!allow)
        payload.insert(u"message"_s, verdict.message);
    QString storeError;
    const auto event =
        m_store->write(&action,
                       Event{0, action.createdAt, allow ? EventType::ActionAllowed : EventType::ActionPolicyDenied,
                             initiator.id, action.id, payload},
                       extra, &storeError);
    if (!event) {
        *error = storageFailure(storeError);
        return std::nullopt;
    }
    announce(*event);
    return action;
}

std::optional<Action> ActionService::cancel(const Principal &who, const QString &actionId, WireError *error)
{
    return againIfStale([&]() -> std::optional<Action> {
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
    });
}

std::optional<Action> ActionService::reportExecution(const Principal &who, const QString &actionId, Execution execution,
                                                     WireError *error)
{
    return againIfStale([&]() -> std::optional<Action> {
        auto action = find(actionId);
        if (!action) {
            *error = {ErrorCode::NotFound, u"There is no action %1."_s.arg(actionId)};
            return std::nullopt;
        }
        if (auto refusal = ActionRules::checkExecution(*action, who, execution)) {
            *error = *refusal;
            return std::nullopt;
        }
        // An approval may be used within the rule's use_within only; a late first report (the claim
        // before running, or a final report alone) is refused, and the refusal recorded. A final
        // report after an accepted claim may come later: the command was started in time.
        if (!action->execution && action->policy && action->policy->useWithinSeconds && action->resolution &&
            action->resolution->at.addSecs(*action->policy->useWithinSeconds) < m_clock->now()) {
            *error = {ErrorCode::ApprovalExpired,
                      u"Action %1 was approved at %2; rule %3 lets it run within %4 s of that only."_s
                          .arg(action->id, formatTime(action->resolution->at), action->policy->rule)
                          .arg(*action->policy->useWithinSeconds)};
            QString storeError;
            const auto event = m_store->append(Event{0,
                                                     m_clock->now(),
                                                     EventType::ExecutionRefused,
                                                     who.id,
                                                     action->id,
                                                     {{u"code"_s, error->code}, {u"message"_s, error->message}}},
                                               &storeError);
            if (event)
                announce(*event);
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
        announce(*event);
        return action;
    });
}

std::optional<Action> ActionService::decide(const Principal &decider, const SignedDecision &decision,
                                            const SignatureRecord &signature, WireError *error)
{
    return againIfStale([&]() -> std::optional<Action> {
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
        if (!refusal)
            refusal = checkRequirement(*action, decider, decision.keyId);
        if (!refusal && decision.verdict == Verdict::Approve && action->approvedBy(decider.id))
            refusal =
                WireError{ErrorCode::AlreadyApproved,
                          u"%1 has approved action %2 already; one human counts once."_s.arg(decider.id, action->id)};
        if (refusal) {
            *error = *refusal;
            recordRefusal(decider, decision, *refusal);
            return std::nullopt;
        }
        const bool approve = decision.verdict == Verdict::Approve;
        QJsonObject payload{{u"verdict"_s, verdictName(decision.verdict)},
                            {u"reason"_s, decision.reason},
                            {u"approver"_s, decider.id},
                            {u"action_digest"_s, decision.actionDigest},
                            {u"key_id"_s, decision.keyId},
                            {u"decision"_s, decision.toJson()},
                            {u"signature"_s, signature.toJson()}};
        const EventStore::Extra nonce = m_keys->rememberNonce(decision.nonce, decision.keyId);
        if (!approve) // any deny settles the action, whatever approvals it had
            return resolve(*action, ActionStatus::Denied, {decider.id, decision.reason, m_clock->now()},
                           EventType::ActionDenied, payload, error, nonce);
        Action approved = *action;
        approved.approvals.append({decider.id, decider.groups, decision.keyId, m_clock->now()});
        payload.insert(u"approvals"_s, ActionCodec::toJson(approved.approvals));
        const Quorum::Progress progress = approved.approvalProgress();
        if (progress.have < progress.needed) {
            payload.insert(u"progress"_s, progressJson(progress));
            return updateApprovals(approved, EventType::ApprovalRecorded, decider.id, payload, error, nonce);
        }
        return resolve(approved, ActionStatus::Approved, {decider.id, decision.reason, m_clock->now()},
                       EventType::ActionApproved, payload, error, nonce);
    });
}

std::optional<Action> ActionService::withdrawApproval(const Principal &who, const QString &actionId, WireError *error)
{
    return againIfStale([&]() -> std::optional<Action> {
        expireDue();
        const auto action = find(actionId);
        if (!action || (who.role == Role::Agent && who.id != action->initiator)) {
            *error = {ErrorCode::UnknownAction, u"There is no action %1."_s.arg(actionId)};
            return std::nullopt;
        }
        if (!action->isPending()) {
            *error = {ErrorCode::NotPending,
                      u"Action %1 is %2: an approval can be withdrawn only while it waits."_s.arg(
                          action->id, statusName(action->status))};
            return std::nullopt;
        }
        if (!action->approvedBy(who.id)) {
            *error = {ErrorCode::NoApproval, u"%1 has no approval of action %2 to withdraw."_s.arg(who.id, action->id)};
            return std::nullopt;
        }
        Action withdrawn = *action;
        withdrawn.approvals.removeIf([&who](const Approval &approval) { return approval.approver == who.id; });
        const QJsonObject payload{{u"approver"_s, who.id},
                                  {u"approvals"_s, ActionCodec::toJson(withdrawn.approvals)},
                                  {u"progress"_s, progressJson(withdrawn.approvalProgress())}};
        return updateApprovals(withdrawn, EventType::ApprovalWithdrawn, who.id, payload, error, {});
    });
}

QJsonObject ActionService::progressJson(const Quorum::Progress &progress)
{
    return {{u"have"_s, progress.have},
            {u"needed"_s, progress.needed},
            {u"waiting_for"_s, progress.missing().join(u" AND "_s)}};
}

std::optional<Action> ActionService::updateApprovals(const Action &action, const QString &eventType,
                                                     const QString &actor, const QJsonObject &payload, WireError *error,
                                                     const EventStore::Extra &extra)
{
    const QByteArray text = FeedMessages::actionText(action);
    QString storeError;
    const auto event = m_store->write(&action, Event{0, m_clock->now(), eventType, actor, action.id, payload}, extra,
                                      &storeError, text);
    if (!event) {
        *error = storageFailure(storeError);
        return std::nullopt;
    }
    m_pending.insert(action.id, action);
    m_pendingTexts.insert(action, text);
    announce(*event);
    return action;
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
    againIfStale([&]() -> void {
        // Only an action the gateway knows is named in the event; the attempt is recorded either way.
        const bool known = find(actionId).has_value();
        appendRefusal(
            decider, known ? actionId : QString(),
            {{u"requested_action_id"_s, actionId}, {u"code"_s, refusal.code}, {u"message"_s, refusal.message}});
    });
}

void ActionService::recordGatewayEvent(const QString &type, const QJsonObject &payload)
{
    againIfStale([&]() -> void {
        QString storeError;
        const auto event = m_store->append(Event{0, m_clock->now(), type, u"gateway"_s, {}, payload}, &storeError);
        if (event)
            announce(*event);
        else
            qCWarning(lcGateway) << "could not record" << type << ":" << storeError;
    });
}

void ActionService::appendRefusal(const Principal &decider, const QString &actionId, const QJsonObject &payload)
{
    QString storeError;
    const auto event = m_store->append(
        Event{0, m_clock->now(), EventType::DecisionRefused, decider.id, actionId, payload}, &storeError);
    if (event)
        announce(*event);
}

std::optional<KeyRecord> ActionService::enrollKey(const Principal &owner, const KeyEnrollment &enrollment,
                                                  WireError *error)
{
    return againIfStale([&]() -> std::optional<KeyRecord> {
        if (!owner.mayDecide()) {
            *error = {ErrorCode::ForbiddenRole, u"Only approvers enroll signing keys."_s};
            return std::nullopt;
        }
        const auto enrolled = m_keys->enroll(owner.id, enrollment, error);
        if (!enrolled)
            return std::nullopt;
        announce(enrolled->second);
        return enrolled->first;
    });
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
    announce(*event, outcome);
    return outcome;
}

void ActionService::expireDue()
{
    againIfStale([&]() -> void {
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
    });
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
    return m_pendingTexts.inOrder();
}

qsizetype ActionService::pendingCount() const
{
    return m_pending.size();
}

QList<Action> ActionService::pending() const
{
    QList<Action> actions = m_pending.values();
    std::sort(actions.begin(), actions.end(),
              [](const Action &a, const Action &b) { return a.createdAt < b.createdAt; });
    return actions;
}

} // namespace cs
