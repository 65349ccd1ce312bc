#include "TestClients.h"

#include <QTcpSocket>

#include "signing/Crypto.h"
#include "wire/ActionCodec.h"

#include "wire/FeedMessages.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace cs::test {

QString HttpResult::errorCode() const
{
    return body.value(u"error"_s).toObject().value(u"code"_s).toString();
}

HttpResult HttpProbe::send(const QByteArray &method, const QString &path, const QString &token, const QByteArray &body,
                           int timeoutMs)
{
    QUrl url = m_base;
    const qsizetype query = path.indexOf(u'?');
    url.setPath(path.left(query));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    QNetworkRequest request(url);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(timeoutMs);
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.raw = reply->readAll();
    result.body = QJsonDocument::fromJson(result.raw).object();
    reply->deleteLater();
    return result;
}

HttpResult HttpProbe::post(const QString &path, const QString &token, const QJsonObject &body)
{
    return send("POST", path, token, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HttpResult HttpProbe::get(const QString &path, const QString &token, int timeoutMs)
{
    return send("GET", path, token, {}, timeoutMs);
}

QJsonObject HttpProbe::sampleAction(const QJsonObject &overrides)
{
    QJsonObject body{
        {u"kind"_s, u"db.export"_s},
        {u"command"_s, u"pg_dump --table=users prod"_s},
        {u"target"_s,
         QJsonObject{{u"system"_s, u"postgres"_s}, {u"resource"_s, u"users"_s}, {u"environment"_s, u"production"_s}}},
        {u"justification"_s, u"Quarterly export for INC-1"_s}};
    if (overrides.contains(u"argv"_s))
        body.remove(u"command"_s);
    for (auto it = overrides.begin(); it != overrides.end(); ++it)
        body.insert(it.key(), it.value());
    return body;
}

QJsonObject HttpProbe::submit(const QString &token, const QJsonObject &overrides)
{
    const HttpResult result = post(u"/v1/actions"_s, token, sampleAction(overrides));
    if (result.status != 201)
        qWarning() << "submit failed:" << result.status << result.raw;
    return result.status == 201 ? result.body : QJsonObject();
}

FeedProbe::FeedProbe(QObject *parent) : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &text) { m_messages.append(QJsonDocument::fromJson(text.toUtf8()).object()); });
}

bool FeedProbe::open(const QUrl &gatewayUrl, const QString &token, qint64 sinceSeq)
{
    QUrl url = gatewayUrl;
    url.setScheme(u"ws"_s);
    url.setPath(u"/v1/feed"_s);
    if (sinceSeq >= 0)
        url.setQuery(u"since_seq="_s + QString::number(sinceSeq));
    QNetworkRequest request(url);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    QSignalSpy connected(&m_socket, &QWebSocket::connected);
    m_socket.open(request);
    return connected.wait(5000);
}

