#pragma once

#include <QDateTime>
#include <QString>
#include <QVariantList>

namespace cs {

// What the audit browser asks of the mirror: events matching every filter that is set, newest
// first. Filters on what an event concerns (system, environment, initiator, approver, verdict,
// text) go through the mirror's `actions` summary and its full-text index.
struct AuditFilter
{
    QDateTime from; // inclusive; invalid = no lower bound
    QDateTime to;   // exclusive; invalid = no upper bound
    QString type;
    QString initiator;
    QString approver;
    QString verdict;
    QString system;
    QString environment;
    QString text; // full-text over command and justification (FTS5 query syntax)

    bool isEmpty() const;
};

// One row of the audit browser's table: an event and what its action concerns.
struct AuditRow
{
    qint64 seq = 0;
    QString time, type, actor, actionId, kind, system, environment, resource, verdict, command;
};

namespace AuditQuery {

// "SELECT seq, time, type, actor, action_id, kind, system, environment, verdict, command, resource FROM … WHERE …
// AND e.seq < ? ORDER BY e.seq DESC LIMIT ?": a page before `beforeSeq` (keyset paging, so
// page 4,000 costs what page 1 does).
QString pageSql(const AuditFilter &filter, QVariantList *binds);

// "SELECT e.seq, e.body, e.hash … AND e.seq > ? ORDER BY e.seq LIMIT ?": the matching events in log
// order, for exports.
QString exportSql(const AuditFilter &filter, QVariantList *binds);

// "SELECT e.seq … ORDER BY e.seq": every matching seq, for an evidence bundle.
QString seqSql(const AuditFilter &filter, QVariantList *binds);

} // namespace AuditQuery
} // namespace cs
