#include "KeyEndpoints.h"

#include "HttpReplies.h"
#include "wire/GatewayInfo.h"

using namespace Qt::StringLiterals;
using namespace cs::HttpReplies;

namespace cs::KeyEndpoints {

void listKeys(const ActionService &service, const Principal &principal, QHttpServerResponder &responder)
{
    writeJson(responder, KeyList::toJson(principal.role == Role::Auditor ? service.keys().all()
                                                                         : service.keys().keysOf(principal.id)));
}

void enrollKey(ActionService &service, const Principal &principal, const QJsonObject &body,
               QHttpServerResponder &responder)
{
    WireError error;
    const auto enrollment = KeyEnrollment::fromJson(body, &error);
    if (!enrollment)
        return writeError(responder, error);
    const auto key = service.enrollKey(principal, *enrollment, &error);
    if (!key)
        return writeError(responder, error);
    writeJson(responder, key->toJson(), Status::Created);
}

} // namespace cs::KeyEndpoints
