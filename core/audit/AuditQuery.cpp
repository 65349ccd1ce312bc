#include "AuditQuery.h"

#include "wire/ActionCodec.h"

using namespace Qt::StringLiterals;

namespace cs {

bool AuditFilter::isEmpty() const
{
    return !from.isValid() && !to.isValid() && type.isEmpty() && initiator.isEmpty() && approver.isEmpty() &&
           verdict.isEmpty() && system.isEmpty() && environment.isEmpty() && text.isEmpty();
}

namespace {

// The user's words as FTS5 strings, all of which must match: "arn:aws" is text to find, not a
// column filter, and a stray quote or operator never makes the query fail.
QString ftsQuery(const QString &text)
{
    QStringList terms;
    for (const QString &word : text.split(u' ', Qt::SkipEmptyParts))
        terms.append(u'"' + QString(word).replace(u"\""_s, u"\"\""_s) + u'"');
    return terms.join(u' ');
}

QString conditions(const AuditFilter &filter, QVariantList *binds)
{
    QStringList where;
    const auto add = [&](const QString &condition, const QVariant &value) {
        where.append(condition);
        binds->append(value);
    };
    if (filter.from.isValid())
        add(u"e.time >= ?"_s, formatTime(filter.from));
    if (filter.to.isValid())
        add(u"e.time < ?"_s, formatTime(filter.to));
    if (!filter.type.isEmpty())
        add(u"e.type = ?"_s, filter.type);
    if (!filter.initiator.isEmpty())
        add(u"a.initiator = ?"_s, filter.initiator);
    if (!filter.approver.isEmpty())
        add(u"a.approver = ?"_s, filter.approver);
    if (!filter.verdict.isEmpty())
        add(u"a.verdict = ?"_s, filter.verdict);
    if (!filter.system.isEmpty())
        add(u"a.system = ?"_s, filter.system);
    if (!filter.environment.isEmpty())
        add(u"a.environment = ?"_s, filter.environment);
    if (!filter.text.isEmpty())
        add(u"e.action_id IN (SELECT action_id FROM action_text WHERE action_text MATCH ?)"_s, ftsQuery(filter.text));
    where.append(u"1"_s);
    return where.join(u" AND "_s);
}

} // namespace

QString AuditQuery::pageSql(const AuditFilter &filter, QVariantList *binds)
{
    // The caller binds the keyset bound and the limit last.
    return u"SELECT e.seq, e.time, e.type, e.actor, e.action_id, a.kind, a.system, a.environment, a.verdict, a.command,"
           " a.resource"
           " FROM events e LEFT JOIN actions a ON a.id = e.action_id WHERE "_s +
           conditions(filter, binds) + u" AND e.seq < ? ORDER BY e.seq DESC LIMIT ?"_s;
}

QString AuditQuery::exportSql(const AuditFilter &filter, QVariantList *binds)
{
    return u"SELECT e.seq, e.body, e.hash FROM events e LEFT JOIN actions a ON a.id = e.action_id WHERE "_s +
           conditions(filter, binds) + u" AND e.seq > ? ORDER BY e.seq LIMIT ?"_s;
}

QString AuditQuery::seqSql(const AuditFilter &filter, QVariantList *binds)
{
    return u"SELECT e.seq FROM events e LEFT JOIN actions a ON a.id = e.action_id WHERE "_s +
           conditions(filter, binds) + u" ORDER BY e.seq"_s;
}

} // namespace cs
