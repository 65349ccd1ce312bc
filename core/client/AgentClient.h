#pragma once

#include "client/TlsTrust.h"
#include "wire/WireError.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace cs {

// A client of the gateway's HTTP API: the agent's calls (submit, fetch with long poll, cancel)
// and plain GET/POST for the approver's and auditor's endpoints.
// Asynchronous: every call takes a context object and a callback that runs on its thread.
class AgentClient : public QObject
{
    Q_OBJECT
public:
    struct Reply
    {
        int httpStatus = 0; // 0 when the gateway could not be reached
        QJsonObject body;   // the JSON body, on success and on refusal (not for getText())
        QByteArray text;    // the body as received, for getText()
        WireError error;    // the gateway's error, or a transport error (code "unreachable")
        bool ok() const { return error.isNull(); }
        // No answer, for a reason that may pass (not an untrusted certificate).
        bool unreachable() const { return httpStatus == 0 && error.code == u"unreachable"; }
    };
    using Callback = std::function<void(const Reply &)>;

    explicit AgentClient(QNetworkAccessManager *network, QObject *parent = nullptr);

    void setEndpoint(const QUrl &gatewayUrl, const QString &token, const TlsTrust &trust = {});
    // How the gateway's certificate is trusted on https:// (a pinned CA file or fingerprint). A
    // certificate it does not trust fails the call with the code "tls_untrusted" and a sentence.
    bool setTrust(const TlsTrust &trust, QString *error);

    // POST /v1/actions under a fresh Idempotency-Key. While the gateway cannot be reached it is
    // sent again with the same key for up to `setSubmitRetry` seconds, so an answer lost in a
    // crash neither loses the request nor makes a second action.
    void submit(const QJsonObject &request, QObject *context, Callback callback);
    void setSubmitRetry(int seconds) { m_submitRetrySeconds = seconds; }
    void fetch(const QString &actionId, int waitSeconds, QObject *context, Callback callback);
    void cancel(const QString &actionId, QObject *context, Callback callback);
    void get(const QString &path, QObject *context, Callback callback);
    // GET, leaving a successful body unparsed in Reply::text, for large answers read another way.
    void getText(const QString &path, QObject *context, Callback callback);
    void post(const QString &path, const QJsonObject &body, QObject *context, Callback callback);

private:
    QNetworkReply *send(const QByteArray &method, const QString &path, const QByteArray &body, int timeoutMs,
                        const QByteArray &idempotencyKey = {});
    enum class Body { Json, Text };
    void deliver(QNetworkReply *reply, QObject *context, Callback callback, Body body = Body::Json);

    QNetworkAccessManager *m_network;
    TlsTrust m_trust;
    std::optional<QSslConfiguration> m_ssl;
    QUrl m_gatewayUrl;
    QByteArray m_authorization;
    int m_submitRetrySeconds = 0;
};

} // namespace cs
