#pragma once

#include "GatewayConfig.h"
#include "HttpFraming.h"
#include "Refusals.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTimer>

#include <functional>
#include <optional>

class QSslSocket;

namespace cs {

class GroupCommit;

// The gateway's port: accepts connections, speaks TLS on them when configured, and keeps each
// within the limits before QAbstractHttpServer reads a byte of it. Every connection is watched
// by a Connection (a child of its socket) that sees the bytes as they arrive (HttpFraming), so a
// request over a limit is refused before its body is read, and that times the connection out
// when it dribbles its head or body, sits idle, or never finishes its TLS handshake. Connections
// are counted per source address and in total. After a websocket upgrade the feed's own limits
// apply (FeedHub).
class Listener : public QTcpServer
{
    Q_OBJECT
public:
    Listener(const ConnectionLimits &limits, Refusals *refusals, QObject *parent = nullptr);
    ~Listener() override;

    // Holds each connection's bytes until the store's commits before them are durable (GatedSocket);
    // nothing: they leave at once.
    void setGate(GroupCommit *gate) { m_gate = gate; }
    // TLS for the connections accepted from now on (open ones keep theirs); nothing: plain TCP.
    void setTls(std::optional<QSslConfiguration> configuration);
    bool isTls() const { return m_tls.has_value(); }
    // Whether a connection waits for an answer the gateway has not written yet (a long poll):
    // such a connection is not idle.
    void setAwaitingAnswer(std::function<bool(const QTcpSocket *)> awaiting) { m_awaiting = std::move(awaiting); }
    // The common name of the client certificate that the connection from `peer`:`port`
    // presented and that verified against the client CA; empty when there is none.
    QString clientName(const QHostAddress &peer, quint16 port) const;
    int openConnections() const { return int(m_connections.size()); }

protected:
    void incomingConnection(qintptr handle) override;

private:
    class Connection;
    friend class Connection;

    Connection *track(QTcpSocket *socket);
    void forget(Connection *connection);
    // Hands a connection (its TLS handshake done) to the HTTP server, watched from its first byte.
    void admit(Connection *connection);
    void onReadyRead(Connection *connection);
    void onEncrypted(Connection *connection, QSslSocket *socket);
    // Answers `status` with the error, closes the connection and reads nothing more from it.
    void refuse(Connection *connection, int status, const QString &code, const QString &message);
    void sweep();
    qint64 now() const { return m_clock.elapsed(); }

    ConnectionLimits m_limits;
    Refusals *m_refusals;
    GroupCommit *m_gate = nullptr;
    std::optional<QSslConfiguration> m_tls;
    std::function<bool(const QTcpSocket *)> m_awaiting;
    QElapsedTimer m_clock;
    QTimer m_sweep;
    QList<Connection *> m_connections;
    QHash<QHostAddress, int> m_perAddress;
};

} // namespace cs
