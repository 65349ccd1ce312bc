#include "Listener.h"

#include "GatedSocket.h"

#include "util/Log.h"
#include "wire/WireError.h"

#include <QJsonDocument>
#include <QPointer>
#include <QSslSocket>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

// How long a refused connection may keep sending (its answer written, its write side shut)
// before it is cut.
constexpr qint64 kLingerMs = 2000;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 408:
        return "Request Timeout";
    case 413:
        return "Content Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    default:
        return "Service Unavailable";
    }
}

} // namespace

// One connection's watch: a child of its socket, so it goes with it whoever deletes the socket
// (QAbstractHttpServer, QWebSocket, or this listener).
class Listener::Connection : public QObject
{
public:
    Connection(Listener *listener, QTcpSocket *socket, const ConnectionLimits &limits)
        : QObject(socket), listener(listener), socket(socket), peer(socket->peerAddress()), port(socket->peerPort()),
          framing({limits.maxBodyBytes, limits.maxHeaderBytes, limits.maxHeaders})
    {
    }
    ~Connection() override
    {
        if (listener)
            listener->forget(this);
    }

    QPointer<Listener> listener;
    QTcpSocket *socket;
    QHostAddress peer;
    quint16 port;
    HttpFraming framing;
    QString clientName; // a verified client certificate's common name
    qint64 opened = 0;
    qint64 lastActivity = 0;
    qint64 headStarted = -1;  // while a request's head is being read
    qint64 bodyStarted = -1;  // while its body is
    qint64 closingSince = -1; // refused: its answer written, the rest discarded
    bool handshaking = false;
    bool upgraded = false;
};

Listener::Listener(const ConnectionLimits &limits, Refusals *refusals, QObject *parent)
    : QTcpServer(parent), m_limits(limits), m_refusals(refusals)
{
    m_clock.start();
    const int shortest =
        std::min({limits.headerTimeoutMs, limits.bodyTimeoutMs, limits.idleTimeoutMs, limits.handshakeTimeoutMs});
    m_sweep.setInterval(std::clamp(shortest / 4, 50, 1000));
    connect(&m_sweep, &QTimer::timeout, this, &Listener::sweep);
    m_sweep.start();
}

Listener::~Listener()
{
    for (Connection *connection : std::as_const(m_connections))
        connection->listener = nullptr;
}

void Listener::setTls(std::optional<QSslConfiguration> configuration)
{
    m_tls = std::move(configuration);
}

QString Listener::clientName(const QHostAddress &peer, quint16 port) const
{
    for (const Connection *connection : m_connections) {
        if (connection->port == port && connection->peer == peer)
            return connection->clientName;
    }
    return {};
}

