#include "WebhookDispatcher.h"

#include "util/Log.h"
#include "wire/ActionCodec.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

constexpr int kPage = 100;
constexpr qsizetype kRecent = 1000;
constexpr int kTimeoutMs = 10000;
constexpr int kMaxBackoffMs = 300000;

enum class Kind { None, Requested, Resolved, Refused };

Kind kindOf(const QString &type)
{
    if (type == EventType::ActionRequested)
        return Kind::Requested;
    if (type == EventType::ActionApproved || type == EventType::ActionDenied || type == EventType::ActionExpired ||
        type == EventType::ActionCancelled)
        return Kind::Resolved;
    if (type == EventType::DecisionRefused)
        return Kind::Refused;
    return Kind::None;
}

// One line a human reads in a chat channel; never the command (channels are read widely).
QString summary(const Event &event, const Action &action, Kind kind)
{
    const ActionRequest &request = action.request;
    QString what = u"%1 on %2/%3 (%4) by %5"_s.arg(request.kind, request.target.system, request.target.resource,
                                                   request.target.environment, action.initiator);
    switch (kind) {
    case Kind::Requested:
        return u"[%1] Approval needed: %2. Why: %3"_s.arg(urgencyName(request.urgency), what, request.justification);
    case Kind::Resolved: {
        const QString by = action.resolution ? action.resolution->by : QString();
        if (event.type == EventType::ActionApproved)
            return u"Approved by %1: %2"_s.arg(by, what);
        if (event.type == EventType::ActionDenied)
            return u"Denied by %1: %2. Reason: %3"_s.arg(by, what,
                                                         action.resolution ? action.resolution->reason : QString());
        return u"%1: %2"_s.arg(event.type == EventType::ActionExpired ? u"Expired unanswered"_s : u"Cancelled"_s, what);
    }
    case Kind::Refused:
        return u"A decision by %1 on %2 was refused: %3"_s.arg(event.actor, what,
                                                               event.payload.value(u"code"_s).toString());
    case Kind::None:
        break;
    }
    return what;
}

} // namespace

struct WebhookDispatcher::Target
{
    WebhookConfig config;
    qint64 cursor = 0; // delivered (or skipped) up to this seq
    bool busy = false; // a delivery is on its way
    int attempts = 0;  // of the event after the cursor
    QTimer *retry = nullptr;
    qint64 delivered = 0;
    qint64 failedAttempts = 0;
    qint64 givenUp = 0;
    QString lastError;
};

WebhookDispatcher::WebhookDispatcher(StoreLocation location, QString gatewayId, QList<WebhookConfig> webhooks,
                                     const QHash<QString, qint64> &cursors, qint64 toldSeq, QObject *parent)
    : QObject(parent), m_location(std::move(location)), m_gatewayId(std::move(gatewayId)), m_toldSeq(toldSeq)
{
    for (WebhookConfig &config : webhooks) {
        auto target = std::make_unique<Target>();
        target->cursor = cursors.value(config.name);
        target->config = std::move(config);
        m_targets.push_back(std::move(target));
    }
}

WebhookDispatcher::~WebhookDispatcher() = default;

QHash<QString, qint64> WebhookDispatcher::readCursors(const QSqlDatabase &db, QString *error)
{
    QHash<QString, qint64> cursors;
    QSqlQuery query(db);
    if (!query.exec(u"SELECT name, seq FROM webhook_cursors"_s)) {
        *error = u"cannot read the webhook cursors: %1"_s.arg(query.lastError().text());
        return cursors;
    }
    while (query.next())
        cursors.insert(query.value(0).toString(), query.value(1).toLongLong());
    return cursors;
}

