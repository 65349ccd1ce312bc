#include "AuditEndpoints.h"

#include "HttpReplies.h"
#include "wire/ActionCodec.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace cs::HttpReplies;

namespace cs::AuditEndpoints {

void page(const ActionService &service, const Principal &principal, const QHttpServerRequest &request,
          QHttpServerResponder &responder)
{
    // Approvers may decide every action they did not request, so they read the whole log, as
    // auditors do; agents read only their own actions' state through /v1/actions.
    if (principal.role == Role::Agent)
        return writeError(responder, Status::Forbidden, ErrorCode::ForbiddenRole,
                          u"Agents may not read the audit log."_s);
    const QUrlQuery query(request.url());
    bool afterOk = true;
    bool limitOk = true;
    const qint64 after = query.hasQueryItem(u"after"_s) ? query.queryItemValue(u"after"_s).toLongLong(&afterOk) : 0;
    const int limit = query.hasQueryItem(u"limit"_s) ? query.queryItemValue(u"limit"_s).toInt(&limitOk) : kDefaultLimit;
    if (const auto invalid = checkPage(afterOk ? after : -1, limitOk ? limit : 0))
        return writeError(responder, *invalid);
    writeJson(responder, pageJson(service, after, limit));
}

std::optional<WireError> checkPage(qint64 after, int limit)
{
    if (after >= 0 && limit >= 1 && limit <= kMaxLimit)
        return std::nullopt;
    return WireError{ErrorCode::InvalidField,
                     u"'after' must be a seq (0 or more) and 'limit' a number from 1 to %1."_s.arg(kMaxLimit)};
}

QJsonObject pageJson(const ActionService &service, qint64 after, int limit)
{
    const QList<Event> events = service.eventsAfter(after, limit);
    QJsonArray eventArray;
    for (const Event &event : events)
        eventArray.append(ActionCodec::toJson(event));
    QJsonArray checkpointArray;
    const qint64 last = events.isEmpty() ? after : events.last().seq;
    for (const AuditChain::Checkpoint &checkpoint : service.checkpointsCovering(after, last))
        checkpointArray.append(checkpoint.toJson());
    const auto head = service.auditHead();
    return {{u"events"_s, eventArray},
            {u"checkpoints"_s, checkpointArray},
            {u"head"_s, QJsonObject{{u"seq"_s, head.first}, {u"hash"_s, head.second}}}};
}

} // namespace cs::AuditEndpoints
