#pragma once

#include "client/AgentClient.h"
#include "domain/Action.h"

#include <QDateTime>
#include <QJsonObject>
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
    // Follows an action as a submission (or a fetch) answered it: one the policy settled at once
    // is finished as soon as start() is called, one that is pending is waited for.
    static ActionWaiter *follow(AgentClient *client, const QJsonObject &action, QObject *parent);

    // Emits finished() or failed(), always later than this call.
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
    QJsonObject m_settled; // follow(): an action no longer pending
};

// How an action ended, as an agent tells it: who decided (an approver, "policy", nobody for an
// expiry) and why.
struct ActionOutcome
{
    ActionStatus status = ActionStatus::Pending;
    QString by;
    QString reason;

    // Approved by humans or allowed by the policy: the agent may go ahead.
    bool mayRun() const { return status == ActionStatus::Approved || status == ActionStatus::Allowed; }
    bool byPolicy() const { return by == u"policy"; }
    static ActionOutcome of(const QJsonObject &action, ActionStatus status);
};

} // namespace cs
