#include "EventStore.h"

#include "util/Log.h"
#include "wire/ActionCodec.h"

#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

// EventStore's reads: actions, Idempotency-Keys, events, checkpoints.
namespace cs {
namespace {

std::optional<Action> actionFromBody(const QByteArray &body)
{
    WireError error;
    auto action = ActionCodec::actionFromJson(QJsonDocument::fromJson(body).object(), &error);
    if (!action)
        qCCritical(lcStore) << "unreadable stored action:" << error.message;
    return action;
}

std::optional<Event> eventFromBody(const QByteArray &body)
{
    WireError error;
    auto event = ActionCodec::eventFromJson(QJsonDocument::fromJson(body).object(), &error);
    if (!event)
        qCCritical(lcStore) << "unreadable stored event:" << error.message;
    return event;
}

} // namespace

QList<AuditChain::Checkpoint> EventStore::checkpointsCovering(const QSqlDatabase &db, qint64 after, qint64 upTo)
{
    QList<AuditChain::Checkpoint> checkpoints;
    QSqlQuery query(db);
    query.prepare(
        u"SELECT body FROM checkpoints WHERE seq >= ? AND seq <= ?"
        " UNION ALL SELECT body FROM (SELECT body FROM checkpoints WHERE seq > ? ORDER BY seq LIMIT 1) AS beyond"_s);
    query.addBindValue(after);
    query.addBindValue(upTo);
    query.addBindValue(upTo);
    if (!query.exec()) {
        qCCritical(lcStore) << "cannot read checkpoints:" << sqlError(query);
        return checkpoints;
    }
    while (query.next()) {
        if (auto checkpoint =
                AuditChain::Checkpoint::fromJson(QJsonDocument::fromJson(query.value(0).toByteArray()).object()))
            checkpoints.append(*checkpoint);
    }
    std::sort(checkpoints.begin(), checkpoints.end(), [](const auto &a, const auto &b) { return a.seq < b.seq; });
    return checkpoints;
}

std::optional<Action> EventStore::action(const QString &id) const
{
    sendRows();
    m_selectAction.bindValue(0, id);
    std::optional<Action> found;
    if (m_selectAction.exec() && m_selectAction.next())
        found = actionFromBody(m_selectAction.value(0).toByteArray());
    m_selectAction.finish();
    return found;
}

std::optional<EventStore::Idempotent> EventStore::idempotent(const QString &initiator, const QString &key) const
{
    sendRows();
    m_selectIdempotent.bindValue(0, initiator);
    m_selectIdempotent.bindValue(1, key);
    std::optional<Idempotent> found;
    if (m_selectIdempotent.exec() && m_selectIdempotent.next())
        found = Idempotent{m_selectIdempotent.value(0).toString(), m_selectIdempotent.value(1).toString()};
    m_selectIdempotent.finish();
    return found;
}

bool EventStore::nonceUsed(const QString &nonce) const
{
    sendRows();
    m_selectNonce.bindValue(0, nonce);
    const bool used = m_selectNonce.exec() && m_selectNonce.next();
    m_selectNonce.finish();
    return used;
}

std::optional<QByteArray> EventStore::storedKey(const QString &id, QString *error) const
{
    sendRows();
    m_selectKey.bindValue(0, id);
    if (!m_selectKey.exec()) {
        *error = sqlError(m_selectKey);
        return std::nullopt;
    }
    QByteArray body;
    if (m_selectKey.next())
        body = m_selectKey.value(0).toByteArray();
    m_selectKey.finish();
    return body;
}

QList<Action> EventStore::pendingActions() const
{
    sendRows();
    QList<Action> actions;
    QSqlQuery query(u"SELECT body FROM actions WHERE status = 'pending' ORDER BY expires_at"_s, m_db);
    while (query.next()) {
        if (auto action = actionFromBody(query.value(0).toByteArray()))
            actions.append(std::move(*action));
    }
    return actions;
}

namespace {

QList<Event> readEvents(QSqlQuery &query, QString *error = nullptr)
{
    QList<Event> events;
    if (!query.exec()) {
        qCCritical(lcStore) << "cannot read events:" << sqlError(query);
        if (error)
            *error = sqlError(query);
        return events;
    }
    while (query.next()) {
        if (auto event = eventFromBody(query.value(0).toByteArray()))
            events.append(std::move(*event));
    }
    return events;
}

} // namespace

QList<Event> EventStore::eventsAfter(qint64 seq, int limit, QString *error) const
{
    sendRows();
    m_eventsAfter.bindValue(0, seq);
    m_eventsAfter.bindValue(1, limit);
    QList<Event> events = readEvents(m_eventsAfter, error);
    m_eventsAfter.finish();
    return events;
}

qsizetype EventStore::readAppended(qint64 seq, int limit, Appended *appended, QString *error) const
{
    sendRows();
    m_appendedAfter.bindValue(0, seq);
    m_appendedAfter.bindValue(1, limit);
    if (!m_appendedAfter.exec()) {
        *error = sqlError(m_appendedAfter);
        qCCritical(lcStore) << "cannot read events:" << *error;
        return -1;
    }
    qsizetype rows = 0;
    QHash<QString, QByteArray> actionRows; // each action's row once, however many events it has here
    for (; m_appendedAfter.next(); ++rows) {
        auto event = eventFromBody(m_appendedAfter.value(0).toByteArray());
        if (!event)
            continue;
        if (!event->actionId.isEmpty() && !actionRows.contains(event->actionId))
            actionRows.insert(event->actionId, m_appendedAfter.value(1).toByteArray());
        appended->events.append(std::move(*event));
    }
    m_appendedAfter.finish();
    for (auto it = actionRows.cbegin(); it != actionRows.cend(); ++it) {
        if (auto action = it.value().isEmpty() ? std::nullopt : actionFromBody(it.value()))
            appended->actions.insert(it.key(), {std::move(*action), it.value()});
    }
    return rows;
}

EventStore::Bodies EventStore::eventBodiesAfter(const QSqlDatabase &db, qint64 seq, int limit)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT seq, body FROM events WHERE seq > ? ORDER BY seq LIMIT ?"_s);
    query.addBindValue(seq);
    query.addBindValue(limit);
    Bodies page{{}, seq};
    if (!query.exec()) {
        qCCritical(lcStore) << "cannot read events:" << sqlError(query);
        return page;
    }
    while (query.next()) {
        page.lastSeq = query.value(0).toLongLong();
        page.bodies.append(query.value(1).toByteArray());
    }
    return page;
}

QList<Event> EventStore::eventsOf(const QString &actionId) const
{
    sendRows();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT body FROM events WHERE action_id = ? ORDER BY seq"_s);
    query.addBindValue(actionId);
    return readEvents(query);
}

} // namespace cs
