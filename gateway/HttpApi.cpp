#include "HttpApi.h"

#include "AuditEndpoints.h"
#include "HttpReplies.h"
#include "DecisionEndpoints.h"
#include "KeyEndpoints.h"
#include "json/Jcs.h"
#include "signing/Crypto.h"
#include "util/Log.h"
#include "wire/ActionCodec.h"
#include "wire/FeedMessages.h"
#include "wire/GatewayInfo.h"

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

// An audit page on its way: the answer to write once AuditPages built it, and the requests the
// client pipelined behind it meanwhile, refused after it so that answers keep the requests' order.
struct HttpApi::PageInFlight
{
    QPointer<QTcpSocket> socket;
    QHttpServerResponder responder;
    std::vector<QHttpServerResponder> behind;
};

HttpApi::HttpApi(ActionService *service, PrincipalDirectory *principals, AuditPages *auditPages, QString gatewayId,
                 int maxWaitSeconds, QObject *parent)
    : QAbstractHttpServer(parent), m_service(service), m_principals(principals), m_auditPages(auditPages),
      m_gatewayId(std::move(gatewayId)), m_maxWaitSeconds(maxWaitSeconds)
{
    connect(m_service, &ActionService::actionResolved, this, &HttpApi::onActionResolved);
}

HttpApi::~HttpApi()
{
    qDeleteAll(m_parked);
}

