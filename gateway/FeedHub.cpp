#include "FeedHub.h"

#include "AuditEndpoints.h"
#include "util/Log.h"
#include "wire/FeedMessages.h"

#include <QJsonDocument>
#include <QPointer>
#include <QUrlQuery>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace cs {

namespace {
// An audit page is answered at once while less than this waits to be written to its console.
constexpr qint64 kAuditSlackBytes = 256 * 1024;
// The next snapshot page is made once less than this waits to be written.
constexpr qint64 kSnapshotSlackBytes = 1024 * 1024;
// A console that keeps sending over its rate this many times in a row is closed.
constexpr int kMaxRefusedInARow = 100;

WireError storeOutOfReach()
{
    return {ErrorCode::NotReady,
            u"This gateway cannot reach its store now; connect again (to another gateway, if there is one)."_s};
}
} // namespace

FeedHub::FeedHub(ActionService *service, PrincipalDirectory *principals, AuditPages *auditPages, Refusals *refusals,
                 QString gatewayId, FeedLimits limits, QObject *parent)
    : QObject(parent), m_service(service), m_auditPages(auditPages), m_principals(principals), m_refusals(refusals),
      m_gatewayId(std::move(gatewayId)), m_limits(limits)
{
    m_clock.start();
    connect(m_service, &ActionService::eventRecorded, this, &FeedHub::broadcast);
}

void FeedHub::closeAll()
{
    const QList<QWebSocket *> sockets = m_sessions.keys();
    for (QWebSocket *socket : sockets) {
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"The gateway is stopping."_s);
        socket->flush();
    }
}

void FeedHub::setStoreReachable(bool reachable)
{
    m_storeReachable = reachable;
    if (reachable)
        return;
    const QList<QWebSocket *> sockets = m_sessions.keys();
    m_sessions.clear(); // nothing more is pushed to them
    for (QWebSocket *socket : sockets)
        refuse(socket, FeedMessages::kCloseUnavailable, storeOutOfReach());
}

void FeedHub::accept(std::unique_ptr<QWebSocket> owned)
{
    QWebSocket *socket = owned.release();
    socket->setParent(this);
    // Frames and messages past the bound are refused from their header, before they are read.
    socket->setMaxAllowedIncomingFrameSize(quint64(m_limits.maxMessageBytes));
    socket->setMaxAllowedIncomingMessageSize(quint64(m_limits.maxMessageBytes));
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        m_sessions.remove(socket);
        socket->deleteLater();
    });
    if (!m_storeReachable)
        return refuse(socket, FeedMessages::kCloseUnavailable, storeOutOfReach());
    WireError refusal;
    qint64 retryAfter = 0;
    const QString certificateName =
        m_clientNames ? m_clientNames(socket->peerAddress(), socket->peerPort()) : QString();
    const auto principal = m_principals->authenticate(socket->request().rawHeader("Authorization"), certificateName,
                                                      socket->peerAddress(), &refusal, &retryAfter);
    if (!principal)
        return refuse(socket, FeedMessages::kCloseUnauthenticated, refusal);
    if (principal->role == Role::Agent) {
        return refuse(socket, FeedMessages::kCloseForbidden,
                      {ErrorCode::ForbiddenRole, u"Agents may not open the feed."_s});
    }
    start(socket, *principal);
}

void FeedHub::refuse(QWebSocket *socket, int closeCode, const WireError &error)
{
    qCInfo(lcGateway) << "feed refused:" << error.code;
    socket->sendTextMessage(QString::fromUtf8(FeedMessages::error(error)));
    socket->close(QWebSocketProtocol::CloseCode(closeCode), error.message);
}

void FeedHub::send(QWebSocket *socket, const QString &message)
{
    socket->sendTextMessage(message);
    if (socket->bytesToWrite() <= m_limits.maxSendBufferBytes)
        return;
    m_refusals->record(
        u"slow_consumer"_s, socket->peerAddress(),
        u"A console left %1 bytes unread; it was disconnected and will resume."_s.arg(socket->bytesToWrite()));
    m_sessions.remove(socket);
    socket->abort(); // a close frame would wait behind everything unread
}

bool FeedHub::allow(QWebSocket *socket, Session &session)
{
    const qint64 now = m_clock.elapsed();
    const double rate = m_limits.messagesPerSecond;
    session.allowance = std::min(2 * rate, session.allowance + double(now - session.refilledAt) * rate / 1000.0);
    session.refilledAt = now;
    if (session.allowance >= 1) {
        session.allowance -= 1;
        session.refusedInARow = 0;
        return true;
    }
    const QString message = u"More than %1 messages a second; this one was not read."_s.arg(m_limits.messagesPerSecond);
    m_refusals->record(ErrorCode::RateLimited, socket->peerAddress(), message);
    if (++session.refusedInARow > kMaxRefusedInARow) {
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, message);
        return false;
    }
    send(socket, QString::fromUtf8(FeedMessages::error({ErrorCode::RateLimited, message})));
    return false;
}

