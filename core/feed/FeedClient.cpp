#include "FeedClient.h"

#include "util/Log.h"

#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QUrlQuery>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace cs {

FeedClient::FeedClient(QObject *parent) : QObject(parent)
{
    m_pingTimer.setInterval(15000);
    m_pongTimer.setInterval(10000);
    m_pongTimer.setSingleShot(true);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_pingTimer, &QTimer::timeout, this, [this] {
        if (m_socket) {
            m_socket->ping();
            if (!m_pongTimer.isActive())
                m_pongTimer.start();
        }
    });
    connect(&m_pongTimer, &QTimer::timeout, this, [this] {
        qCWarning(lcFeed) << "no pong from the gateway in" << m_pongTimer.interval() << "ms; reconnecting";
        dropConnection();
    });
    connect(&m_reconnectTimer, &QTimer::timeout, this, &FeedClient::openSocket);
}

FeedClient::~FeedClient()
{
    if (m_socket)
        m_socket->disconnect(this);
}

void FeedClient::setEndpoint(const QUrl &gatewayUrl, const QString &token)
{
    m_gatewayUrl = gatewayUrl;
    m_token = token;
}

bool FeedClient::setTrust(const TlsTrust &trust, QString *error)
{
    auto ssl = trust.sslConfiguration(error);
    if (!ssl)
        return false;
    m_trust = trust;
    m_ssl = std::move(ssl);
    return true;
}

void FeedClient::setBackoff(int initialMs, int maxMs)
{
    m_initialBackoffMs = initialMs;
    m_maxBackoffMs = maxMs;
}

QUrl FeedClient::feedUrl(const QUrl &gatewayUrl, qint64 sinceSeq)
{
    QUrl url = gatewayUrl;
    url.setScheme(gatewayUrl.scheme() == u"https" ? u"wss"_s : u"ws"_s);
    url.setPath(u"/v1/feed"_s);
    QUrlQuery query;
    if (sinceSeq >= 0)
        query.addQueryItem(u"since_seq"_s, QString::number(sinceSeq));
    url.setQuery(query);
    return url;
}

void FeedClient::start(qint64 resumeAfterSeq)
{
    m_running = true;
    m_attempt = 0;
    m_lastSeq = resumeAfterSeq;
    openSocket();
}

void FeedClient::stop()
{
    m_running = false;
    m_reconnectTimer.stop();
    m_pingTimer.stop();
    m_pongTimer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->close();
        m_socket->deleteLater();
    }
    setState(State::Offline);
}

void FeedClient::openSocket()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    setState(m_attempt == 0 ? State::Connecting : State::Reconnecting);
    m_snapshotPages.clear();
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    connect(socket, &QWebSocket::connected, this, &FeedClient::onConnected);
    connect(socket, &QWebSocket::disconnected, this, &FeedClient::onDisconnected);
    connect(socket, &QWebSocket::textMessageReceived, this, &FeedClient::onMessage);
    connect(socket, &QWebSocket::pong, this, [this] { m_pongTimer.stop(); });
    m_tlsRefusal.clear();
    const QUrl url = feedUrl(m_gatewayUrl, m_lastSeq);
    if (url.scheme() == u"wss") {
        if (m_ssl)
            socket->setSslConfiguration(*m_ssl);
        connect(socket, &QWebSocket::sslErrors, this,
                [this, socket](const QList<QSslError> &errors) { onSslErrors(socket, errors); });
    }

    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    qCDebug(lcFeed) << "connecting to" << request.url();
    socket->open(request);
}

void FeedClient::onSslErrors(QWebSocket *socket, const QList<QSslError> &errors)
{
    const QList<QSslCertificate> chain = socket->sslConfiguration().peerCertificateChain();
    const QList<QSslError> left = m_trust.remaining(errors, chain);
    if (left.isEmpty())
        return socket->ignoreSslErrors(errors);
    m_tlsRefusal = TlsTrust::describe(left, chain);
}

void FeedClient::onConnected()
{
    if (m_socket && m_socket->requestUrl().scheme() == u"wss") {
        const QList<QSslCertificate> chain = m_socket->sslConfiguration().peerCertificateChain();
        if (!m_trust.pinned(chain)) {
            m_tlsRefusal = m_trust.pinMissing(chain);
            m_socket->abort();
            return;
        }
    }
    m_pingTimer.start();
}

void FeedClient::onDisconnected()
{
    auto *socket = qobject_cast<QWebSocket *>(sender());
    m_pingTimer.stop();
    m_pongTimer.stop();
    const int code = socket ? int(socket->closeCode()) : 0;
    const QString reason = socket ? socket->closeReason() : QString();
    if (socket) {
        socket->disconnect(this);
        socket->deleteLater();
    }
    if (!m_tlsRefusal.isEmpty()) { // retrying would meet the same certificate: say so, once
        m_running = false;
        setState(State::Offline);
        qCWarning(lcFeed).noquote() << m_tlsRefusal;
        Q_EMIT tlsFailed(m_tlsRefusal);
        return;
    }
    if (code == FeedMessages::kCloseUnauthenticated || code == FeedMessages::kCloseForbidden) {
        m_running = false;
        setState(State::Offline);
        Q_EMIT authenticationFailed(reason);
        return;
    }
    if (!m_running) {
        setState(State::Offline);
        return;
    }
    scheduleReconnect();
}