bool HttpApi::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // A websocket upgrade is taken over by QAbstractHttpServer once this returns true; writing
    // anything here would corrupt the handshake. The feed hub authenticates the socket itself.
    if (request.url().path() == u"/v1/feed" &&
        request.value("upgrade").compare(QByteArrayLiteral("websocket"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    // Framing, sizes and timeouts were checked as the bytes arrived (Listener, HttpFraming).
    QHttpServerResponder responder = makeResponder(request, socket);
    if (const auto page = pageOf(socket)) {
        page->behind.push_back(std::move(responder));
        return true;
    }
    route(request, responder, socket);
    return true;
}

bool HttpApi::isAwaiting(const QTcpSocket *socket) const
{
    return pageOf(socket) || std::any_of(m_parked.cbegin(), m_parked.cend(),
                                         [socket](const ParkedPoll *poll) { return poll->socket == socket; });
}

std::shared_ptr<HttpApi::PageInFlight> HttpApi::pageOf(const QTcpSocket *socket) const
{
    // An entry whose socket is gone was another connection's, whose memory this one now has.
    const auto page = m_pages.value(socket);
    return page && page->socket == socket ? page : nullptr;
}

bool HttpApi::probe(const QString &path, Method method, QHttpServerResponder &responder)
{
    if (path != u"/healthz" && path != u"/readyz")
        return false;
    if (method != Method::Get) {
        writeError(responder, Status::MethodNotAllowed, ErrorCode::MethodNotAllowed, u"Use GET."_s);
        return true;
    }
    // /healthz: the process answers. /readyz: it also takes writes (a load balancer sends agents
    // elsewhere meanwhile).
    const QString notReady = path == u"/readyz" && m_readiness ? m_readiness() : QString();
    if (!notReady.isEmpty()) {
        writeJson(responder,
                  {{u"status"_s, u"not_ready"_s}, {u"error"_s, WireError{ErrorCode::NotReady, notReady}.toJson()}},
                  Status::ServiceUnavailable);
        return true;
    }
    writeJson(responder, {{u"status"_s, u"ok"_s}, {u"seq"_s, m_service->headSeq()}}, Status::Ok);
    return true;
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

    if (probe(path, method, responder))
        return;
    if (path == u"/v1/feed") {
        return writeError(responder, Status::UpgradeRequired, ErrorCode::UpgradeRequired,
                          u"The feed is a websocket; connect with a websocket client."_s);
    }
    // The path first (404 before anything else), then the token, then the method. (The body's
    // size was checked as it arrived.)
    QString actionId;
    QList<const Route *> matching;
    for (const Route &route : routes()) {
        if (route.matches(parts, &actionId))
            matching.append(&route);
    }
    if (matching.isEmpty())
        return writeError(responder, Status::NotFound, ErrorCode::NotFound, u"There is no such endpoint."_s);

    WireError refusal;
    qint64 retryAfter = 0;
    const QString certificateName =
        m_clientNames ? m_clientNames(socket->peerAddress(), socket->peerPort()) : QString();
    const auto principal = m_principals->authenticate(request.value("authorization"), certificateName,
                                                      socket->peerAddress(), &refusal, &retryAfter);
    if (!principal) {
        if (retryAfter > 0) {
            return responder.write(QJsonDocument(QJsonObject{{u"error"_s, refusal.toJson()}}),
                                   {{"Retry-After", QByteArray::number(retryAfter)}}, Status::TooManyRequests);
        }
        return writeError(responder, refusal);
    }
    const auto route = std::find_if(matching.cbegin(), matching.cend(),
                                    [method](const Route *candidate) { return candidate->method == method; });
    if (route == matching.cend()) {
        QStringList allowed;
        for (const Route *candidate : std::as_const(matching))
            allowed.append(candidate->method == Method::Get ? u"GET"_s : u"POST"_s);
        return writeError(responder, Status::MethodNotAllowed, ErrorCode::MethodNotAllowed,
                          u"Use %1 on %2."_s.arg(allowed.join(u" or "_s), path));
    }
    if (!(*route)->roles.isEmpty() && !(*route)->roles.contains(principal->role)) {
        QStringList roles;
        for (const Role role : (*route)->roles)
            roles.append(roleName(role));
        return writeError(responder, Status::Forbidden, ErrorCode::ForbiddenRole,
                          u"%1 %2 is for the roles %3, not %4."_s.arg(method == Method::Get ? u"GET"_s : u"POST"_s,
                                                                      path, roles.join(u", "_s),
                                                                      roleName(principal->role)));
    }
    (*route)->handler(*this, Call{request, responder, socket, *principal, actionId});
}

QList<HttpApi::Endpoint> HttpApi::endpoints()
{
    QList<Endpoint> list;
    for (const Route &route : routes())
        list.append(
            {route.method == Method::Get ? u"GET"_s : u"POST"_s, u"/"_s + route.segments.join(u'/'), route.roles});
    return list;
}

bool HttpApi::Route::matches(const QStringList &parts, QString *actionId) const
{
    if (parts.size() != segments.size())
        return false;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (segments[i] == u"{id}")
            *actionId = parts[i];
        else if (segments[i] != parts[i])
            return false;
    }
    return true;
}

const QList<HttpApi::Route> &HttpApi::routes()
{
    // Every endpoint once: its method, its path, and what answers it (docs/protocol.md).
    const auto route = [](Method method, const QString &path, QList<Role> roles, Route::Handler handler) {
        return Route{method, path.split(u'/', Qt::SkipEmptyParts), std::move(roles), handler};
    };
    const QList<Role> any;
    const QList<Role> readers{Role::Approver, Role::Auditor};
    const QList<Role> requesters{Role::Agent, Role::Approver};
    static const QList<Route> table{
        route(Method::Get, u"/v1/gateway"_s, any, [](HttpApi &api, const Call &call) { api.gatewayInfo(call); }),
        // Approvers and auditors: approvers may decide every action they did not request, so they
        // read the whole log; agents read their own actions through /v1/actions.
        route(Method::Get, u"/v1/audit"_s, readers, [](HttpApi &api, const Call &call) { api.auditPage(call); }),
        route(Method::Get, u"/v1/metrics"_s, readers, [](HttpApi &api, const Call &call) { api.metrics(call); }),
        // Where Prometheus looks by default (with a bearer token in its scrape configuration).
        route(Method::Get, u"/metrics"_s, readers, [](HttpApi &api, const Call &call) { api.metrics(call); }),
        route(Method::Post, u"/v1/policy/explain"_s, any,
              [](HttpApi &api, const Call &call) { api.explain(call.principal, call.request, call.responder); }),
        route(Method::Get, u"/v1/keys"_s, readers,
              [](HttpApi &api, const Call &call) {
                  KeyEndpoints::listKeys(*api.m_service, call.principal, call.responder);
              }),
        route(Method::Post, u"/v1/keys"_s, {Role::Approver},
              [](HttpApi &api, const Call &call) {
                  if (const auto body = readObject(call.request, call.responder))
                      KeyEndpoints::enrollKey(*api.m_service, call.principal, *body, call.responder);
              }),
        route(Method::Get, u"/v1/actions"_s, readers,
              [](HttpApi &api, const Call &call) { DecisionEndpoints::listPending(*api.m_service, call.responder); }),
        route(Method::Post, u"/v1/actions"_s, requesters,
              [](HttpApi &api, const Call &call) { api.submit(call.principal, call.request, call.responder); }),
        route(Method::Get, u"/v1/actions/{id}"_s, any,
              [](HttpApi &api, const Call &call) {
                  api.fetch(call.principal, call.actionId, call.request, call.responder, call.socket);
              }),
        route(Method::Post, u"/v1/actions/{id}/cancel"_s, any,
              [](HttpApi &api, const Call &call) { api.cancel(call.principal, call.actionId, call.responder); }),
        route(Method::Post, u"/v1/actions/{id}/withdraw"_s, any,
              [](HttpApi &api, const Call &call) {
                  api.withdrawApproval(call.principal, call.actionId, call.responder);
              }),
        route(Method::Post, u"/v1/actions/{id}/execution"_s, any,
              [](HttpApi &api, const Call &call) {
                  api.reportExecution(call.principal, call.actionId, call.request, call.responder);
              }),
        route(Method::Get, u"/v1/actions/{id}/decision"_s, any,
              [](HttpApi &api, const Call &call) {
                  DecisionEndpoints::getDecision(*api.m_service, call.principal, call.actionId, call.responder);
              }),
        route(Method::Post, u"/v1/actions/{id}/decision"_s, any,
              [](HttpApi &api, const Call &call) {
                  if (const auto body = readObject(call.request, call.responder))
                      DecisionEndpoints::postDecision(*api.m_service, call.principal, call.actionId, *body,
                                                      call.responder);
              }),
    };
    return table;
}

void HttpApi::gatewayInfo(const Call &call)
{
    const ActionService::SigningPolicy &policy = m_service->signingPolicy();
    GatewayInfo info;
    info.gatewayId = m_gatewayId;
    info.protocol = FeedMessages::kProtocolVersion;
    info.principal = call.principal;
    info.requireHardwareKeys = policy.requireHardwareKeys;
    info.maxClockSkewSeconds = policy.maxClockSkewSeconds;
    info.fido2RpId = policy.fido2RpId;
    info.algorithms = {Crypto::ES256, Crypto::Ed25519};
    info.auditPublicKey = m_auditKey;
    writeJson(call.responder, info.toJson());
}

void HttpApi::metrics(const Call &call)
{
    call.responder.write(m_metrics ? m_metrics() : QByteArray(),
                         QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"));
}

void HttpApi::auditPage(const Call &call)
{
    // One page in flight per connection: the next once the previous was built and written.
    if (call.socket->bytesToWrite() > 0)
        return writeError(call.responder,
                          {ErrorCode::RateLimited, u"The previous audit page has not been read yet."_s});
    WireError error;
    const auto request = AuditEndpoints::pageRequest(call.request, &error);
    if (!request)
        return writeError(call.responder, error);
    auto page = std::make_shared<PageInFlight>(PageInFlight{call.socket, std::move(call.responder), {}});
    m_pages.insert(call.socket, page);
    const QTcpSocket *key = call.socket;
    // The socket going away first is found by the QPointer; this server going away drops the call.
    m_auditPages->build(request->after, request->limit, {}, this, [this, key, page](const QByteArray &text) {
        if (m_pages.value(key) == page)
            m_pages.remove(key);
        writePage(*page, text);
    });
}

void HttpApi::writePage(PageInFlight &page, const QByteArray &text)
{
    if (!page.socket || page.socket->state() != QAbstractSocket::ConnectedState)
        return;
    page.responder.write(text, QByteArrayLiteral("application/json"));
    for (QHttpServerResponder &behind : page.behind) {
        writeError(behind, {ErrorCode::RateLimited,
                            u"A request sent while an audit page was being built is not served: send it again."_s});
    }
}

void HttpApi::submit(const Principal &principal, const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    const auto body = readObject(request, responder);
    if (!body)
        return;
    WireError error;
    auto parsed = ActionCodec::parseRequest(*body, &error);
    if (!parsed)
        return writeError(responder, error);
    // `on_behalf_of` names a principal of this gateway, exactly (after NFC and trimming): no
    // variant of an approver's id ("DEV-APPROVER", " dev-approver") slips past the self-approval rule.
    if (!parsed->onBehalfOf.isEmpty()) {
        const QString id = parsed->onBehalfOf.normalized(QString::NormalizationForm_C).trimmed();
        if (!m_principals->find(id)) {
            return writeError(responder, {ErrorCode::InvalidField,
                                          u"The field 'on_behalf_of' must name a principal of this gateway; '%1' is "
                                          "none."_s.arg(parsed->onBehalfOf)});
        }
        parsed->onBehalfOf = id;
    }
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
        idempotency = ActionService::Idempotency{
            QString::fromLatin1(key), QString::fromLatin1(Crypto::sha256(canonical.value_or(QByteArray())).toHex())};
    }
    bool replayed = false;
    const auto action = m_service->submit(principal, std::move(*parsed), &error, idempotency, &replayed);
    if (!action)
        return writeError(responder, error);
    // The whole action: pending, or already allowed or denied by the policy (with its rule); a
    // replay answers 200 with the action as it now stands.
    const Status status = replayed ? Status::Ok : Status::Created;
    // A pending action's canonical JSON is at hand (made once, for the consoles' snapshots).
    if (const QByteArray text = m_service->pendingText(action->id); !text.isEmpty())
        return responder.write(text, QByteArrayLiteral("application/json"), status);
    writeJson(responder, ActionCodec::toJson(*action), status);
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

void HttpApi::answerParkedPolls()
{
    const QList<ParkedPoll *> polls = m_parked.values();
    for (ParkedPoll *poll : polls) {
        const QPointer<QTcpSocket> socket = poll->socket;
        if (const auto action = m_service->find(poll->actionId))
            answerParked(poll, *action);
        if (socket) // out before the process ends
            socket->flush();
    }
}

void HttpApi::onActionResolved(const Action &action)
{
    const QList<ParkedPoll *> polls = m_parked.values(action.id);
    for (ParkedPoll *poll : polls)
        answerParked(poll, action);
}

} // namespace cs
