// ActionService's checks of a decision before the action's own rules: the decider's key and
// signature, and what the action's policy rule asks of whoever decides it.
#include "ActionService.h"

#include "signing/DecisionVerifier.h"

using namespace Qt::StringLiterals;

namespace cs {

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

std::optional<WireError> ActionService::checkRequirement(const Action &action, const Principal &decider,
                                                         const QString &keyId) const
{
    if (!action.policy)
        return std::nullopt;
    if (action.policy->hardwareKey) {
        const auto key = m_keys->find(keyId);
        if (!key || key->assurance != Assurance::Hardware)
            return WireError{ErrorCode::SoftwareKeyRefused,
                             u"Rule %1 takes decisions signed with a hardware key only; %2 is a software key."_s.arg(
                                 action.policy->rule, keyId)};
    }
    if (!action.quorum().counts(decider.groups))
        return WireError{ErrorCode::NotInRequiredGroup, u"Rule %1 needs %2; %3 is in none of those groups."_s.arg(
                                                            action.policy->rule, action.policy->quorum, decider.id)};
    return std::nullopt;
}

} // namespace cs