void FeedHub::start(QWebSocket *socket, const Principal &principal)
{
    Session &session = m_sessions[socket];
    session.principal = principal;
    session.allowance = 2.0 * m_limits.messagesPerSecond;
    session.refilledAt = m_clock.elapsed();
    connect(socket, &QWebSocket::bytesWritten, this, [this, socket] {
        answerPendingAudit(socket);
        continueSnapshot(socket);
    });
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, socket](const QString &text) { onMessage(socket, text); });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this, socket] {
        send(socket, QString::fromUtf8(FeedMessages::error(
                         {ErrorCode::MalformedMessage, u"The feed takes JSON text messages only."_s})));
    });
    socket->sendTextMessage(
        QString::fromUtf8(FeedMessages::hello({FeedMessages::kProtocolVersion, m_gatewayId, principal})));

    // The hello leaves now, the snapshot (5 MB for 10,000 actions, 90 ms to write here) on the
    // next turn of the event loop: the console shows itself connected meanwhile.
    socket->flush();
    QMetaObject::invokeMethod(
        this,
        [this, socket = QPointer<QWebSocket>(socket), principal] {
            if (socket && socket->state() == QAbstractSocket::ConnectedState)
                catchUp(socket, principal);
        },
        Qt::QueuedConnection);
}

void FeedHub::catchUp(QWebSocket *socket, const Principal &principal)
{
    const QUrlQuery query(socket->requestUrl());
    bool resumed = false;
    const qint64 sinceSeq = query.queryItemValue(u"since_seq"_s).toLongLong(&resumed);
    const qint64 head = m_service->headSeq();
    qCInfo(lcGateway) << "feed opened for" << principal.id << (resumed ? "resuming after" : "from snapshot")
                      << (resumed ? sinceSeq : head);
    if (resumed && sinceSeq >= 0 && sinceSeq <= head && head - sinceSeq <= kMaxReplayEvents)
        return goLive(socket, replay(socket, sinceSeq));
    // The pending actions as they stand now, each text shared, not copied: the pages show this
    // moment however long the console takes to read them.
    if (const auto it = m_sessions.find(socket); it != m_sessions.end()) {
        it->snapshot = SnapshotInFlight{head, m_service->pendingTexts()};
        sendSnapshotPage(socket);
    }
}

void FeedHub::goLive(QWebSocket *socket, qint64 sentSeq)
{
    // Events are told once durable (group commit), so some the snapshot or the replay already
    // held may still be told: not twice.
    if (const auto it = m_sessions.find(socket); it != m_sessions.end()) {
        it->live = true;
        it->sentSeq = sentSeq;
    }
}

void FeedHub::sendSnapshotPage(QWebSocket *socket)
{
    const auto it = m_sessions.find(socket);
    if (it == m_sessions.end() || !it->snapshot)
        return;
    SnapshotInFlight &snapshot = *it->snapshot;
    const qint64 seq = snapshot.seq;
    const QByteArray page = FeedMessages::snapshotPage(seq, snapshot.texts, snapshot.next, kSnapshotPage);
    snapshot.next += kSnapshotPage;
    snapshot.scheduled = false;
    const bool last = snapshot.next >= snapshot.texts.size();
    if (last)
        it->snapshot.reset();
    send(socket, QString::fromUtf8(page)); // may drop the console
    if (!last)
        return continueSnapshot(socket);
    // What was recorded while the pages went out, then everything new.
    if (m_sessions.contains(socket))
        goLive(socket, replay(socket, seq));
}

void FeedHub::continueSnapshot(QWebSocket *socket)
{
    const auto it = m_sessions.find(socket);
    if (it == m_sessions.end() || !it->snapshot || it->snapshot->scheduled ||
        socket->bytesToWrite() > kSnapshotSlackBytes)
        return; // bytesWritten calls again
    it->snapshot->scheduled = true;
    QMetaObject::invokeMethod(
        this,
        [this, socket = QPointer<QWebSocket>(socket)] {
            if (socket)
                sendSnapshotPage(socket);
        },
        Qt::QueuedConnection);
}

qint64 FeedHub::replay(QWebSocket *socket, qint64 sinceSeq)
{
    constexpr int kPage = 1000;
    qint64 after = sinceSeq;
    for (;;) {
        const QList<Event> events = m_service->eventsAfter(after, kPage);
        for (const Event &event : events)
            send(socket, QString::fromUtf8(FeedMessages::event(event)));
        if (!events.isEmpty())
            after = events.last().seq;
        if (events.size() < kPage || !m_sessions.contains(socket))
            return after;
    }
}

