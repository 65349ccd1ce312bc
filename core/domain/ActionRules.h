#pragma once

#include "domain/Action.h"
#include "domain/Principal.h"
#include "wire/WireError.h"

#include <optional>

namespace cs {

enum class Verdict { Approve, Deny };

QString verdictName(Verdict verdict);
std::optional<Verdict> verdictFromName(QStringView name);

// What a console sends to decide one action.
struct DecisionAttempt
{
    QString actionId;
    Verdict verdict = Verdict::Deny;
    QString reason;
    QString actionDigest;
};

// The state machine of an action: pending -> approved | denied | expired | cancelled, nothing else.
// These functions only judge; the gateway's ActionService applies and records the outcome.
namespace ActionRules {

// Why `decider` may not decide `action` now, or nothing when the decision is acceptable.
// The order of the checks is part of the protocol: the first failing rule is reported.
std::optional<WireError> checkDecision(const Action &action, const DecisionAttempt &attempt, const Principal &decider,
                                       const QDateTime &now);

// Why `who` may not cancel `action` now, or nothing when it may.
std::optional<WireError> checkCancel(const Action &action, const Principal &who, const QDateTime &now);

// Why `who` may not report `report` on how `action` ran, or nothing when it may: only its
// initiator, only once it was approved (or allowed), and only once: a "started" claim before the
// command runs and one final report after it, or a final report alone.
std::optional<WireError> checkExecution(const Action &action, const Principal &who, const Execution &report);

// The action after an accepted decision, cancellation or expiry.
Action resolved(Action action, ActionStatus status, Resolution resolution);

} // namespace ActionRules
} // namespace cs
