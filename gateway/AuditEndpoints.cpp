#include "AuditEndpoints.h"

#include "HttpReplies.h"
#include "json/Jcs.h"

#include <QHttpServerRequest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace cs::HttpReplies;

namespace cs::AuditEndpoints {

void page(const ActionService &service, const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    // Approvers and auditors only (the route table): approvers may decide every action they did not
    // request, so they read the whole log; agents read their own actions through /v1/actions.
    const QUrlQuery query(request.url());
    bool afterOk = true;
    bool limitOk = true;
    const qint64 after = query.hasQueryItem(u"after"_s) ? query.queryItemValue(u"after"_s).toLongLong(&afterOk) : 0;
    const int limit = query.hasQueryItem(u"limit"_s) ? query.queryItemValue(u"limit"_s).toInt(&limitOk) : kDefaultLimit;
    if (const auto invalid = checkPage(afterOk ? after : -1, limitOk ? limit : 0))
        return writeError(responder, *invalid);
    responder.write(pageText(service, after, limit), QByteArrayLiteral("application/json"));
}

std::optional<WireError> checkPage(qint64 after, int limit)
{
    if (after >= 0 && limit >= 1 && limit <= kMaxLimit)
        return std::nullopt;
    return WireError{ErrorCode::InvalidField,
                     u"'after' must be a seq (0 or more) and 'limit' a number from 1 to %1."_s.arg(kMaxLimit)};
}

QByteArray pageText(const ActionService &service, qint64 after, int limit, const QJsonObject &more)
{
    const auto canonical = [](const QJsonValue &value) {
        Jcs::Error error;
        return Jcs::serialize(value, &error).value_or(QByteArrayLiteral("null"));
    };
    const auto [events, last] = service.eventBodiesAfter(after, limit);
    QByteArray text;
    qsizetype size = 64;
    for (const QByteArray &event : events)
        size += event.size() + 1;
    text.reserve(size + 256 * (events.size() / 500 + 2));
    text += "{\"checkpoints\":[";
    const QList<AuditChain::Checkpoint> checkpoints = service.checkpointsCovering(after, last);
    for (qsizetype i = 0; i < checkpoints.size(); ++i)
        text += (i ? "," : "") + canonical(checkpoints.at(i).toJson());
    text += "],\"events\":[";
    text += events.join(',');
    const auto head = service.auditHead();
    text += "],\"head\":" + canonical(QJsonObject{{u"seq"_s, head.first}, {u"hash"_s, head.second}});
    for (auto it = more.constBegin(); it != more.constEnd(); ++it) {
        Q_ASSERT(it.key() > u"head"_s);
        text += ',' + canonical(it.key()) + ':' + canonical(it.value());
    }
    text += '}';
    return text;
}

} // namespace cs::AuditEndpoints
