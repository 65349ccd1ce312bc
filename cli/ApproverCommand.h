#pragma once

#include "CliContext.h"
#include "client/AgentClient.h"
#include "signing/Signer.h"

#include <QNetworkAccessManager>
#include <QObject>

#include <memory>

namespace cs {

// The approver's terminal: `pending` lists what waits, `decide` signs a decision with the same
// core code as the console and sends it, `withdraw` takes one's approval back, `key enroll` sends a key for an operator
// to approve, `key list` shows one's keys.
class ApproverCommand : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Pending, Decide, Withdraw, KeyEnroll, KeyList };

    explicit ApproverCommand(Mode mode, QObject *parent = nullptr);

    bool parse(const QStringList &arguments);
    void run();

private:
    static QString description(Mode mode); // the command's --help headline
    void listPending();
    void decide();
    void withdraw();
    // "1 of 2 approved (alice) — waiting for 1 of security", empty when nobody approved yet.
    static QString progress(const Action &action);
    void enrollKey();
    void listKeys();
    std::unique_ptr<Signer> openSigner(const QString &fido2RpId);
    // The PIN from COUNTERSIGN_PIN or typed on the terminal without echo.
    static QString readPin();
    static QString describe(const Action &action);
    void fail(const QString &message);
    void printJsonAndExit(const QJsonObject &body);
    void failWith(const AgentClient::Reply &reply);

    Mode m_mode;
    CliContext m_context;
    QString m_actionId;
    Verdict m_verdict = Verdict::Deny;
    QString m_reason;
    QString m_keyUri;
    QByteArray m_devSeed; // the dev approver's software key, when --dev-principals names no --key
    QString m_label;
    bool m_json = false;
    QNetworkAccessManager m_network;
    AgentClient m_client;
};

} // namespace cs
