#pragma once

#include "GatewayProcess.h"
#include "signing/SignedDecision.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QProcessEnvironment>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <optional>

namespace cs::test {

struct HttpResult
{
    int status = 0;
    QJsonObject body;
    QByteArray raw;
    QString errorCode() const;
};

// Plain HTTP against the gateway, waiting for the answer (tests only).
class HttpProbe
{
public:
    explicit HttpProbe(QUrl base) : m_base(std::move(base)) {}

    HttpResult send(const QByteArray &method, const QString &path, const QString &token, const QByteArray &body = {},
                    int timeoutMs = 10000);
    HttpResult post(const QString &path, const QString &token, const QJsonObject &body);
    HttpResult get(const QString &path, const QString &token, int timeoutMs = 10000);

    // Submits a valid action with the given extra members; returns the 201 body (empty on failure).
    QJsonObject submit(const QString &token, const QJsonObject &overrides = {});
    static QJsonObject sampleAction(const QJsonObject &overrides = {});

private:
    QUrl m_base;
    QNetworkAccessManager m_network;
};

// A program run to its end (countersign-gateway's commands, countersign-cli): its exit code (-1 on
// a crash or after 30 s), stdout and stderr.
struct ProgramRun
{
    int code = -1;
    QString out;
    QString err;
};
ProgramRun runProgram(const QString &program, const QStringList &arguments,
                      const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

// Sends raw bytes on a fresh connection to the gateway's port (from `from` when given) and returns
// everything it answers until it closes the connection or stops sending.
QByteArray rawExchange(quint16 port, const QByteArray &bytes, const QHostAddress &from = {});

// The value of one series (`countersign_feed_clients`, `…_count` of a histogram) in the text of a
// gateway's /metrics; nullopt when it has no such line.
std::optional<double> metricValue(const QByteArray &metrics, const QByteArray &series);

// A raw websocket client on /v1/feed that records every message it receives.
class FeedProbe : public QObject
{
    Q_OBJECT
public:
    explicit FeedProbe(QObject *parent = nullptr);

    bool open(const QUrl &gatewayUrl, const QString &token, qint64 sinceSeq = -1);
    // Opens as `principal` and signs decisions with its software key.
    bool open(const QUrl &gatewayUrl, const TestPrincipal &principal);
    // The Ed25519 seed decide() signs with; without one decide() sends an unsigned decision.
    void setSigningKey(const QByteArray &seed) { m_seed = seed; }
    void abort() { m_socket.abort(); }
    void send(const QJsonObject &message);
    void sendRaw(const QString &text) { m_socket.sendTextMessage(text); }

    // Waits until a message of `type` arrives after index `from`; returns it (empty on timeout).
    QJsonObject waitFor(const QString &type, int from = 0, int timeoutMs = 5000);
    // Waits for an event of `eventType` after message index `from`; returns the event object.
    QJsonObject waitForEvent(const QString &eventType, int from = 0, int timeoutMs = 10000);
    // Signs a decision (as the principal hello named, with the signing key) and sends it; waits for
    // its decision_result. The digest is taken as given, so a test can sign a wrong one.
    QJsonObject decide(const QString &actionId, const QString &verdict, const QString &digest,
                       const QString &reason = {});
    // The decision decide() would sign, for tests that change it before signing.
    SignedDecision decision(const QString &actionId, const QString &verdict, const QString &digest,
                            const QString &reason = {}) const;
    // Sends {decision, signature} as they are, and waits for the decision_result.
    QJsonObject sendDecision(const QJsonObject &submission);
    SignatureRecord sign(const SignedDecision &decision) const;

    const QList<QJsonObject> &messages() const { return m_messages; }
    QList<qint64> eventSeqs() const;
    QWebSocket &socket() { return m_socket; }

    // Waits until `match` accepts a message at or after index `from`; returns that message.
    QJsonObject waitForMessage(const std::function<bool(const QJsonObject &)> &match, int from, int timeoutMs,
                               const QString &what);

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_messages;
    int m_nextRequest = 1;
    QByteArray m_seed;
};

} // namespace cs::test