void FeedClient::onSnapshot(FeedMessages::Snapshot snapshot)
{
    if (!m_snapshotPages.isEmpty() && m_snapshotPagesSeq != snapshot.seq) {
        qCWarning(lcFeed) << "a snapshot page of seq" << snapshot.seq << "among those of" << m_snapshotPagesSeq
                          << "; dropping the earlier pages";
        m_snapshotPages.clear();
    }
    if (snapshot.more) {
        m_snapshotPagesSeq = snapshot.seq;
        m_snapshotPages.append(std::move(snapshot.actions));
        return;
    }
    if (!m_snapshotPages.isEmpty()) {
        // Joined once, each action moved once (appending page by page moved them at every growth).
        m_snapshotPages.append(std::move(snapshot.actions));
        qsizetype total = 0;
        for (const QList<Action> &page : std::as_const(m_snapshotPages))
            total += page.size();
        snapshot.actions = {};
        snapshot.actions.reserve(total);
        for (QList<Action> &page : m_snapshotPages) {
            for (Action &action : page)
                snapshot.actions.append(std::move(action));
        }
        m_snapshotPages.clear();
    }
    m_lastSeq = snapshot.seq;
    Q_EMIT snapshotReceived(snapshot);
}

void FeedClient::scheduleReconnect()
{
    const int delay = nextBackoffMs();
    ++m_attempt;
    qCInfo(lcFeed) << "feed lost; reconnect attempt" << m_attempt << "in" << delay << "ms";
    setState(State::Reconnecting);
    m_reconnectTimer.start(delay);
    Q_EMIT reconnectScheduled(m_attempt, delay);
}

int FeedClient::nextBackoffMs()
{
    // Exponential growth with a cap, then "equal jitter": half fixed, half random, so that a
    // room full of consoles does not reconnect in lockstep after a gateway restart.
    const qint64 exponential = qint64(m_initialBackoffMs) << std::min(m_attempt, 16);
    const int capped = int(std::min<qint64>(exponential, m_maxBackoffMs));
    return capped / 2 + int(QRandomGenerator::global()->bounded(capped / 2 + 1));
}

void FeedClient::dropConnection()
{
    if (m_socket)
        m_socket->abort();
}

QString FeedClient::decide(const DecisionSubmission &submission)
{
    if (!m_socket || m_state != State::Connected)
        return {};
    QString requestId = QString::number(m_nextRequestId++);
    m_socket->sendTextMessage(QString::fromUtf8(FeedMessages::decide(requestId, submission)));
    return requestId;
}

void FeedClient::onMessage(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    WireError error;
    // The snapshot (megabytes) in place when it is canonical, as the gateway writes it.
    if (auto snapshot = FeedMessages::readCanonicalSnapshot(utf8, &error))
        return onSnapshot(std::move(*snapshot));
    if (!error.isNull()) {
        qCWarning(lcFeed) << "ignoring a malformed snapshot:" << error.message;
        return;
    }
    QString type;
    const auto message = FeedMessages::parse(utf8, &type, &error);
    if (!message) {
        qCWarning(lcFeed) << "ignoring a malformed feed message:" << error.message;
        return;
    }
    if (type == u"hello") {
        if (const auto hello = FeedMessages::parseHello(*message, &error)) {
            m_attempt = 0;
            setState(State::Connected);
            Q_EMIT helloReceived(*hello);
        }
    } else if (type == u"snapshot") {
        if (auto snapshot = FeedMessages::parseSnapshot(*message, &error))
            onSnapshot(std::move(*snapshot));
    } else if (type == u"event") {
        if (const auto event = FeedMessages::parseEvent(*message, &error)) {
            if (event->seq <= m_lastSeq) {
                qCWarning(lcFeed) << "dropping event" << event->seq << "already seen (last" << m_lastSeq << ")";
                return;
            }
            m_lastSeq = event->seq;
            Q_EMIT eventReceived(*event);
        }
    } else if (type == u"decision_result") {
        Q_EMIT decisionAnswered(FeedMessages::parseDecisionResult(*message));
    } else if (type == u"error") {
        Q_EMIT serverError(FeedMessages::parseError(*message));
    } else {
        qCDebug(lcFeed) << "ignoring feed message of unknown type" << type;
    }
    if (!error.isNull())
        qCWarning(lcFeed) << "ignoring a bad" << type << "message:" << error.message;
}

void FeedClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace cs
