#include "ActionWaiter.h"

#include "util/Log.h"
#include "wire/ActionCodec.h"

using namespace Qt::StringLiterals;

namespace cs {

ActionWaiter::ActionWaiter(AgentClient *client, QString actionId, QDateTime expiresAt, QObject *parent)
    : QObject(parent), m_client(client), m_actionId(std::move(actionId)), m_expiresAt(std::move(expiresAt))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &ActionWaiter::poll);
}

ActionWaiter *ActionWaiter::follow(AgentClient *client, const QJsonObject &action, QObject *parent)
{
    auto *waiter = new ActionWaiter(client, action.value(u"id"_s).toString(),
                                    parseTime(action.value(u"expires_at"_s).toString()), parent);
    const auto status = statusFromName(action.value(u"status"_s).toString());
    if (status && *status != ActionStatus::Pending)
        waiter->m_settled = action;
    return waiter;
}

void ActionWaiter::start()
{
    if (m_settled.isEmpty())
        return poll();
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT finished(m_settled, *statusFromName(m_settled.value(u"status"_s).toString())); },
        Qt::QueuedConnection);
}

ActionOutcome ActionOutcome::of(const QJsonObject &action, ActionStatus status)
{
    const QJsonObject resolution = action.value(u"resolution"_s).toObject();
    return {status, resolution.value(u"by"_s).toString(), resolution.value(u"reason"_s).toString()};
}

void ActionWaiter::poll()
{
    m_client->fetch(m_actionId, m_pollSeconds, this, [this](const AgentClient::Reply &reply) { onReply(reply); });
}

void ActionWaiter::onReply(const AgentClient::Reply &reply)
{
    if (reply.unreachable()) {
        if (m_expiresAt.isValid() && QDateTime::currentDateTimeUtc() > m_expiresAt.addSecs(m_graceSeconds)) {
            Q_EMIT failed(reply.error);
            return;
        }
        qCInfo(lcClient) << "gateway unreachable while waiting; retrying in" << m_retryMs << "ms";
        m_retryTimer.start(m_retryMs);
        m_retryMs = std::min(m_retryMs * 2, 5000);
        return;
    }
    if (!reply.ok()) {
        Q_EMIT failed(reply.error);
        return;
    }
    m_retryMs = 250;
    const auto status = statusFromName(reply.body.value(u"status"_s).toString());
    if (!status) {
        Q_EMIT failed({u"bad_response"_s, u"The gateway answered without a valid status."_s});
        return;
    }
    if (*status == ActionStatus::Pending) {
        poll();
        return;
    }
    Q_EMIT finished(reply.body, *status);
}

} // namespace cs
