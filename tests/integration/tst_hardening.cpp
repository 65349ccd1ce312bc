#include "GatewayProcess.h"
#include "TestClients.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// What the gateway refuses to do however it is started or spoken to (issue 11): a second gateway
// on the same data directory, files anyone may read, and HTTP framing that could smuggle a request.
class TestHardening : public QObject
{
    Q_OBJECT

    GatewayProcess m_gateway;
    QTemporaryFile m_config;

    QByteArray raw(const QByteArray &bytes, const QHostAddress &from = {})
    {
        return rawExchange(m_gateway.port(), bytes, from);
    }

    // POST /v1/actions with an Idempotency-Key; the status and the JSON body.
    std::pair<int, QJsonObject> submitWithKey(const QByteArray &key, const QJsonObject &overrides = {})
    {
        const QByteArray body = QJsonDocument(HttpProbe::sampleAction(overrides)).toJson(QJsonDocument::Compact);
        const QByteArray answer = raw("POST /v1/actions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                      "Authorization: Bearer " +
                                      m_gateway.dev().agent.token.toUtf8() + "\r\nIdempotency-Key: " + key +
                                      "\r\nContent-Type: application/json\r\n"
                                      "Content-Length: " +
                                      QByteArray::number(body.size()) + "\r\n\r\n" + body);
        const int status = answer.mid(9, 3).toInt();
        return {status, QJsonDocument::fromJson(answer.mid(answer.indexOf("\r\n\r\n") + 4)).object()};
    }

    qsizetype pendingCount()
    {
        return HttpProbe(m_gateway.url())
            .get(u"/v1/actions?status=pending"_s, m_gateway.dev().approver.token)
            .body.value(u"actions"_s)
            .toArray()
            .size();
    }

private Q_SLOTS:
    void initTestCase()
    {
        ::umask(022); // what a careless service manager gives
        QVERIFY(m_config.open());
        m_config.write("auth:\n  max_failures_per_minute: 5\n");
        m_config.close();
        QVERIFY(m_gateway.startDevWith({u"--config"_s, m_config.fileName()}));
    }

    void secondGateway_onTheSameDataDirectory_refusesToStart()
    {
        QProcess second;
        second.start(GatewayProcess::binaryPath(),
                     {u"--dev"_s, u"--data-dir"_s, m_gateway.dataDir(), u"--listen"_s, u"127.0.0.1:0"_s});
        QVERIFY(second.waitForFinished(10000));
        QVERIFY(second.exitCode() != 0);
        const QString said = QString::fromUtf8(second.readAllStandardError());
        QVERIFY2(said.contains(u"already runs on the data directory"_s) &&
                     said.contains(QString::number(m_gateway.processId())),
                 qPrintable(said));
        // The first one is untouched.
        QCOMPARE(HttpProbe(m_gateway.url()).get(u"/healthz"_s, {}).status, 200);
    }

    void files_areTheGatewaysAlone()
    {
        HttpProbe(m_gateway.url()).submit(m_gateway.dev().agent.token); // the WAL exists once written
        const QDir dir(m_gateway.dataDir());
        const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther |
                                          QFile::WriteOther | QFile::ExeOther;
        QCOMPARE(QFileInfo(dir.path()).permissions() & others, QFile::Permissions());
        for (const QString &name : {u"gateway.sqlite"_s, u"gateway.sqlite-wal"_s, u"gateway.sqlite-shm"_s,
                                    u"gateway-audit.key"_s, u"dev-principals.json"_s}) {
            const QFileInfo file(dir.filePath(name));
            QVERIFY2(file.exists(), qPrintable(name));
            QVERIFY2((file.permissions() & others) == QFile::Permissions(), qPrintable(name));
        }
    }

