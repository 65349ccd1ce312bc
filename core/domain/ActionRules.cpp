#include "ActionRules.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace cs {

QString verdictName(Verdict verdict)
{
    return verdict == Verdict::Approve ? u"approve"_s : u"deny"_s;
}

std::optional<Verdict> verdictFromName(QStringView name)
{
    if (name == u"approve")
        return Verdict::Approve;
    if (name == u"deny")
        return Verdict::Deny;
    return std::nullopt;
}

namespace ActionRules {

namespace {
WireError error(const QString &code, const QString &message)
{
    return WireError{code, message};
}
} // namespace

std::optional<WireError> checkDecision(const Action &action, const DecisionAttempt &attempt, const Principal &decider,
                                       const QDateTime &now)
{
    if (!decider.mayDecide())
        return error(ErrorCode::NotApprover, u"Only approvers may decide actions; %1 has the role %2."_s.arg(
                                                 decider.id, roleName(decider.role)));
    if (action.status == ActionStatus::Expired || (action.isPending() && action.isExpiredAt(now)))
        return error(ErrorCode::Expired,
                     u"Action %1 expired at %2."_s.arg(action.id, action.expiresAt.toUTC().toString(Qt::ISODate)));
    if (!action.isPending())
        return error(ErrorCode::NotPending, u"Action %1 was already %2."_s.arg(action.id, statusName(action.status)));
    if (attempt.actionDigest != action.digest)
        return error(ErrorCode::DigestMismatch,
                     u"The decision is for a different version of action %1 than the one stored."_s.arg(action.id));
    if (decider.id == action.initiator)
        return error(ErrorCode::SelfApproval,
                     u"%1 requested action %2 and may not decide it."_s.arg(decider.id, action.id));
    if (!action.request.onBehalfOf.isEmpty() && decider.id == action.request.onBehalfOf)
        return error(ErrorCode::OnBehalfOfApproval,
                     u"Action %1 was requested on behalf of %2, who may not decide it."_s.arg(action.id, decider.id));
    if (attempt.verdict == Verdict::Deny && attempt.reason.trimmed().isEmpty())
        return error(ErrorCode::ReasonRequired, u"A denial needs a reason."_s);
    return std::nullopt;
}

std::optional<WireError> checkCancel(const Action &action, const Principal &who, const QDateTime &now)
{
    if (who.id != action.initiator)
        return error(ErrorCode::NotInitiator,
                     u"Only the initiator %1 may cancel action %2."_s.arg(action.initiator, action.id));
    if (!action.isPending())
        return error(ErrorCode::NotPending, u"Action %1 was already %2."_s.arg(action.id, statusName(action.status)));
    if (action.isExpiredAt(now))
        return error(ErrorCode::Expired, u"Action %1 has expired."_s.arg(action.id));
    return std::nullopt;
}

std::optional<WireError> checkExecution(const Action &action, const Principal &who, const Execution &report)
{
    if (who.id != action.initiator)
        return error(ErrorCode::NotInitiator,
                     u"Only the initiator %1 may report how action %2 ran."_s.arg(action.initiator, action.id));
    if (!action.mayRun())
        return error(ErrorCode::NotApproved, u"Action %1 is %2: only an approved action can have run."_s.arg(
                                                 action.id, statusName(action.status)));
    // The approval is used once: by a "started" claim before the command runs, then one final
    // report; or by a final report alone.
    const bool finishingStarted =
        action.execution && action.execution->status == u"started" && report.status != u"started";
    if (action.execution && !finishingStarted)
        return error(ErrorCode::AlreadyReported,
                     u"How action %1 ran was already reported (%2): its approval has been used."_s.arg(
                         action.id, action.execution->status));
    return std::nullopt;
}

Action resolved(Action action, ActionStatus status, Resolution resolution)
{
    action.status = status;
    action.resolution = std::move(resolution);
    return action;
}

} // namespace ActionRules
} // namespace cs