void FeedHub::broadcast(const Event &event)
{
    if (m_sessions.isEmpty())
        return;
    const QString message = QString::fromUtf8(FeedMessages::event(event));
    const QList<QWebSocket *> sockets = m_sessions.keys(); // a slow one may be dropped meanwhile
    for (QWebSocket *socket : sockets) {
        const auto it = m_sessions.find(socket);
        if (it == m_sessions.end() || !it->live || event.seq <= it->sentSeq)
            continue;
        it->sentSeq = event.seq;
        send(socket, message);
    }
}

void FeedHub::onMessage(QWebSocket *socket, const QString &text)
{
    const auto session = m_sessions.find(socket);
    if (session == m_sessions.end() || !allow(socket, *session))
        return;
    QString type;
    WireError error;
    const auto message = FeedMessages::parse(text.toUtf8(), &type, &error);
    if (!message)
        return send(socket, QString::fromUtf8(FeedMessages::error(error)));
    if (type == u"decide")
        return onDecide(socket, *message);
    if (type == u"audit")
        return onAudit(socket, *message);
    send(socket, QString::fromUtf8(FeedMessages::error(
                     {ErrorCode::UnknownMessageType, u"The feed does not know the message type '%1'."_s.arg(type)})));
}

void FeedHub::onAudit(QWebSocket *socket, const QJsonObject &message)
{
    // One page in flight per console: the next is built once the previous was built and (nearly)
    // written; one more request waits meanwhile, any further one is refused.
    Session &session = m_sessions[socket];
    if (!session.buildingAudit && socket->bytesToWrite() <= kAuditSlackBytes)
        return answerAudit(socket, message);
    if (!session.pendingAudit.isEmpty()) {
        return send(socket,
                    QString::fromUtf8(FeedMessages::error(
                        {ErrorCode::RateLimited, u"One audit page at a time: read the previous one first."_s})));
    }
    session.pendingAudit = message;
}

void FeedHub::answerAudit(QWebSocket *socket, const QJsonObject &message)
{
    // The same page as GET /v1/audit; everyone on the feed (approvers, auditors) may read it.
    const qint64 after = message.value(u"after"_s).toInteger(0);
    const int limit = message.value(u"limit"_s).toInt(AuditEndpoints::kDefaultLimit);
    if (const auto invalid = AuditEndpoints::checkPage(after, limit))
        return send(socket, QString::fromUtf8(FeedMessages::error(*invalid)));
    const QJsonObject more{{u"type"_s, u"audit_page"_s}, {u"request_id"_s, message.value(u"request_id"_s).toString()}};
    m_sessions[socket].buildingAudit = true;
    // Built on AuditPages' thread; dropped there if the console went away meanwhile.
    m_auditPages->build(after, limit, more, socket, [this, socket](const QByteArray &page) {
        const auto it = m_sessions.find(socket);
        if (it == m_sessions.end())
            return;
        it->buildingAudit = false;
        send(socket, QString::fromUtf8(page));
        answerPendingAudit(socket);
    });
}

void FeedHub::answerPendingAudit(QWebSocket *socket)
{
    const auto it = m_sessions.find(socket);
    if (it != m_sessions.end() && !it->buildingAudit && !it->pendingAudit.isEmpty() &&
        socket->bytesToWrite() <= kAuditSlackBytes)
        answerAudit(socket, std::exchange(it->pendingAudit, {}));
}

void FeedHub::onDecide(QWebSocket *socket, const QJsonObject &message)
{
    const Principal principal = m_sessions.value(socket).principal;
    FeedMessages::DecisionResult result;
    result.requestId = message.value(u"request_id"_s).toString();
    WireError error;
    const auto submission = DecisionSubmission::fromJson(message, &error);
    if (!submission) {
        result.actionId = message.value(u"decision"_s)
                              .toObject()
                              .value(u"action_id"_s)
                              .toString(message.value(u"action_id"_s).toString());
        m_service->refuseUnreadableDecision(principal, result.actionId, error);
    } else {
        result.actionId = submission->decision.actionId;
        if (const auto action = m_service->decide(principal, submission->decision, submission->signature, &error)) {
            result.accepted = true;
            result.status = statusName(action->status);
        }
    }
    result.error = error;
    qCInfo(lcGateway) << "decision by" << principal.id << "on" << result.actionId
                      << (result.accepted ? u"accepted"_s : error.code);
    send(socket, QString::fromUtf8(FeedMessages::decisionResult(result)));
}

} // namespace cs