    void contentLengthAndTransferEncoding_isRefused_andNothingIsSmuggled()
    {
        const QByteArray token = m_gateway.dev().agent.token.toUtf8();
        const QByteArray action = QJsonDocument(HttpProbe::sampleAction()).toJson(QJsonDocument::Compact);
        const QByteArray smuggled =
            "POST /v1/actions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
            "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(action.size()) + "\r\n\r\n" +
            action;
        HttpProbe http(m_gateway.url());
        const auto pending = [&] {
            return http.get(u"/v1/actions?status=pending"_s, m_gateway.dev().approver.token)
                .body.value(u"actions"_s)
                .toArray()
                .size();
        };
        const qsizetype before = pending();
        const QByteArray chunk = "0\r\n\r\n" + smuggled;
        const QByteArray request = "POST /v1/policy/explain HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                                   "\r\nContent-Length: " + QByteArray::number(chunk.size()) +
                                   "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk;
        const QByteArray answer = raw(request);
        QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.constData());
        QVERIFY2(answer.count("HTTP/1.1") == 1, "a second request was answered on the same connection");
        QVERIFY(answer.contains("ambiguous_length"));
        QCOMPARE(pending(), before); // the smuggled submission was never acted upon
    }

    void differingContentLengths_areRefused()
    {
        const QByteArray token = m_gateway.dev().agent.token.toUtf8();
        const QByteArray answer = raw("POST /v1/policy/explain HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                                      "\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}");
        QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.constData());
    }
    void wrongTokens_lockTheirAddressOut_andOthersAreServed()
    {
        const QHostAddress attacker(u"127.0.0.3"_s);
        const QByteArray guess = "GET /v1/actions?status=pending HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                 "Authorization: Bearer cs_guess\r\n\r\n";
        for (int i = 0; i < 5; ++i)
            QVERIFY(raw(guess, attacker).startsWith("HTTP/1.1 401"));
        const QByteArray locked = raw(guess, attacker);
        QVERIFY2(locked.startsWith("HTTP/1.1 429"), locked.constData());
        QVERIFY(locked.contains("Retry-After: 1") || locked.contains("retry-after: 1"));
        QVERIFY(locked.contains("rate_limited"));
        // The right token from the locked address waits too; another address is served.
        const QByteArray right = "GET /v1/actions?status=pending HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                 "Authorization: Bearer " +
                                 m_gateway.dev().approver.token.toUtf8() + "\r\n\r\n";
        QVERIFY(raw(right, attacker).startsWith("HTTP/1.1 429"));
        QVERIFY(raw(right, QHostAddress(u"127.0.0.1"_s)).startsWith("HTTP/1.1 200"));
        const QByteArray metrics = HttpProbe(m_gateway.url()).get(u"/v1/metrics"_s, m_gateway.dev().approver.token).raw;
        QVERIFY2(metrics.contains("countersign_auth_lockouts_total 1"), metrics.constData());
        QVERIFY2(metrics.contains("countersign_rate_limited_requests_total 2"), metrics.constData());
        QTest::qWait(1100);
        QVERIFY(raw(right, attacker).startsWith("HTTP/1.1 200"));
    }

    void idempotencyKey_aRetryGetsTheSameAction_evenAfterACrash()
    {
        const qsizetype before = pendingCount();
        const auto [created, first] = submitWithKey("retry-1");
        QCOMPARE(created, 201);
        const auto [replayed, again] = submitWithKey("retry-1");
        QCOMPARE(replayed, 200);
        QCOMPARE(again.value(u"id"_s), first.value(u"id"_s));
        QCOMPARE(pendingCount(), before + 1);

        m_gateway.kill();
        QVERIFY(m_gateway.restart());
        const auto [afterCrash, same] = submitWithKey("retry-1");
        QCOMPARE(afterCrash, 200);
        QCOMPARE(same.value(u"id"_s), first.value(u"id"_s));
        QCOMPARE(pendingCount(), before + 1);
    }

    void idempotencyKey_withAnotherRequest_isRefused()
    {
        QCOMPARE(submitWithKey("retry-2").first, 201);
        const auto [status, body] = submitWithKey("retry-2", {{u"justification"_s, u"something else"_s}});
        QCOMPARE(status, 422);
        QCOMPARE(body.value(u"error"_s).toObject().value(u"code"_s).toString(), u"idempotency_key_reused"_s);
        QCOMPARE(submitWithKey("has space").first, 422);
    }

    void onBehalfOf_mustNameAPrincipal_exactly()
    {
        HttpProbe http(m_gateway.url());
        const QString agent = m_gateway.dev().agent.token;
        for (const QString &variant : {u"DEV-APPROVER"_s, u"nobody"_s, u"dev\u2011approver"_s}) {
            const HttpResult refused =
                http.post(u"/v1/actions"_s, agent, HttpProbe::sampleAction({{u"on_behalf_of"_s, variant}}));
            QCOMPARE(refused.status, 422);
            QCOMPARE(refused.errorCode(), u"invalid_field"_s);
        }
        // Spaces around it are not part of it: the principal, stored as its id.
        const HttpResult accepted = http.post(
            u"/v1/actions"_s, agent,
            HttpProbe::sampleAction({{u"on_behalf_of"_s, QString(u"  "_s + m_gateway.dev().approver.id + u"\t"_s)}}));
        QCOMPARE(accepted.status, 201);
        QCOMPARE(accepted.body[u"on_behalf_of"_s].toString(), m_gateway.dev().approver.id);
        // …and so that approver may not decide it.
        FeedProbe feed;
        QVERIFY(feed.open(m_gateway.url(), m_gateway.dev().approver.token));
        feed.setSigningKey(m_gateway.dev().approver.signingKeySeed);
        const QJsonObject result =
            feed.decide(accepted.body[u"id"_s].toString(), u"approve"_s, accepted.body[u"digest"_s].toString());
        QCOMPARE(result[u"error"_s][u"code"_s].toString(), u"on_behalf_of_approval"_s);
    }

    void jsonLogs_areJsonLines_withoutTokensOrCommands()
    {
        QTemporaryDir dir;
        QProcess gateway;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(u"QT_LOGGING_RULES"_s); // every info line, as in production
        gateway.setProcessEnvironment(environment);
        gateway.start(GatewayProcess::binaryPath(), {u"--dev"_s, u"--data-dir"_s, dir.path(), u"--listen"_s,
                                                     u"127.0.0.1:0"_s, u"--log-format"_s, u"json"_s});
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += gateway.readAllStandardOutput(), out.contains("listening on")), 10000);
        const QUrl url(QString::fromUtf8(out.split(' ').last().trimmed()));
        QString error;
        const auto dev = DevPrincipals::load(QDir(dir.path()).filePath(u"dev-principals.json"_s), &error);
        QVERIFY2(dev, qPrintable(error));
        const QString secret = u"pg_dump --password=hunter2-unique-marker"_s;
        HttpProbe http(url);
        QVERIFY(!http.submit(dev->agent.token, {{u"command"_s, secret}}).isEmpty());
        QCOMPARE(http.get(u"/v1/actions"_s, u"wrong-token"_s).status, 401);
        FeedProbe feed;
        QVERIFY(feed.open(url, dev->approver.token));
        gateway.terminate();
        QVERIFY(gateway.waitForFinished(5000));
        const QList<QByteArray> lines = gateway.readAllStandardError().split('\n');
        int parsed = 0;
        for (const QByteArray &line : lines) {
            if (line.isEmpty())
                continue;
            QJsonParseError parseError;
            const QJsonObject entry = QJsonDocument::fromJson(line, &parseError).object();
            QVERIFY2(parseError.error == QJsonParseError::NoError, line.constData());
            for (const char *key : {"time", "level", "category", "message"})
                QVERIFY2(entry.contains(QLatin1StringView(key)), line.constData());
            QVERIFY2(!line.contains("hunter2-unique-marker"), line.constData());
            QVERIFY2(!line.contains(dev->agent.token.toUtf8()) && !line.contains(dev->approver.token.toUtf8()),
                     line.constData());
            ++parsed;
        }
        QVERIFY(parsed >= 3); // migrations, the feed, the refused token
    }

    void metrics_countOutcomes_decisionTimes_andCommits()
    {
        HttpProbe http(m_gateway.url());
        const QString agent = m_gateway.dev().agent.token;
        const QJsonObject approved = http.submit(agent);
        const QJsonObject denied = http.submit(agent);
        FeedProbe feed;
        QVERIFY(feed.open(m_gateway.url(), m_gateway.dev().approver.token));
        feed.setSigningKey(m_gateway.dev().approver.signingKeySeed);
        QVERIFY(feed.decide(approved[u"id"_s].toString(), u"approve"_s, approved[u"digest"_s].toString())[u"accepted"_s]
                    .toBool());
        QVERIFY(
            feed.decide(denied[u"id"_s].toString(), u"deny"_s, denied[u"digest"_s].toString(), u"no"_s)[u"accepted"_s]
                .toBool());
        const QString text = QString::fromUtf8(http.get(u"/v1/metrics"_s, m_gateway.dev().auditor.token).raw);
        const auto value = [&text](const QString &series) {
            const QRegularExpression line(u"^"_s + QRegularExpression::escape(series) + u" (\\S+)$"_s,
                                          QRegularExpression::MultilineOption);
            return line.match(text).captured(1).toDouble();
        };
        QVERIFY2(value(u"countersign_actions_total{outcome=\"requested\"}"_s) >= 2, qPrintable(text));
        QVERIFY(value(u"countersign_actions_total{outcome=\"approved\"}"_s) >= 1);
        QVERIFY(value(u"countersign_actions_total{outcome=\"denied\"}"_s) >= 1);
        QVERIFY(value(u"countersign_decision_seconds_count"_s) >= 2);
        QCOMPARE(value(u"countersign_decision_seconds_bucket{le=\"+Inf\"}"_s),
                 value(u"countersign_decision_seconds_count"_s));
        QVERIFY(value(u"countersign_store_commit_milliseconds_count"_s) >= 4);
        QVERIFY(value(u"countersign_store_commit_milliseconds_sum"_s) > 0);
        // Group commit: every commit was made durable by a sync of the WAL, some perhaps together.
        QVERIFY(value(u"countersign_store_sync_milliseconds_count"_s) >= 1);
        QVERIFY(value(u"countersign_store_commits_per_sync_sum"_s) >= 4);
        QVERIFY(value(u"countersign_store_commits_per_sync_sum"_s) >=
                value(u"countersign_store_sync_milliseconds_count"_s));
        QVERIFY(text.contains(u"# TYPE countersign_decision_seconds histogram"_s));
        const HttpResult prometheusPath = http.get(u"/metrics"_s, m_gateway.dev().auditor.token);
        QCOMPARE(prometheusPath.status, 200);
        QVERIFY(prometheusPath.raw.contains("countersign_decision_seconds_count"));
        QCOMPARE(http.get(u"/metrics"_s, m_gateway.dev().agent.token).status, 403);
    }

    void cli_resubmitsToAGatewayThatComesBack_once()
    {
        const qsizetype before = pendingCount();
        const QUrl url = m_gateway.url();
        m_gateway.kill();
        QProcess agent;
        agent.start(QStringLiteral(COUNTERSIGN_CLI_BIN),
                    {u"request"_s, u"--url"_s, url.toString(), u"--token"_s, m_gateway.dev().agent.token, u"--kind"_s,
                     u"deploy"_s, u"--system"_s, u"k8s"_s, u"--resource"_s, u"api"_s, u"--env"_s, u"staging"_s,
                     u"--justification"_s, u"after the restart"_s, u"--"_s, u"kubectl"_s, u"apply"_s});
        QTest::qWait(1500); // it retries meanwhile
        QVERIFY(m_gateway.restart());
        QVERIFY(agent.waitForFinished(40000));
        QCOMPARE(agent.exitCode(), 0);
        QCOMPARE(pendingCount(), before + 1);
    }
};

QTEST_GUILESS_MAIN(TestHardening)
#include "tst_hardening.moc"