void WebhookDispatcher::saveCursors(QSqlDatabase db, const QHash<QString, qint64> &cursors)
{
    // At most once a second, off the submission path: after a crash a few deliveries may be sent
    // again (receivers tell them apart by X-Countersign-Delivery), none is lost.
    QSqlQuery query(db);
    query.prepare(u"INSERT INTO webhook_cursors (name, seq) VALUES (?, ?)"
                  " ON CONFLICT(name) DO UPDATE SET seq = excluded.seq"_s);
    db.transaction();
    for (auto it = cursors.cbegin(); it != cursors.cend(); ++it) {
        query.addBindValue(it.key());
        query.addBindValue(it.value());
        if (!query.exec())
            qCWarning(lcGateway) << "cannot save the cursor of webhook" << it.key() << ":" << query.lastError().text();
    }
    db.commit();
}

void WebhookDispatcher::start()
{
    m_store = std::make_unique<EventStore>(u"countersign-webhooks"_s);
    QString error;
    if (!m_store->open(m_location, &error)) {
        qCCritical(lcGateway) << "webhooks cannot read the store:" << error;
        return;
    }
    m_network = std::make_unique<QNetworkAccessManager>();
    m_reportTimer = new QTimer(this);
    m_reportTimer->setSingleShot(true);
    m_reportTimer->setInterval(1000);
    connect(m_reportTimer, &QTimer::timeout, this, &WebhookDispatcher::reportProgress);
    for (const auto &target : m_targets) {
        target->retry = new QTimer(this);
        target->retry->setSingleShot(true);
        connect(target->retry, &QTimer::timeout, this, [this, t = target.get()] { pump(*t); });
        qCInfo(lcGateway) << "webhook" << target->config.name << "delivers from seq" << target->cursor + 1;
        pump(*target);
    }
}

void WebhookDispatcher::onEventRecorded(const Event &event)
{
    m_toldSeq = std::max(m_toldSeq, event.seq);
    if (!m_recent.isEmpty() && event.seq != m_recent.last().seq + 1)
        m_recent.clear(); // a gap: never serve a partial run from memory
    m_recent.append(event);
    if (m_recent.size() > kRecent)
        m_recent.remove(0, m_recent.size() - kRecent);
    // Many events at once (a burst of submissions) make one walk.
    if (m_pumpQueued || !m_store)
        return;
    m_pumpQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_pumpQueued = false;
            for (const auto &target : m_targets)
                pump(*target);
        },
        Qt::QueuedConnection);
}

std::optional<QByteArray> WebhookDispatcher::bodyFor(const WebhookConfig &webhook, const QString &gatewayId,
                                                     const Event &event, const Action &action)
{
    const Kind kind = kindOf(event.type);
    if (kind == Kind::None || (kind == Kind::Requested && !webhook.requested) ||
        (kind == Kind::Resolved && !webhook.resolved) || (kind == Kind::Refused && !webhook.refused))
        return std::nullopt;
    if (action.request.urgency < webhook.minUrgency)
        return std::nullopt;
    if (webhook.onlyWhenNamed && !(action.policy && action.policy->notify.contains(webhook.name)))
        return std::nullopt;
    const QString link = u"countersign://action/%1/%2"_s.arg(gatewayId, action.id);
    const QString text = summary(event, action, kind);
    QJsonObject body;
    if (webhook.format == WebhookConfig::Format::Slack) {
        body = {{u"text"_s, u"%1\nReview in Countersign: %2"_s.arg(text, link)}};
    } else {
        body = {{u"gateway_id"_s, gatewayId},
                {u"delivery"_s, u"%1:%2:%3"_s.arg(gatewayId, webhook.name).arg(event.seq)},
                {u"summary"_s, text},
                {u"link"_s, link},
                {u"event"_s, ActionCodec::toJson(event)},
                {u"action"_s, ActionCodec::toJson(action)}};
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray WebhookDispatcher::signature(const QByteArray &secret, const QByteArray &body)
{
    return "sha256=" + QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

QList<Event> WebhookDispatcher::eventsAfter(qint64 seq) const
{
    if (!m_recent.isEmpty() && m_recent.first().seq <= seq + 1 && seq < m_recent.last().seq)
        return m_recent.mid(seq + 1 - m_recent.first().seq, kPage);
    QList<Event> events = m_store->eventsAfter(seq, kPage);
    // What the connection reads may not be durable yet: only what the gateway told of is.
    while (!events.isEmpty() && events.constLast().seq > m_toldSeq)
        events.removeLast();
    return events;
}

std::optional<Action> WebhookDispatcher::actionOf(const Event &event) const
{
    if (event.type == EventType::ActionRequested) {
        WireError error;
        if (auto action = ActionCodec::actionFromJson(event.payload.value(u"action"_s).toObject(), &error))
            return action;
    }
    return m_store->action(event.actionId);
}

void WebhookDispatcher::pump(Target &target)
{
    if (target.busy || target.retry->isActive())
        return;
    while (true) {
        const QList<Event> events = eventsAfter(target.cursor);
        if (events.isEmpty())
            return;
        for (const Event &event : events) {
            if (kindOf(event.type) != Kind::None) {
                const std::optional<Action> action = actionOf(event);
                if (const auto body = action ? bodyFor(target.config, m_gatewayId, event, *action) : std::nullopt)
                    return deliver(target, event.seq, *body);
            }
            moveCursor(target, event.seq);
        }
    }
}

void WebhookDispatcher::deliver(Target &target, qint64 seq, const QByteArray &body)
{
    target.busy = true;
    QNetworkRequest request(target.config.url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("countersign-gateway"));
    request.setRawHeader("X-Countersign-Signature", signature(target.config.secret, body));
    request.setRawHeader("X-Countersign-Delivery",
                         u"%1:%2:%3"_s.arg(m_gatewayId, target.config.name).arg(seq).toUtf8());
    request.setTransferTimeout(kTimeoutMs);
    QNetworkReply *reply = m_network->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, &target, seq] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        onDelivered(target, seq, status, reply->error() == QNetworkReply::NoError ? QString() : reply->errorString());
    });
}

