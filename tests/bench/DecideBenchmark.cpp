#include "BenchSupport.h"
#include "GatewayProcess.h"
#include "SoftHsmToken.h"
#include "TestClients.h"
#include "signing/Crypto.h"
#include "signing/Pkcs11Signer.h"
#include "signing/SigningJob.h"
#include "signing/SoftwareSigner.h"
#include "util/Tokens.h"
#include "wire/ActionCodec.h"
#include "wire/FeedMessages.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QWebSocket>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace cs::test;

namespace cs::bench {

namespace {

struct Timings
{
    QList<double> sign;      // the console's signDecision() alone
    QList<double> roundTrip; // signing starts -> the agent's long poll answers "approved"
    QList<double>
        sendToResult; // decide sent -> decision_result back: gateway verify + store + notify, one ws round trip
    int refused = 0;
};

// One agent, one console, sequential decisions: each action is submitted and fetched (untimed),
// the agent parks its long poll, then the console signs and sends, and the clock runs until the
// agent hears the outcome.
class DecideDriver
{
public:
    DecideDriver(const GatewayProcess &gateway, QString agentToken, QString approverToken, QString approverId)
        : m_gateway(gateway), m_agentToken(std::move(agentToken)), m_approverToken(std::move(approverToken)),
          m_approverId(std::move(approverId))
    {
        QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/v1/feed"_s.arg(gateway.port())));
        request.setRawHeader("Authorization", "Bearer " + m_approverToken.toUtf8());
        QObject::connect(&m_console, &QWebSocket::textMessageReceived, &m_console, [this](const QString &text) {
            if (text.contains(u"\"decision_result\""_s)) {
                m_resultAt = nowNs();
                m_accepted = text.contains(u"\"accepted\":true"_s);
            }
        });
        m_console.open(request);
        waitUntil([this] { return m_console.state() == QAbstractSocket::ConnectedState; });
    }

    QNetworkReply *http(const QByteArray &method, const QString &path, const QString &token,
                        const QByteArray &body = {})
    {
        QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_gateway.port()).arg(path)));
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        return m_network.sendCustomRequest(request, method, body);
    }

    static QJsonObject await(QNetworkReply *reply)
    {
        waitUntil([reply] { return reply->isFinished(); });
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        return body;
    }

    bool decideOnce(Signer &signer, const QString &pin, Timings &timings)
    {
        const QJsonObject created =
            await(http("POST", u"/v1/actions"_s, m_agentToken, QJsonDocument(HttpProbe::sampleAction()).toJson()));
        const QString id = created.value(u"id"_s).toString();
        WireError error;
        const auto action =
            ActionCodec::actionFromJson(await(http("GET", u"/v1/actions/"_s + id, m_approverToken)), &error);
        if (!action)
            return false;
        QNetworkReply *poll = http("GET", u"/v1/actions/%1?wait=30"_s.arg(id), m_agentToken);
        m_resultAt = 0;
        const qint64 start = nowNs();
        const SigningOutcome outcome =
            signDecision(signer, {*action, Verdict::Approve, {}, m_approverId, pin, QDateTime::currentDateTimeUtc()});
        const qint64 signedAt = nowNs();
        if (!outcome.decision)
            return false;
        m_console.sendTextMessage(
            QString::fromUtf8(FeedMessages::decide(id, DecisionSubmission{*outcome.decision, *outcome.signature})));
        const qint64 sentAt = nowNs();
        waitUntil([poll] { return poll->isFinished(); }, 30000);
        const qint64 answeredAt = nowNs();
        const bool approved =
            QJsonDocument::fromJson(poll->readAll()).object().value(u"status"_s).toString() == u"approved"_s;
        poll->deleteLater();
        waitUntil([this] { return m_resultAt != 0; }, 10000);
        if (!approved || !m_accepted) {
            ++timings.refused;
            return true;
        }
        timings.sign.append(double(signedAt - start) / 1000.0);
        timings.roundTrip.append(double(answeredAt - start) / 1000.0);
        timings.sendToResult.append(double(m_resultAt - sentAt) / 1000.0);
        return true;
    }

private:
    const GatewayProcess &m_gateway;
    QString m_agentToken;
    QString m_approverToken;
    QString m_approverId;
    QNetworkAccessManager m_network;
    QWebSocket m_console;
    qint64 m_resultAt = 0;
    bool m_accepted = false;
};

