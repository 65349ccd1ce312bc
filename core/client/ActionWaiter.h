#pragma once

#include "client/AgentClient.h"
#include "domain/Action.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

namespace cs {

// Waits for one action to leave pending by chaining long polls. A gateway that is briefly
// unreachable (restart, network blip) is retried with backoff until the action's deadline has
// passed by `graceSeconds`, since the decision is safe in the gateway's log meanwhile.
class ActionWaiter : public QObject
{
    Q_OBJECT
public:
    ActionWaiter(AgentClient *client, QString actionId, QDateTime expiresAt, QObject *parent = nullptr);

    void start();
    void setPollSeconds(int seconds) { m_pollSeconds = seconds; }
    void setGraceSeconds(int seconds) { m_graceSeconds = seconds; }

Q_SIGNALS:
    void finished(const QJsonObject &action, cs::ActionStatus status);
    void failed(const cs::WireError &error);

private:
    void poll();
    void onReply(const AgentClient::Reply &reply);

    AgentClient *m_client;
    QString m_actionId;
    QDateTime m_expiresAt;
    int m_pollSeconds = 30;
    int m_graceSeconds = 60;
    int m_retryMs = 250;
    QTimer m_retryTimer;
};

} // namespace cs
