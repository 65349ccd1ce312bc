#include "AgentClient.h"

#include "util/Log.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace cs {

AgentClient::AgentClient(QNetworkAccessManager *network, QObject *parent) : QObject(parent), m_network(network)
{
}

void AgentClient::setEndpoint(const QUrl &gatewayUrl, const QString &token, const TlsTrust &trust)
{
    m_gatewayUrl = gatewayUrl;
    m_authorization = "Bearer " + token.toUtf8();
    QString error;
    if (!setTrust(trust, &error)) // an unreadable CA file trusts nothing: every https call fails
        qCWarning(lcClient).noquote() << error;
}

bool AgentClient::setTrust(const TlsTrust &trust, QString *error)
{
    auto ssl = trust.sslConfiguration(error);
    if (!ssl)
        return false;
    m_trust = trust;
    m_ssl = std::move(ssl);
    return true;
}

namespace {
// Set on a reply whose TLS connection was not trusted: the sentence for the user.
constexpr char kTlsRefusal[] = "countersign_tls_refusal";
} // namespace

void AgentClient::submit(const QJsonObject &request, QObject *context, Callback callback)
{
    struct Attempt
    {
        QByteArray body;
        QByteArray key = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        QDeadlineTimer retryUntil;
        int backoffMs = 250;
        std::function<void()> send;
    };
    auto attempt = std::make_shared<Attempt>();
    attempt->body = QJsonDocument(request).toJson(QJsonDocument::Compact);
    attempt->retryUntil = QDeadlineTimer(qint64(m_submitRetrySeconds) * 1000);
    attempt->send = [this, attempt, context, callback = std::move(callback)] {
        deliver(send("POST", u"/v1/actions"_s, attempt->body, 30000, attempt->key), context,
                [attempt, context, callback](const Reply &reply) {
                    if (!reply.unreachable() || attempt->retryUntil.hasExpired()) {
                        attempt->send = nullptr; // ends the cycle attempt -> send -> attempt
                        return callback(reply);
                    }
                    qCInfo(lcClient) << "gateway unreachable; submitting again in" << attempt->backoffMs << "ms";
                    QTimer::singleShot(attempt->backoffMs, context, [attempt] {
                        if (attempt->send)
                            attempt->send();
                    });
                    attempt->backoffMs = std::min(attempt->backoffMs * 2, 5000);
                });
    };
    attempt->send();
}

void AgentClient::fetch(const QString &actionId, int waitSeconds, QObject *context, Callback callback)
{
    QString path = u"/v1/actions/"_s + actionId;
    if (waitSeconds > 0)
        path += u"?wait="_s + QString::number(waitSeconds);
    deliver(send("GET", path, {}, (waitSeconds + 15) * 1000), context, std::move(callback));
}

void AgentClient::cancel(const QString &actionId, QObject *context, Callback callback)
{
    deliver(send("POST", u"/v1/actions/%1/cancel"_s.arg(actionId), "{}", 30000), context, std::move(callback));
}

void AgentClient::get(const QString &path, QObject *context, Callback callback)
{
    deliver(send("GET", path, {}, 30000), context, std::move(callback));
}

void AgentClient::getText(const QString &path, QObject *context, Callback callback)
{
    deliver(send("GET", path, {}, 30000), context, std::move(callback), Body::Text);
}

void AgentClient::post(const QString &path, const QJsonObject &body, QObject *context, Callback callback)
{
    deliver(send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), 30000), context,
            std::move(callback));
}

QNetworkReply *AgentClient::send(const QByteArray &method, const QString &path, const QByteArray &body, int timeoutMs,
                                 const QByteArray &idempotencyKey)
{
    QUrl url = m_gatewayUrl;
    const qsizetype queryAt = path.indexOf(u'?');
    url.setPath(path.left(queryAt));
    if (queryAt >= 0)
        url.setQuery(path.mid(queryAt + 1));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", m_authorization);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(timeoutMs);
    if (!idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", idempotencyKey);
    const bool tls = url.scheme() == u"https";
    if (tls && m_ssl)
        request.setSslConfiguration(*m_ssl);
    qCDebug(lcClient) << method << url;
    QNetworkReply *reply = m_network->sendCustomRequest(request, method, body);
    if (!tls)
        return reply;
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError> &errors) {
        const QList<QSslCertificate> chain = reply->sslConfiguration().peerCertificateChain();
        const QList<QSslError> left = m_trust.remaining(errors, chain);
        if (left.isEmpty())
            reply->ignoreSslErrors(errors);
        else
            reply->setProperty(kTlsRefusal, TlsTrust::describe(left, chain));
    });
    connect(reply, &QNetworkReply::encrypted, this, [this, reply] {
        const QList<QSslCertificate> chain = reply->sslConfiguration().peerCertificateChain();
        if (m_trust.pinned(chain))
            return;
        reply->setProperty(kTlsRefusal, m_trust.pinMissing(chain));
        reply->abort();
    });
    return reply;
}

void AgentClient::deliver(QNetworkReply *reply, QObject *context, Callback callback, Body body)
{
    connect(reply, &QNetworkReply::finished, context, [reply, body, callback = std::move(callback)] {
        reply->deleteLater();
        Reply result;
        result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray bytes = reply->readAll();
        if (body == Body::Json || result.httpStatus >= 400)
            result.body = QJsonDocument::fromJson(bytes).object();
        if (body == Body::Text)
            result.text = bytes;
        if (const QString tls = reply->property(kTlsRefusal).toString(); !tls.isEmpty()) {
            result.error = {u"tls_untrusted"_s, tls};
        } else if (result.httpStatus == 0) {
            result.error = {u"unreachable"_s, u"The gateway could not be reached: %1"_s.arg(reply->errorString())};
        } else if (result.httpStatus >= 400) {
            result.error = WireError::fromJson(result.body.value(u"error"_s).toObject());
            if (result.error.isNull())
                result.error = {u"http_%1"_s.arg(result.httpStatus), QString::fromUtf8(bytes.left(200))};
        }
        callback(result);
    });
}

} // namespace cs
