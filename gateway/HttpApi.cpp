#include "HttpApi.h"

#include "AuditEndpoints.h"
#include "HttpReplies.h"
#include "SigningEndpoints.h"
#include "json/Jcs.h"
#include "signing/Crypto.h"
#include "util/Log.h"
#include "wire/ActionCodec.h"

#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace cs::HttpReplies;
using Method = QHttpServerRequest::Method;

namespace cs {

namespace {

bool mayRead(const Principal &principal, const Action &action)
{
    return principal.role != Role::Agent || principal.id == action.initiator;
}

} // namespace

// A long poll waiting for its action to leave pending. The socket is held weakly: Qt deletes it
// when the client goes away, and then nothing is written.
struct HttpApi::ParkedPoll
{
    ParkedPoll(QString id, QTcpSocket *client, QHttpServerResponder &&reply)
        : actionId(std::move(id)), socket(client), responder(std::move(reply))
    {
    }

    QString actionId;
    QPointer<QTcpSocket> socket;
    QHttpServerResponder responder;
    QTimer timer;
    QMetaObject::Connection socketGone;
};

HttpApi::HttpApi(ActionService *service, PrincipalDirectory *principals, QString gatewayId, int maxWaitSeconds,
                 QObject *parent)
    : QAbstractHttpServer(parent), m_service(service), m_principals(principals), m_gatewayId(std::move(gatewayId)),
      m_maxWaitSeconds(maxWaitSeconds)
{
    connect(m_service, &ActionService::actionResolved, this, &HttpApi::onActionResolved);
}

HttpApi::~HttpApi()
{
    qDeleteAll(m_parked);
}

namespace {
// Set on a socket whose request framing was refused (RFC 9112 §6.3).
constexpr char kRefusedFraming[] = "countersign_refused_framing";
} // namespace

bool HttpApi::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Answers and feed messages are small and latency-bound: without TCP_NODELAY a second message
    // right after a first (an event, then the decision_result) waits for the peer's delayed ACK.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // A websocket upgrade is taken over by QAbstractHttpServer once this returns true; writing
    // anything here would corrupt the handshake. The feed hub authenticates the socket itself.
    if (request.url().path() == u"/v1/feed" &&
        request.value("upgrade").compare(QByteArrayLiteral("websocket"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    // A connection whose framing was refused is done: whatever the parser read after that request
    // (a smuggled second one) is never acted upon.
    if (socket->property(kRefusedFraming).toBool())
        return true;
    QHttpServerResponder responder = makeResponder(request, socket);
    if (const auto ambiguity = framingProblem(request)) {
        socket->setProperty(kRefusedFraming, true);
        writeError(responder, Status::BadRequest, ErrorCode::AmbiguousLength, *ambiguity);
        socket->disconnectFromHost();
        return true;
    }
    route(request, responder, socket);
    return true;
}

std::optional<QString> HttpApi::framingProblem(const QHttpServerRequest &request)
{
    // RFC 9112 §6.3: a body's length must have one reading, or a proxy in front and this gateway
    // may each see a different next request.
    QList<QByteArray> lengths;
    bool chunked = false;
    for (const auto &[name, value] : request.headers()) {
        if (name.compare("content-length", Qt::CaseInsensitive) == 0)
            lengths.append(value.trimmed());
        else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0)
            chunked = true;
    }
    if (chunked && !lengths.isEmpty())
        return u"The request has both Content-Length and Transfer-Encoding; its length is ambiguous."_s;
    if (lengths.size() > 1)
        return u"The request has more than one Content-Length."_s;
    return std::nullopt;
}

void HttpApi::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    writeError(responder, Status::NotFound, ErrorCode::NotFound, u"There is no such endpoint."_s);
}

void HttpApi::route(const QHttpServerRequest &request, QHttpServerResponder &responder, QTcpSocket *socket)
{
    const QString path = request.url().path();
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    const Method method = request.method();
    qCDebug(lcHttp) << method << path;

    if (path == u"/healthz") {
        if (method != Method::Get)
            return writeError(responder, Status::MethodNotAllowed, ErrorCode::MethodNotAllowed, u"Use GET."_s);
        return writeJson(responder, {{u"status"_s, u"ok"_s}, {u"seq"_s, m_service->headSeq()}}, Status::Ok);
    }
    if (path == u"/v1/feed") {
        return writeError(responder, Status::UpgradeRequired, u"upgrade_required"_s,
                          u"The feed is a websocket; connect with a websocket client."_s);
    }
    const bool v1 = parts.size() >= 2 && parts[0] == u"v1";
    const QString resource = v1 ? parts[1] : QString();
    const bool known = v1 && ((parts.size() == 2 && (resource == u"gateway" || resource == u"keys" ||
                                                     resource == u"actions" || resource == u"audit" ||
                                                     resource == u"metrics")) ||
                              (resource == u"actions" && parts.size() == 3) ||
                              (resource == u"policy" && parts.size() == 3 && parts[2] == u"explain") ||
                              (resource == u"actions" && parts.size() == 4 &&
                               (parts[3] == u"cancel" || parts[3] == u"decision" || parts[3] == u"execution" ||
                                parts[3] == u"withdraw")));
    if (!known)
        return writeError(responder, Status::NotFound, ErrorCode::NotFound, u"There is no such endpoint."_s);

    if (request.body().size() > kMaxBodyBytes) {
        return writeError(responder, Status::PayloadTooLarge, ErrorCode::PayloadTooLarge,
                          u"The request body is larger than %1 bytes."_s.arg(kMaxBodyBytes));
    }
    WireError refusal;
    qint64 retryAfter = 0;
    const auto principal =
        m_principals->authenticate(request.value("authorization"), socket->peerAddress(), &refusal, &retryAfter);
    if (!principal) {
        if (retryAfter > 0) {
            return responder.write(QJsonDocument(QJsonObject{{u"error"_s, refusal.toJson()}}),
                                   {{"Retry-After", QByteArray::number(retryAfter)}}, Status::TooManyRequests);
        }
        return writeError(responder, refusal);
    }

    // Which methods each path takes; GET and POST share /v1/keys, /v1/actions and …/decision.
    const QString tail = parts.size() == 4 ? parts[3] : QString();
    const bool getAllowed = (parts.size() != 4 || tail == u"decision") && resource != u"policy";
    const bool postAllowed = resource != u"gateway" && resource != u"audit" && resource != u"metrics" &&
                             (parts.size() != 3 || resource == u"policy");
    if (!((method == Method::Get && getAllowed) || (method == Method::Post && postAllowed))) {
        const QString allowed = getAllowed && postAllowed ? u"GET or POST"_s : getAllowed ? u"GET"_s : u"POST"_s;
        return writeError(responder, Status::MethodNotAllowed, ErrorCode::MethodNotAllowed,
                          u"Use %1 on %2."_s.arg(allowed, path));
    }
    const bool get = method == Method::Get;
    if (resource == u"gateway")
        return SigningEndpoints::gatewayInfo(*m_service, m_gatewayId, *principal, m_auditKey, responder);
    if (resource == u"audit")
        return AuditEndpoints::page(*m_service, *principal, request, responder);
    if (resource == u"policy")
        return explain(*principal, request, responder);
    if (resource == u"metrics") {
        if (principal->role == Role::Agent)
            return writeError(responder, Status::Forbidden, ErrorCode::ForbiddenRole,
                              u"Metrics are for approvers and auditors."_s);
        return responder.write(m_metrics ? m_metrics() : QByteArray(),
                               QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"));
    }
    if (resource == u"keys") {
        if (get)
            return SigningEndpoints::listKeys(*m_service, *principal, responder);
        if (const auto body = readObject(request, responder))
            SigningEndpoints::enrollKey(*m_service, *principal, *body, responder);
        return;
    }
    if (parts.size() == 2) {
        if (get)
            return SigningEndpoints::listPending(*m_service, *principal, responder);
        return submit(*principal, request, responder);
    }
    if (parts.size() == 3)
        return fetch(*principal, parts[2], request, responder, socket);
    if (tail == u"cancel")
        return cancel(*principal, parts[2], responder);
    if (tail == u"withdraw")
        return withdrawApproval(*principal, parts[2], responder);
    if (tail == u"execution")
        return reportExecution(*principal, parts[2], request, responder);
    if (get)
        return SigningEndpoints::getDecision(*m_service, *principal, parts[2], responder);
    if (const auto body = readObject(request, responder))
        SigningEndpoints::postDecision(*m_service, *principal, parts[2], *body, responder);
}

void HttpApi::submit(const Principal &principal, const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (!principal.mayRequest()) {
        return writeError(responder, Status::Forbidden, ErrorCode::ForbiddenRole,
                          u"The role %1 may not request actions."_s.arg(roleName(principal.role)));
    }
    const auto body = readObject(request, responder);
    if (!body)
        return;
    WireError error;
    auto parsed = ActionCodec::parseRequest(*body, &error);
    if (!parsed)
        return writeError(responder, error);
    // An agent that lost the answer (a crash, a dropped connection) retries with the same key and
    // gets the same action, not a second one.
    std::optional<ActionService::Idempotency> idempotency;
    if (const QByteArray key = request.value("idempotency-key"); !key.isEmpty()) {
        static const QRegularExpression printable(u"^[\\x21-\\x7e]{1,255}$"_s);
        if (!printable.match(QString::fromLatin1(key)).hasMatch())
            return writeError(responder, {ErrorCode::InvalidField,
                                          u"The Idempotency-Key must be 1 to 255 visible ASCII characters."_s});
        Jcs::Error jcsError;
        const auto canonical = Jcs::serialize(*body, &jcsError);
        idempotency = ActionService::Idempotency{QString::fromLatin1(key),
                                                 QString::fromLatin1(Crypto::sha256(canonical.value_or(QByteArray())).toHex())};
    }
    bool replayed = false;
    const auto action = m_service->submit(principal, std::move(*parsed), &error, idempotency, &replayed);
    if (!action)
        return writeError(responder, error);
    // The whole action: pending, or already allowed or denied by the policy (with its rule); a
    // replay answers 200 with the action as it now stands.
    writeJson(responder, ActionCodec::toJson(*action), replayed ? Status::Ok : Status::Created);
}

void HttpApi::explain(const Principal &principal, const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    auto body = readObject(request, responder);
    if (!body)
        return;
    // Which agent the request is explained for: the caller, or (for approvers and auditors) the
    // agent named in `agent`.
    QString agent = principal.id;
    if (body->contains(u"agent"_s) && principal.role != Role::Agent)
        agent = body->value(u"agent"_s).toString();
    body->remove(u"agent"_s);
    const bool justified = body->contains(u"justification"_s);
    if (!justified)
        body->insert(u"justification"_s, u"-"_s);
    WireError error;
    const auto parsed = ActionCodec::parseRequest(*body, &error);
    if (!parsed)
        return writeError(responder, error);
    const Policy &policy = m_service->policy();
    const PolicyVerdict verdict = policy.evaluate(agent, *parsed);
    QJsonObject answer = verdict.toJson();
    answer.insert(u"agent"_s, agent);
    answer.insert(u"policy_source"_s, policy.source());
    if (verdict.outcome == PolicyRule::Outcome::Require && !verdict.requirement.justification.pattern().isEmpty()) {
        answer.insert(u"justification_accepted"_s,
                      justified ? QJsonValue(verdict.requirement.justification.match(parsed->justification).hasMatch())
                                : QJsonValue());
    }
    writeJson(responder, answer, Status::Ok);
}

void HttpApi::fetch(const Principal &principal, const QString &actionId, const QHttpServerRequest &request,
                    QHttpServerResponder &responder, QTcpSocket *socket)
{
    const auto action = m_service->find(actionId);
    if (!action || !mayRead(principal, *action))
        return writeError(responder, Status::NotFound, ErrorCode::NotFound, u"There is no action %1."_s.arg(actionId));

    const QUrlQuery query(request.url());
    if (query.hasQueryItem(u"wait"_s)) {
        bool ok = false;
        const int wait = query.queryItemValue(u"wait"_s).toInt(&ok);
        if (!ok || wait < 0) {
            return writeError(responder, Status::UnprocessableEntity, ErrorCode::InvalidField,
                              u"The parameter 'wait' must be a whole number of seconds."_s);
        }
        if (wait > 0 && action->isPending())
            return park(actionId, std::min(wait, m_maxWaitSeconds), std::move(responder), socket);
    }
    writeJson(responder, ActionCodec::toJson(*action), Status::Ok);
}

void HttpApi::cancel(const Principal &principal, const QString &actionId, QHttpServerResponder &responder)
{
    const auto existing = m_service->find(actionId);
    if (!existing || !mayRead(principal, *existing))
        return writeError(responder, Status::NotFound, ErrorCode::NotFound, u"There is no action %1."_s.arg(actionId));
    WireError error;
    const auto action = m_service->cancel(principal, actionId, &error);
    if (!action)
        return writeError(responder, error);
    writeJson(responder, ActionCodec::toJson(*action), Status::Ok);
}

void HttpApi::withdrawApproval(const Principal &principal, const QString &actionId, QHttpServerResponder &responder)
{
    const auto existing = m_service->find(actionId);
    if (!existing || !mayRead(principal, *existing))
        return writeError(responder, Status::NotFound, ErrorCode::NotFound, u"There is no action %1."_s.arg(actionId));
    WireError error;
    const auto action = m_service->withdrawApproval(principal, actionId, &error);
    if (!action)
        return writeError(responder, error);
    writeJson(responder, ActionCodec::toJson(*action), Status::Ok);
}

void HttpApi::reportExecution(const Principal &principal, const QString &actionId, const QHttpServerRequest &request,
                              QHttpServerResponder &responder)
{
    const auto existing = m_service->find(actionId);
    if (!existing || !mayRead(principal, *existing))
        return writeError(responder, Status::NotFound, ErrorCode::NotFound, u"There is no action %1."_s.arg(actionId));
    const auto body = readObject(request, responder);
    if (!body)
        return;
    WireError error;
    auto execution = ActionCodec::parseExecution(*body, &error);
    if (!execution)
        return writeError(responder, error);
    const auto action = m_service->reportExecution(principal, actionId, std::move(*execution), &error);
    if (!action)
        return writeError(responder, error);
    writeJson(responder, ActionCodec::toJson(*action), Status::Created);
}

void HttpApi::park(const QString &actionId, int waitSeconds, QHttpServerResponder &&responder, QTcpSocket *socket)
{
    auto *poll = new ParkedPoll{actionId, socket, std::move(responder)};
    poll->timer.setSingleShot(true);
    connect(&poll->timer, &QTimer::timeout, this, [this, poll] {
        // The wait ended with the action still pending: answer with its current state.
        if (const auto action = m_service->find(poll->actionId))
            answerParked(poll, *action);
    });
    // Release the poll as soon as its client goes away, rather than at the end of the wait.
    poll->socketGone = connect(socket, &QObject::destroyed, this, [this, poll] {
        m_parked.remove(poll->actionId, poll);
        delete poll;
    });
    m_parked.insert(actionId, poll);
    poll->timer.start(waitSeconds * 1000);
}

void HttpApi::answerParked(ParkedPoll *poll, const Action &action)
{
    m_parked.remove(poll->actionId, poll);
    disconnect(poll->socketGone);
    if (poll->socket && poll->socket->state() == QAbstractSocket::ConnectedState) {
        writeJson(poll->responder, ActionCodec::toJson(action), Status::Ok);
    }
    delete poll;
}

void HttpApi::onActionResolved(const Action &action)
{
    const QList<ParkedPoll *> polls = m_parked.values(action.id);
    for (ParkedPoll *poll : polls)
        answerParked(poll, action);
}

} // namespace cs
