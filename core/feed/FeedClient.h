#pragma once

#include "client/TlsTrust.h"
#include "domain/ActionRules.h"
#include "wire/FeedMessages.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QWebSocket;

namespace cs {

// The console's connection to a gateway's feed (/v1/feed). Owns one QWebSocket at a time,
// reconnects with exponential backoff and jitter, detects a dead link with ping/pong, and
// resumes with since_seq so that every event arrives exactly once. The console and the
// approver CLI talk to the gateway only through this class.
class FeedClient : public QObject
{
    Q_OBJECT
public:
    enum class State { Offline, Connecting, Connected, Reconnecting };
    Q_ENUM(State)

    explicit FeedClient(QObject *parent = nullptr);
    ~FeedClient() override;

    void setEndpoint(const QUrl &gatewayUrl, const QString &token);
    QUrl gatewayUrl() const { return m_gatewayUrl; }
    // How the gateway's certificate is trusted on wss:// (a pinned CA file or fingerprint).
    bool setTrust(const TlsTrust &trust, QString *error);

    // Connect and keep connected until stop(). With a resume seq, only later events are sent.
    void start(qint64 resumeAfterSeq = -1);
    void stop();

    State state() const { return m_state; }
    qint64 lastSeq() const { return m_lastSeq; }
    int reconnectAttempts() const { return m_attempt; }

    // Sends a decision; returns its request id, or an empty string when not connected.
    QString decide(const DecisionSubmission &submission);

    // Drops the link as a network failure would; the client reconnects as usual.
    void dropConnection();

    void setPingInterval(int ms) { m_pingTimer.setInterval(ms); }
    void setPongTimeout(int ms) { m_pongTimer.setInterval(ms); }
    void setBackoff(int initialMs, int maxMs);

    static QUrl feedUrl(const QUrl &gatewayUrl, qint64 sinceSeq);

Q_SIGNALS:
    void stateChanged(cs::FeedClient::State state);
    // Every lost link and every failed attempt: the next try, its number and its delay.
    void reconnectScheduled(int attempt, int delayMs);
    void helloReceived(const cs::FeedMessages::Hello &hello);
    void snapshotReceived(const cs::FeedMessages::Snapshot &snapshot);
    void eventReceived(const cs::Event &event);
    void decisionAnswered(const cs::FeedMessages::DecisionResult &result);
    void serverError(const cs::WireError &error);
    // The gateway refused the token or the role; the client stops reconnecting.
    void authenticationFailed(const QString &reason);
    // The gateway's certificate is not trusted (the sentence says why, with its fingerprint);
    // the client stops reconnecting until started again.
    void tlsFailed(const QString &sentence);

private:
    void openSocket();
    void onConnected();
    void onDisconnected();
    // Checks the certificate errors of a wss:// handshake against the trust.
    void onSslErrors(QWebSocket *socket, const QList<QSslError> &errors);
    void onMessage(const QString &text);
    // A snapshot page: kept until the last page of its seq, then told whole.
    void onSnapshot(FeedMessages::Snapshot snapshot);
    void scheduleReconnect();
    void setState(State state);
    int nextBackoffMs();

    QUrl m_gatewayUrl;
    QString m_token;
    TlsTrust m_trust;
    std::optional<QSslConfiguration> m_ssl;
    QString m_tlsRefusal; // why the current socket's certificate was not trusted
    QPointer<QWebSocket> m_socket;
    State m_state = State::Offline;
    bool m_running = false;
    qint64 m_lastSeq = -1;
    // The pages of a snapshot so far (on this socket), joined once the last one is in.
    QList<QList<Action>> m_snapshotPages;
    qint64 m_snapshotPagesSeq = -1;
    int m_attempt = 0;
    int m_initialBackoffMs = 500;
    int m_maxBackoffMs = 30000;
    quint64 m_nextRequestId = 1;
    QTimer m_pingTimer;
    QTimer m_pongTimer;
    QTimer m_reconnectTimer;
};

} // namespace cs