void FeedProbe::send(const QJsonObject &message)
{
    m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

QJsonObject FeedProbe::waitForMessage(const std::function<bool(const QJsonObject &)> &match, int from, int timeoutMs,
                                      const QString &what)
{
    QJsonObject found;
    const auto scan = [&] {
        for (int i = from; i < m_messages.size(); ++i) {
            if (match(m_messages.at(i))) {
                found = m_messages.at(i);
                return true;
            }
        }
        return false;
    };
    if (!QTest::qWaitFor(scan, timeoutMs))
        qWarning() << "no" << what << "within" << timeoutMs << "ms";
    return found;
}

QJsonObject FeedProbe::waitFor(const QString &type, int from, int timeoutMs)
{
    return waitForMessage([&type](const QJsonObject &m) { return m.value(u"type"_s).toString() == type; }, from,
                          timeoutMs, type + u" message"_s);
}

QJsonObject FeedProbe::waitForEvent(const QString &eventType, int from, int timeoutMs)
{
    const auto isEvent = [&eventType](const QJsonObject &m) {
        return m.value(u"event"_s).toObject().value(u"type"_s).toString() == eventType;
    };
    return waitForMessage(isEvent, from, timeoutMs, eventType + u" event"_s).value(u"event"_s).toObject();
}

SignedDecision FeedProbe::decision(const QString &actionId, const QString &verdict, const QString &digest,
                                   const QString &reason) const
{
    QString approver;
    for (const QJsonObject &message : m_messages) {
        if (message.value(u"type"_s).toString() == u"hello")
            approver = message.value(u"principal"_s).toObject().value(u"id"_s).toString();
    }
    SignedDecision decision;
    decision.actionId = actionId;
    decision.actionDigest = digest;
    decision.verdict = verdictFromName(verdict).value_or(Verdict::Deny);
    decision.reason = reason;
    decision.approver = approver;
    decision.keyId = Crypto::keyIdFor(Crypto::ed25519PublicFromSeed(m_seed).value_or(QByteArray()));
    decision.signedAt = formatTime(QDateTime::currentDateTimeUtc());
    decision.nonce = QString::fromLatin1(Crypto::randomBytes(16).toBase64(QByteArray::Base64UrlEncoding));
    return decision;
}

SignatureRecord FeedProbe::sign(const SignedDecision &decision) const
{
    return {Crypto::Ed25519, Crypto::ed25519Sign(m_seed, decision.canonicalBytes()).value_or(QByteArray()), {}};
}

QJsonObject FeedProbe::sendDecision(const QJsonObject &submission)
{
    QJsonObject message = submission;
    message.insert(u"type"_s, u"decide"_s);
    message.insert(u"request_id"_s, u"r%1"_s.arg(m_nextRequest++));
    const int from = int(m_messages.size());
    send(message);
    return waitFor(u"decision_result"_s, from);
}

QJsonObject FeedProbe::decide(const QString &actionId, const QString &verdict, const QString &digest,
                              const QString &reason)
{
    if (m_seed.isEmpty()) {
        return sendDecision(
            {{u"action_id"_s, actionId}, {u"verdict"_s, verdict}, {u"reason"_s, reason}, {u"action_digest"_s, digest}});
    }
    const SignedDecision signedDecision = decision(actionId, verdict, digest, reason);
    return sendDecision(DecisionSubmission{signedDecision, sign(signedDecision)}.toJson());
}

bool FeedProbe::open(const QUrl &gatewayUrl, const TestPrincipal &principal)
{
    m_seed = principal.signingSeed;
    return open(gatewayUrl, principal.token);
}

QList<qint64> FeedProbe::eventSeqs() const
{
    QList<qint64> seqs;
    for (const QJsonObject &message : m_messages) {
        if (message.value(u"type"_s).toString() == u"event")
            seqs.append(message.value(u"event"_s).toObject().value(u"seq"_s).toInteger());
    }
    return seqs;
}

ProgramRun runProgram(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    process.waitForFinished(30000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

// Sends raw bytes on a fresh connection and returns everything the gateway answers until it
// closes the connection or stops sending.
QByteArray rawExchange(quint16 port, const QByteArray &bytes, const QHostAddress &from)
{
    QTcpSocket socket;
    if (!from.isNull())
        socket.bind(from);
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(bytes);
    // Until the connection closes or stays quiet; a complete single answer ends it at once.
    QByteArray answer;
    const auto complete = [&answer] {
        const qsizetype end = answer.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QByteArray headers = answer.left(end).toLower();
        const qsizetype at = headers.indexOf("content-length:");
        const qsizetype length = at < 0 ? 0 : headers.mid(at + 15).split('\r').first().trimmed().toLongLong();
        return answer.size() >= end + 4 + length;
    };
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(1000)) {
        answer += socket.readAll();
        if (complete() && !socket.waitForReadyRead(100)) // anything more (a second answer) comes at once
            break;
    }
    return answer + socket.readAll();
}

std::optional<double> metricValue(const QByteArray &metrics, const QByteArray &series)
{
    const QByteArray line = '\n' + series + ' ';
    const qsizetype at = metrics.indexOf(line);
    if (at < 0)
        return std::nullopt;
    const qsizetype from = at + line.size();
    return metrics.mid(from, metrics.indexOf('\n', from) - from).toDouble();
}

} // namespace cs::test
