#include "ActionWaiter.h"

#include "util/Log.h"

using namespace Qt::StringLiterals;

namespace cs {

ActionWaiter::ActionWaiter(AgentClient *client, QString actionId, QDateTime expiresAt, QObject *parent)
    : QObject(parent), m_client(client), m_actionId(std::move(actionId)), m_expiresAt(std::move(expiresAt))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &ActionWaiter::poll);
}

void ActionWaiter::start()
{
    poll();
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
