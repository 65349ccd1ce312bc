#pragma once

#include "CliContext.h"
#include "client/AgentClient.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>

namespace cs {

// `countersign-cli policy explain …action options… -- COMMAND`: asks the gateway which policy rule
// the action would match, why, and what it would need (POST /v1/policy/explain). Nothing is
// submitted. Exit 0 whatever the outcome; 3 when the gateway cannot answer.
class ExplainCommand : public QObject
{
    Q_OBJECT
public:
    explicit ExplainCommand(QObject *parent = nullptr);

    bool parse(const QStringList &arguments);
    void run();

    // The gateway's answer as lines a human reads.
    static QString describe(const QJsonObject &answer);

private:
    CliContext m_context;
    QJsonObject m_body;
    bool m_json = false;
    QNetworkAccessManager m_network;
    AgentClient m_client;
};

} // namespace cs
