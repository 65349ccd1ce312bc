#pragma once

#include "audit/AuditChain.h"
#include "json/JcsView.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>
#include <vector>

namespace cs {

// One page of the gateway's audit log as received, from GET /v1/audit or the feed's audit_page:
// the events, each read in place from its canonical text, the checkpoints covering them, and the
// gateway's head. The gateway writes the whole page in canonical form, so the usual page is
// indexed in one pass without building a QJsonValue; any other valid JSON page is put in
// canonical form event by event, which comes to the same bytes.
struct AuditPage
{
    std::vector<Jcs::View::Value> events; // an invalid value where an event has no canonical form
    QList<AuditChain::Checkpoint> checkpoints;
    qint64 headSeq = 0;
    QString headHash;

    // The page in `text`; nothing, with `error` set, when it is not JSON or not a page.
    static std::optional<AuditPage> read(const QByteArray &text, QString *error);
    static AuditPage fromJson(const QJsonObject &page);

    // The last event's seq, or `fallback` when the page is empty.
    qint64 lastSeq(qint64 fallback) const;

private:
    static AuditPage fromView(const Jcs::View &view);
    std::vector<Jcs::View> m_views; // the texts `events` are read from
};

} // namespace cs
