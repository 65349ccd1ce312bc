#pragma once

#include "CliContext.h"
#include "client/AgentClient.h"

#include <QNetworkAccessManager>
#include <QObject>

namespace cs {

// countersign-cli report ID --status succeeded|failed [--exit-code N] [--detail TEXT]: an agent
// that ran an approved action itself (a hook, a pipeline step) says how it went; the gateway logs
// it as execution.reported. `exec` reports by itself.
class ReportCommand : public QObject
{
    Q_OBJECT
public:
    bool parse(const QStringList &arguments);
    void run();

    // POST /v1/actions/{id}/execution; `done` gets the reply.
    static void post(AgentClient *client, const QString &actionId, const QJsonObject &report, QObject *context,
                     AgentClient::Callback done);

private:
    CliContext m_context;
    QString m_actionId;
    QJsonObject m_report;
    QNetworkAccessManager m_network;
    AgentClient m_client{&m_network};
};

} // namespace cs
