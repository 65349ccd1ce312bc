#include "Event.h"

namespace cs::EventType {

bool resolvesAction(const QString &type)
{
    return type == ActionApproved || type == ActionDenied || type == ActionExpired || type == ActionCancelled ||
           type == ActionAllowed || type == ActionPolicyDenied;
}

bool carriesAction(const QString &type)
{
    return type == ActionRequested || type == ActionAllowed || type == ActionPolicyDenied;
}

bool changesApprovals(const QString &type)
{
    return type == ApprovalRecorded || type == ApprovalWithdrawn;
}

} // namespace cs::EventType
