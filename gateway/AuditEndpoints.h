#pragma once

#include "wire/WireError.h"

#include <QJsonObject>
#include <QSqlDatabase>

#include <optional>

class QHttpServerRequest;

namespace cs {

// GET /v1/audit?after=SEQ&limit=N: the event log with its hashes, and the signed checkpoints
// covering the page, for mirrors and auditors (docs/audit.md).
namespace AuditEndpoints {

inline constexpr int kDefaultLimit = 1000;
inline constexpr int kMaxLimit = 5000;

struct PageRequest
{
    qint64 after = 0;
    int limit = kDefaultLimit;
};
// The page GET /v1/audit asks for, or nothing with `error` set (invalid_field).
std::optional<PageRequest> pageRequest(const QHttpServerRequest &request, WireError *error);

// Why `after`/`limit` cannot be served (invalid_field), or nothing: HTTP and the feed alike.
std::optional<WireError> checkPage(qint64 after, int limit);

// {"checkpoints", "events", "head"} for the events after `after`, as canonical JSON text: the body
// of the HTTP answer and, with `type` and `request_id` in `more`, the feed's audit_page. Read from
// `db` in one read transaction (AuditPages runs it on its own thread). The events are their stored
// bytes, so a page is copied out of the store, not rebuilt. The members of `more` must sort after
// "head".
QByteArray pageText(QSqlDatabase db, qint64 after, int limit, const QJsonObject &more = {});

} // namespace AuditEndpoints
} // namespace cs
