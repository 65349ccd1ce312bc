#pragma once

#include "CliContext.h"
#include "client/ActionWaiter.h"
#include "client/AgentClient.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>

namespace cs {

// `countersign-cli request` and `countersign-cli exec`: submit one action, optionally wait for
// its decision, and for exec run the command only once it is approved.
class RequestCommand : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Request, Exec };

    explicit RequestCommand(Mode mode, QObject *parent = nullptr);

    // Parses the arguments (after the subcommand); on error prints why and returns false.
    bool parse(const QStringList &arguments);
    // Submits; calls QCoreApplication::exit() with the exit code when done (or replaces the process).
    void run();

private:
    void onSubmitted(const AgentClient::Reply &reply);
    void onDecided(const QJsonObject &action, ActionStatus status);
    void finish(int code);
    // Claims the approval (a "started" report) and runs the command only if the gateway agrees.
    void claimAndRun(const QString &actionId);
    // Runs the command as a child with our stdin, stdout and tty, waits for it, reports how it
    // ran, and exits with its exit code.
    void runAndReport(const QString &actionId);

    Mode m_mode;
    bool m_wait = false;
    QJsonObject m_body;
    QStringList m_argv;
    QString m_shellCommand;
    QString m_existingId; // exec --id
    int m_retrySeconds = 30;
    CliContext m_context;
    QNetworkAccessManager m_network;
    AgentClient m_client;
};

} // namespace cs
