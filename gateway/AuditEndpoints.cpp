#include "AuditEndpoints.h"

#include "EventStore.h"
#include "json/Jcs.h"

#include <QHttpServerRequest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace cs::AuditEndpoints {

std::optional<PageRequest> pageRequest(const QHttpServerRequest &request, WireError *error)
{
    const QUrlQuery query(request.url());
    bool afterOk = true;
    bool limitOk = true;
    const qint64 after = query.hasQueryItem(u"after"_s) ? query.queryItemValue(u"after"_s).toLongLong(&afterOk) : 0;
    const int limit = query.hasQueryItem(u"limit"_s) ? query.queryItemValue(u"limit"_s).toInt(&limitOk) : kDefaultLimit;
    if (auto invalid = checkPage(afterOk ? after : -1, limitOk ? limit : 0)) {
        *error = std::move(*invalid);
        return std::nullopt;
    }
    return PageRequest{after, limit};
}

std::optional<WireError> checkPage(qint64 after, int limit)
{
    if (after >= 0 && limit >= 1 && limit <= kMaxLimit)
        return std::nullopt;
    return WireError{ErrorCode::InvalidField,
                     u"'after' must be a seq (0 or more) and 'limit' a number from 1 to %1."_s.arg(kMaxLimit)};
}

QByteArray pageText(QSqlDatabase db, qint64 after, int limit, const QJsonObject &more)
{
    const auto canonical = [](const QJsonValue &value) {
        Jcs::Error error;
        return Jcs::serialize(value, &error).value_or(QByteArrayLiteral("null"));
    };
    // One snapshot of the log: the head is never behind the page's last event, and the
    // checkpoints are those signed by then.
    const bool snapshot = db.transaction();
    const auto [events, last] = EventStore::eventBodiesAfter(db, after, limit);
    QByteArray text;
    qsizetype size = 64;
    for (const QByteArray &event : events)
        size += event.size() + 1;
    text.reserve(size + 256 * (events.size() / 500 + 2));
    text += "{\"checkpoints\":[";
    const QList<AuditChain::Checkpoint> checkpoints = EventStore::checkpointsCovering(db, after, last);
    for (qsizetype i = 0; i < checkpoints.size(); ++i)
        text += (i ? "," : "") + canonical(checkpoints.at(i).toJson());
    text += "],\"events\":[";
    text += events.join(',');
    const auto head = EventStore::head(db);
    if (snapshot)
        db.commit();
    text += "],\"head\":" + canonical(QJsonObject{{u"seq"_s, head.first}, {u"hash"_s, head.second}});
    for (auto it = more.constBegin(); it != more.constEnd(); ++it) {
        Q_ASSERT(it.key() > u"head"_s);
        text += ',' + canonical(it.key()) + ':' + canonical(it.value());
    }
    text += '}';
    return text;
}

} // namespace cs::AuditEndpoints
