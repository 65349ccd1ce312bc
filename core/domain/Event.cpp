#include "Event.h"

namespace cs::EventType {

bool resolvesAction(const QString &type)
{
    return type == ActionApproved || type == ActionDenied || type == ActionExpired || type == ActionCancelled;
}

} // namespace cs::EventType