void Listener::incomingConnection(qintptr handle)
{
    QTcpSocket *socket = m_tls ? static_cast<QTcpSocket *>(new GatedSocket<QSslSocket>(m_gate, this))
                               : new GatedSocket<QTcpSocket>(m_gate, this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    const QHostAddress peer = socket->peerAddress();
    const int fromPeer = m_perAddress.value(peer);
    if (int(m_connections.size()) >= m_limits.maxConnections || fromPeer >= m_limits.maxConnectionsPerAddress) {
        const QString message =
            fromPeer >= m_limits.maxConnectionsPerAddress
                ? u"This address has %1 connections open, the most the gateway allows."_s.arg(fromPeer)
                : u"The gateway has %1 connections open, the most it allows."_s.arg(m_connections.size());
        m_refusals->record(ErrorCode::TooManyConnections, peer, message);
        if (!m_tls) { // a plain client is told why; a TLS one cannot be before its handshake
            const QByteArray body =
                QJsonDocument(QJsonObject{{u"error"_s, WireError{ErrorCode::TooManyConnections, message}.toJson()}})
                    .toJson(QJsonDocument::Compact);
            writeUngated(socket,
                         "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nConnection: close\r\n"
                         "Content-Length: " +
                             QByteArray::number(body.size()) + "\r\n\r\n" + body);
            socket->flush();
        }
        socket->abort();
        socket->deleteLater();
        return;
    }
    // Answers and feed messages are small and latency-bound: without TCP_NODELAY a second message
    // right after a first (an event, then the decision_result) waits for the peer's delayed ACK.
    // Set once per connection, not once per request.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    Connection *connection = track(socket);
    if (!m_tls)
        return admit(connection); // QTcpServer announces it when this returns
    auto *ssl = static_cast<QSslSocket *>(socket);
    ssl->setSslConfiguration(*m_tls);
    connection->handshaking = true;
    connect(ssl, &QSslSocket::encrypted, this, [this, connection, ssl] { onEncrypted(connection, ssl); });
    connect(ssl, &QAbstractSocket::disconnected, ssl, [connection, ssl] {
        if (connection->handshaking) // before admission nobody else deletes it
            ssl->deleteLater();
    });
    ssl->startServerEncryption();
}

Listener::Connection *Listener::track(QTcpSocket *socket)
{
    auto *connection = new Connection(this, socket, m_limits);
    connection->opened = connection->lastActivity = now();
    m_connections.append(connection);
    ++m_perAddress[connection->peer];
    return connection;
}

void Listener::forget(Connection *connection)
{
    m_connections.removeOne(connection);
    auto it = m_perAddress.find(connection->peer);
    if (it != m_perAddress.end() && --*it <= 0)
        m_perAddress.erase(it);
}

void Listener::onEncrypted(Connection *connection, QSslSocket *socket)
{
    connection->handshaking = false;
    connection->lastActivity = now();
    // A client certificate counts only when it verified against the client CA (the gateway asks
    // for one without requiring it: bearer tokens stay the other way in).
    const QSslCertificate certificate = socket->peerCertificate();
    if (!certificate.isNull() && !m_tls->caCertificates().isEmpty()) {
        if (socket->sslHandshakeErrors().isEmpty()) {
            connection->clientName = certificate.subjectInfo(QSslCertificate::CommonName).value(0);
        } else {
            m_refusals->record(u"client_certificate_refused"_s, connection->peer,
                               socket->sslHandshakeErrors().constFirst().errorString());
        }
    }
    admit(connection);
    addPendingConnection(socket);
    Q_EMIT newConnection();
}

void Listener::admit(Connection *connection)
{
    // Connected before QAbstractHttpServer connects its own, so this sees each byte first.
    connect(connection->socket, &QIODevice::readyRead, connection, [this, connection] { onReadyRead(connection); });
    connect(connection->socket, &QIODevice::bytesWritten, connection, [this, connection] {
        connection->lastActivity = now();
        const auto *ssl = qobject_cast<const QSslSocket *>(connection->socket);
        if (connection->closingSince >= 0 && connection->socket->bytesToWrite() == 0 &&
            (!ssl || ssl->encryptedBytesToWrite() == 0)) {
            // The answer is out: stop writing, and let the client close once it read it.
            ::shutdown(int(connection->socket->socketDescriptor()), SHUT_WR);
        }
    });
    if (!m_tls)
        addPendingConnection(connection->socket);
}

void Listener::onReadyRead(Connection *connection)
{
    QTcpSocket *socket = connection->socket;
    connection->lastActivity = now();
    if (connection->closingSince >= 0) {
        socket->readAll(); // refused: nothing more is read into memory or parsed
        return;
    }
    if (connection->upgraded)
        return;
    const qint64 available = socket->bytesAvailable();
    if (available <= 0)
        return;
    // (A connection past its share of requests is closed at its next quiet moment, by sweep(),
    // as HTTP allows between requests: refusing the next one here would fail a client's POST.)
    const bool between = !connection->framing.inHead() && !connection->framing.inBody();
    if (between && socket->bytesToWrite() > m_limits.maxUnreadAnswerBytes) {
        return refuse(connection, 429, ErrorCode::RateLimited,
                      u"The answers to this connection's earlier requests are still unread."_s);
    }
    // Only what arrived since the last time: QAbstractHttpServer has read (in its transaction)
    // everything before.
    const QByteArray bytes = socket->peek(available);
    const HttpFraming::Verdict verdict = connection->framing.feed(bytes);
    if (verdict == HttpFraming::Verdict::Refused) {
        const HttpFraming::Refusal &refusal = connection->framing.refusal();
        return refuse(connection, refusal.status, refusal.code, refusal.message);
    }
    if (verdict == HttpFraming::Verdict::Upgraded) {
        connection->upgraded = true;
        return;
    }
    const qint64 at = now();
    connection->headStarted =
        connection->framing.inHead() ? (connection->headStarted < 0 ? at : connection->headStarted) : -1;
    connection->bodyStarted =
        connection->framing.inBody() ? (connection->bodyStarted < 0 ? at : connection->bodyStarted) : -1;
}

void Listener::refuse(Connection *connection, int status, const QString &code, const QString &message)
{
    QTcpSocket *socket = connection->socket;
    m_refusals->record(code, connection->peer, message);
    // Nothing of this connection reaches QAbstractHttpServer's parser again.
    disconnect(socket, &QIODevice::readyRead, nullptr, nullptr);
    connect(socket, &QIODevice::readyRead, connection, [this, connection] { onReadyRead(connection); });
    if (socket->isTransactionStarted())
        socket->commitTransaction();
    socket->readAll();
    const QByteArray body =
        QJsonDocument(QJsonObject{{u"error"_s, WireError{code, message}.toJson()}}).toJson(QJsonDocument::Compact);
    writeUngated(socket, "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
                             "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                             QByteArray::number(body.size()) + "\r\n\r\n" + body);
    connection->closingSince = now();
    connection->headStarted = connection->bodyStarted = -1;
}

void Listener::sweep()
{
    const qint64 at = now();
    const QList<Connection *> connections = m_connections; // closing one may delete it
    for (Connection *connection : connections) {
        QTcpSocket *socket = connection->socket;
        if (connection->upgraded)
            continue;
        if (connection->closingSince >= 0) {
            if (at - connection->closingSince > kLingerMs)
                socket->abort();
            continue;
        }
        if (connection->handshaking) {
            if (at - connection->opened > m_limits.handshakeTimeoutMs) {
                m_refusals->record(ErrorCode::RequestTimeout, connection->peer,
                                   u"The TLS handshake did not finish in time."_s);
                socket->abort();
            }
            continue;
        }
        if (connection->headStarted >= 0 && at - connection->headStarted > m_limits.headerTimeoutMs) {
            refuse(connection, 408, ErrorCode::RequestTimeout, u"The request's head did not arrive in time."_s);
            continue;
        }
        if (connection->bodyStarted >= 0 && at - connection->bodyStarted > m_limits.bodyTimeoutMs) {
            refuse(connection, 408, ErrorCode::RequestTimeout, u"The request's body did not arrive in time."_s);
            continue;
        }
        const bool quiet = connection->headStarted < 0 && connection->bodyStarted < 0 && socket->bytesToWrite() == 0 &&
                           !(m_awaiting && m_awaiting(socket));
        if (!quiet)
            continue;
        // Idle too long, or done with its share of requests: closed as HTTP allows between requests.
        if (at - connection->lastActivity > m_limits.idleTimeoutMs ||
            connection->framing.requestCount() >= m_limits.maxRequestsPerConnection) {
            qCDebug(lcHttp) << "closing idle connection from" << connection->peer;
            socket->disconnectFromHost();
        }
    }
}

} // namespace cs