void WebhookDispatcher::onDelivered(Target &target, qint64 seq, int status, const QString &error)
{
    target.busy = false;
    if (!m_reportTimer->isActive())
        m_reportTimer->start();
    if (status >= 200 && status < 300) {
        ++target.delivered;
        target.attempts = 0;
        moveCursor(target, seq);
        return pump(target);
    }
    ++target.attempts;
    ++target.failedAttempts;
    const QString why = status > 0 ? u"HTTP %1"_s.arg(status) : error;
    target.lastError = why;
    qCWarning(lcGateway).noquote() << "webhook" << target.config.name << "could not deliver seq" << seq << "(attempt"
                                   << target.attempts << "of" << target.config.maxAttempts << "):" << why;
    if (target.attempts >= target.config.maxAttempts) {
        // Given up, and said so in the log; the next event goes on.
        Q_EMIT deliveryGivenUp(
            {{u"webhook"_s, target.config.name}, {u"seq"_s, seq}, {u"attempts"_s, target.attempts}, {u"error"_s, why}});
        ++target.givenUp;
        target.attempts = 0;
        moveCursor(target, seq);
        return pump(target);
    }
    // 1 s, 2 s, 4 s … up to 5 min, with up to a quarter of jitter so receivers are not hit in step.
    const int base = int(std::min<qint64>(kMaxBackoffMs, 1000LL << std::min(target.attempts - 1, 20)));
    target.retry->start(base + int(QRandomGenerator::global()->bounded(base / 4 + 1)));
}

void WebhookDispatcher::moveCursor(Target &target, qint64 seq)
{
    target.cursor = seq;
    if (!m_reportTimer->isActive())
        m_reportTimer->start();
}

void WebhookDispatcher::reportProgress()
{
    QJsonArray webhooks;
    for (const auto &target : m_targets)
        webhooks.append(QJsonObject{{u"name"_s, target->config.name},
                                    {u"cursor"_s, target->cursor},
                                    {u"delivered"_s, target->delivered},
                                    {u"failed_attempts"_s, target->failedAttempts},
                                    {u"given_up"_s, target->givenUp},
                                    {u"last_error"_s, target->lastError}});
    Q_EMIT progressed(webhooks);
}

} // namespace cs