// Baselines: one bare signature and one bare verification of the same bytes, nothing around them.
QJsonObject bareSignAndVerify(Signer &signer, const QString &pin, const QByteArray &spki, const QString &algorithm,
                              int rounds)
{
    const QByteArray message(260, 'd'); // about the size of a decision's JCS bytes
    QList<double> sign;
    QList<double> verify;
    SignerError error;
    for (int i = 0; i < rounds; ++i) {
        const qint64 start = nowNs();
        const auto signature = signer.sign(message, pin, &error);
        const qint64 middle = nowNs();
        if (!signature)
            break;
        Crypto::verify(spki, algorithm, message, signature->value);
        verify.append(double(nowNs() - middle) / 1000.0);
        sign.append(double(middle - start) / 1000.0);
    }
    return {{u"sign"_s, summary(sign)}, {u"verify"_s, summary(verify)}};
}

QJsonObject report(const Timings &timings, const QJsonObject &bare)
{
    const QJsonObject roundTrip = summary(timings.roundTrip);
    return {{u"round_trip"_s, roundTrip},
            {u"console_sign"_s, summary(timings.sign)},
            {u"gateway_share_send_to_result"_s, summary(timings.sendToResult)},
            {u"refused"_s, timings.refused},
            {u"bare"_s, bare},
            {u"ratio_round_trip_p50_to_bare_sign_p50"_s,
             roundTrip[u"p50_us"_s].toDouble() / std::max(1.0, bare[u"sign"_s].toObject()[u"p50_us"_s].toDouble())}};
}

} // namespace

int decideBenchmark(int decisions)
{
    SoftHsmToken token;
    QString error;
    if (!token.create(u"Bench"_s, u"135790"_s, u"bench-key"_s, &error)) {
        std::fprintf(stderr, "countersign-bench: cannot make the SoftHSM token: %s\n", qPrintable(error));
        return 2;
    }
    Pkcs11Signer hsm(token.uri());
    SignerError signerError;
    const auto hsmKey = hsm.publicKey({}, &signerError);
    if (!hsmKey) {
        std::fprintf(stderr, "countersign-bench: %s\n", qPrintable(signerError.message));
        return 2;
    }
    TestPrincipal agent = GatewayProcess::principal(u"bench-agent"_s, Role::Agent);
    TestPrincipal alice = GatewayProcess::principal(u"alice"_s, Role::Approver); // software key
    TestPrincipal bob{u"bob"_s, Role::Approver, Tokens::generate(), {}, {}};     // SoftHSM key
    QByteArray pem = Crypto::pemFromSpki(*hsmKey).trimmed();
    pem.replace("\n", "\n      ");
    GatewayProcess gateway;
    if (!gateway.startWithConfig({agent, alice, bob},
                                 "keys:\n" + configuredKeyYaml(alice) +
                                     "  - owner: bob\n    type: pkcs11\n    public_key: |\n      " + pem + "\n")) {
        std::fprintf(stderr, "countersign-bench: cannot start the gateway\n");
        return 2;
    }
    SoftwareSigner software(alice.signingSeed);
    const QByteArray softwareKey = *software.publicKey({}, &signerError);

    Timings softwareTimings;
    Timings hsmTimings;
    {
        DecideDriver asAlice(gateway, agent.token, alice.token, alice.id);
        for (int i = 0; i < decisions; ++i) {
            if (!asAlice.decideOnce(software, {}, softwareTimings))
                return 2;
        }
        DecideDriver asBob(gateway, agent.token, bob.token, bob.id);
        for (int i = 0; i < decisions; ++i) {
            if (!asBob.decideOnce(hsm, token.pin(), hsmTimings))
                return 2;
        }
    }
    const QJsonObject softwareReport =
        report(softwareTimings, bareSignAndVerify(software, {}, softwareKey, Crypto::Ed25519, decisions));
    const QJsonObject hsmReport =
        report(hsmTimings, bareSignAndVerify(hsm, token.pin(), *hsmKey, Crypto::ES256, decisions));
    printJson({{u"benchmark"_s, u"decide"_s},
               {u"decisions_per_key"_s, decisions},
               {u"software_ed25519"_s, softwareReport},
               {u"softhsm_es256"_s, hsmReport},
               {u"baseline"_s, QJsonObject{{u"websocket_echo_round_trip"_s, websocketEcho(1000)},
                                           {u"sqlite_durable_commit"_s, sqliteCommit(300)},
                                           {u"sha256_1KiB"_s, sha256(20000)}}},
               {u"targets"_s,
                QJsonObject{{u"software_round_trip_p99_under_us"_s, 10000}, {u"gateway_share_under_us"_s, 2000}}}});
    return softwareTimings.refused + hsmTimings.refused == 0 ? 0 : 1;
}

} // namespace cs::bench
