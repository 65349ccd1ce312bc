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

FeedHub::FeedHub(ActionService *service, PrincipalDirectory *principals, QString gatewayId, QObject *parent)
    : QObject(parent), m_service(service), m_principals(principals), m_gatewayId(std::move(gatewayId))
{
    connect(m_service, &ActionService::eventRecorded, this, &FeedHub::broadcast);
}

void FeedHub::accept(std::unique_ptr<QWebSocket> owned)
{
    QWebSocket *socket = owned.release();
    socket->setParent(this);
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        m_sessions.remove(socket);
        socket->deleteLater();
    });
    WireError refusal;
    qint64 retryAfter = 0;
    const auto principal = m_principals->authenticate(socket->request().rawHeader("Authorization"),
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

void FeedHub::start(QWebSocket *socket, const Principal &principal)
{
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, socket](const QString &text) { onMessage(socket, text); });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [socket] {
        socket->sendTextMessage(QString::fromUtf8(
            FeedMessages::error({ErrorCode::MalformedMessage, u"The feed takes JSON text messages only."_s})));
    });
    socket->sendTextMessage(
        QString::fromUtf8(FeedMessages::hello({FeedMessages::kProtocolVersion, m_gatewayId, principal})));

    // The hello leaves now, the snapshot (5 MB for 10,000 actions, 90 ms to write here) on the
    // next turn of the event loop: the console shows itself connected meanwhile.
    socket->flush();
    QMetaObject::invokeMethod(
        this, [this, socket = QPointer<QWebSocket>(socket), principal] {
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
    if (resumed && sinceSeq >= 0 && sinceSeq <= head && head - sinceSeq <= kMaxReplayEvents)
        replay(socket, sinceSeq);
    else
        sendSnapshot(socket);
    m_sessions.insert(socket, principal); // from here on every event is pushed to it
    qCInfo(lcGateway) << "feed opened for" << principal.id << (resumed ? "resuming after" : "from snapshot")
                      << (resumed ? sinceSeq : head);
}

void FeedHub::sendSnapshot(QWebSocket *socket)
{
    socket->sendTextMessage(QString::fromUtf8(FeedMessages::snapshot(m_service->headSeq(), m_service->pendingTexts())));
}

void FeedHub::replay(QWebSocket *socket, qint64 sinceSeq)
{
    constexpr int kPage = 1000;
    qint64 after = sinceSeq;
    for (;;) {
        const QList<Event> events = m_service->eventsAfter(after, kPage);
        for (const Event &event : events)
            socket->sendTextMessage(QString::fromUtf8(FeedMessages::event(event)));
        if (events.size() < kPage)
            break;
        after = events.last().seq;
    }
}

void FeedHub::broadcast(const Event &event)
{
    if (m_sessions.isEmpty())
        return;
    const QString message = QString::fromUtf8(FeedMessages::event(event));
    for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it)
        it.key()->sendTextMessage(message);
}

void FeedHub::onMessage(QWebSocket *socket, const QString &text)
{
    QString type;
    WireError error;
    const auto message = FeedMessages::parse(text.toUtf8(), &type, &error);
    if (!message) {
        socket->sendTextMessage(QString::fromUtf8(FeedMessages::error(error)));
        return;
    }
    if (type == u"decide")
        return onDecide(socket, *message);
    if (type == u"audit")
        return onAudit(socket, *message);
    socket->sendTextMessage(QString::fromUtf8(FeedMessages::error(
        {ErrorCode::UnknownMessageType, u"The feed does not know the message type '%1'."_s.arg(type)})));
}

void FeedHub::onAudit(QWebSocket *socket, const QJsonObject &message)
{
    // The same page as GET /v1/audit; everyone on the feed (approvers, auditors) may read it.
    const qint64 after = message.value(u"after"_s).toInteger(0);
    const int limit = message.value(u"limit"_s).toInt(AuditEndpoints::kDefaultLimit);
    if (const auto invalid = AuditEndpoints::checkPage(after, limit)) {
        socket->sendTextMessage(QString::fromUtf8(FeedMessages::error(*invalid)));
        return;
    }
    const QJsonObject more{{u"type"_s, u"audit_page"_s}, {u"request_id"_s, message.value(u"request_id"_s).toString()}};
    socket->sendTextMessage(QString::fromUtf8(AuditEndpoints::pageText(*m_service, after, limit, more)));
}

void FeedHub::onDecide(QWebSocket *socket, const QJsonObject &message)
{
    const Principal principal = m_sessions.value(socket);
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
    socket->sendTextMessage(QString::fromUtf8(FeedMessages::decisionResult(result)));
}

} // namespace cs
