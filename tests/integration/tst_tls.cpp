#include "GatewayProcess.h"
#include "TestClients.h"
#include "client/AgentClient.h"
#include "feed/FeedClient.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// The gateway off loopback (issue 11): TLS on its one port for HTTP and the feed, clients that
// trust only a pinned CA or fingerprint, mutual TLS, and certificates reloaded on SIGHUP. All
// against the real gateway process, with certificates its own `tls` command made.
class TestTls : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    GatewayProcess m_gateway;
    TestPrincipal m_approver = GatewayProcess::principal(u"alice"_s, Role::Approver);
    TestPrincipal m_runner{u"ci-runner"_s, Role::Agent, {}, {}, {}, u"ci-runner"_s};

    QString path(const QString &relative) const { return QDir(m_dir.path()).filePath(relative); }

    using Run = ProgramRun;
    static Run run(const QString &program, const QStringList &arguments) { return runProgram(program, arguments); }
    Run tls(const QStringList &arguments)
    {
        return run(GatewayProcess::binaryPath(), QStringList{u"tls"_s} + arguments);
    }
    Run cli(const QStringList &arguments) { return run(QStringLiteral(COUNTERSIGN_CLI_BIN), arguments); }
    QString fingerprintOf(const QString &pem) { return tls({u"fingerprint"_s, pem}).out.section(u' ', 0, 0); }
    QUrl httpsUrl() const
    {
        QUrl url = m_gateway.url();
        url.setHost(u"localhost"_s);
        return url;
    }

    // GET /v1/gateway with a client certificate and no token.
    int getWithCertificate(const QString &name, const QString &directory, QJsonObject *body)
    {
        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(httpsUrl().toString() + u"/v1/gateway"_s));
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates(QSslCertificate::fromPath(path(u"tls/ca.pem"_s)));
        if (!name.isEmpty()) {
            ssl.setLocalCertificate(QSslCertificate::fromPath(QDir(directory).filePath(name + u".pem"_s)).value(0));
            QFile key(QDir(directory).filePath(name + u".key"_s));
            key.open(QIODevice::ReadOnly);
            ssl.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
        }
        request.setSslConfiguration(ssl);
        QNetworkReply *reply = network.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(10000);
        *body = QJsonDocument::fromJson(reply->readAll()).object();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        return status;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const Run made = tls(
            {u"self-signed"_s, u"--host"_s, u"localhost"_s, u"--host"_s, u"127.0.0.1"_s, u"--out"_s, path(u"tls"_s)});
        QCOMPARE(made.code, 0);
        QVERIFY2(made.out.contains(u"CA SHA-256 fingerprint: "_s + fingerprintOf(path(u"tls/ca.pem"_s))),
                 qPrintable(made.out));
        const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther;
        QCOMPARE(QFile::permissions(path(u"tls/server.key"_s)) & others, QFile::Permissions());
        QVERIFY(QFile::permissions(path(u"tls/ca.pem"_s)) & QFile::ReadOther); // a certificate is public
        QCOMPARE(tls({u"self-signed"_s, u"--host"_s, u"localhost"_s, u"--out"_s, path(u"other"_s)}).code, 0);
        QCOMPARE(tls({u"client-certificate"_s, u"--cn"_s, u"ci-runner"_s, u"--ca-dir"_s, path(u"tls"_s), u"--out"_s,
                      path(u"clients"_s)})
                     .code,
                 0);
        QCOMPARE(tls({u"client-certificate"_s, u"--cn"_s, u"ci-runner"_s, u"--ca-dir"_s, path(u"other"_s), u"--out"_s,
                      path(u"rogue"_s)})
                     .code,
                 0);
        QCOMPARE(tls({u"self-signed"_s}).code, 2); // a usage error: no --host

        const QByteArray extra = "tls:\n  certificate: " + path(u"tls/server.pem"_s).toUtf8() +
                                 "\n  private_key: " + path(u"tls/server.key"_s).toUtf8() +
                                 "\n  client_ca: " + path(u"tls/ca.pem"_s).toUtf8() + "\n";
        QVERIFY(m_gateway.startWithConfig({m_approver, m_runner}, extra));
        QCOMPARE(m_gateway.url().scheme(), u"https"_s);
    }

    void cli_withThePinnedCaFile_orFingerprint_isServed()
    {
        const QStringList base{u"pending"_s, u"--url"_s, httpsUrl().toString(), u"--token"_s, m_approver.token};
        Run served = cli(base + QStringList{u"--ca-file"_s, path(u"tls/ca.pem"_s)});
        QVERIFY2(served.code == 0, qPrintable(served.err));
        served = cli(base + QStringList{u"--ca-fingerprint"_s, fingerprintOf(path(u"tls/ca.pem"_s))});
        QVERIFY2(served.code == 0, qPrintable(served.err));
    }

    void cli_withAnotherCa_isRefused_withTheFingerprint()
    {
        const QStringList base{u"pending"_s, u"--url"_s, httpsUrl().toString(), u"--token"_s, m_approver.token};
        for (const QStringList &trust :
             {QStringList{u"--ca-file"_s, path(u"other/ca.pem"_s)},
              QStringList{u"--ca-fingerprint"_s, fingerprintOf(path(u"other/ca.pem"_s))}, QStringList{}}) {
            const Run refused = cli(base + trust);
            QCOMPARE(refused.code, 3);
            QVERIFY2(refused.err.contains(u"not trusted"_s), qPrintable(refused.err));
            QVERIFY2(refused.err.contains(fingerprintOf(path(u"tls/ca.pem"_s))), qPrintable(refused.err));
            QVERIFY(refused.err.contains(u"tls_untrusted"_s));
        }
    }

    void cli_refusesPlainHttp_toAnotherMachine()
    {
        const Run refused = cli({u"pending"_s, u"--url"_s, u"http://192.0.2.10:8470"_s, u"--token"_s, u"x"_s});
        QCOMPARE(refused.code, 3);
        QVERIFY2(refused.err.contains(u"not on this machine"_s), qPrintable(refused.err));
    }

    void agentClient_isServedOverTls()
    {
        QNetworkAccessManager network;
        AgentClient client(&network);
        client.setEndpoint(httpsUrl(), m_approver.token, {path(u"tls/ca.pem"_s), {}, false});
        AgentClient::Reply answer;
        bool done = false;
        client.get(u"/v1/gateway"_s, this, [&](const AgentClient::Reply &reply) {
            answer = reply;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QVERIFY2(answer.ok(), qPrintable(answer.error.message));
        QCOMPARE(answer.body[u"principal"_s][u"id"_s].toString(), u"alice"_s);
    }

    void consoleFeed_withThePinnedCa_connects_andWithAnother_saysWhy_once()
    {
        FeedClient trusted;
        QString error;
        QVERIFY(trusted.setTrust({path(u"tls/ca.pem"_s), {}, false}, &error));
        trusted.setEndpoint(httpsUrl(), m_approver.token);
        QSignalSpy hello(&trusted, &FeedClient::helloReceived);
        trusted.start();
        QVERIFY(hello.wait(10000));
        QCOMPARE(trusted.state(), FeedClient::State::Connected);
        trusted.stop();

        FeedClient untrusted;
        QVERIFY(untrusted.setTrust({path(u"other/ca.pem"_s), {}, false}, &error));
        untrusted.setEndpoint(httpsUrl(), m_approver.token);
        untrusted.setBackoff(50, 100);
        QSignalSpy failed(&untrusted, &FeedClient::tlsFailed);
        QSignalSpy retries(&untrusted, &FeedClient::reconnectScheduled);
        untrusted.start();
        QVERIFY(failed.wait(10000));
        const QString sentence = failed.first().first().toString();
        QVERIFY2(sentence.contains(fingerprintOf(path(u"tls/ca.pem"_s))), qPrintable(sentence));
        QTest::qWait(500); // no silent retry loop
        QCOMPARE(retries.size(), 0);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(untrusted.state(), FeedClient::State::Offline);
    }

    void mutualTls_mapsAClientCertificate_toItsPrincipal()
    {
        QJsonObject body;
        QCOMPARE(getWithCertificate(u"ci-runner"_s, path(u"clients"_s), &body), 200);
        QCOMPARE(body[u"principal"_s][u"id"_s].toString(), u"ci-runner"_s);
        QCOMPARE(body[u"principal"_s][u"role"_s].toString(), u"agent"_s);
        // The same name from a CA the gateway does not know, or no certificate: no principal.
        QCOMPARE(getWithCertificate(u"ci-runner"_s, path(u"rogue"_s), &body), 401);
        QCOMPARE(body[u"error"_s][u"code"_s].toString(), u"unauthenticated"_s);
        QCOMPARE(getWithCertificate({}, {}, &body), 401);
    }

    void plaintext_offLoopback_isRefused_unlessInsecureListen()
    {
        QFile config(path(u"plain.yaml"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("principals:\n  - id: a\n    role: approver\n    token_sha256: " + QByteArray(64, 'a') + "\n");
        config.close();
        const QStringList arguments{u"--config"_s, config.fileName(), u"--listen"_s, u"0.0.0.0:0"_s};
        const Run refused = run(GatewayProcess::binaryPath(), arguments + QStringList{u"--data-dir"_s, path(u"d1"_s)});
        QCOMPARE(refused.code, 1); // a runtime failure (2 is a usage error)
        QVERIFY2(refused.err.contains(u"refusing to listen on 0.0.0.0:0 without TLS"_s), qPrintable(refused.err));

        QProcess insecure;
        insecure.start(GatewayProcess::binaryPath(),
                       arguments + QStringList{u"--data-dir"_s, path(u"d2"_s), u"--insecure-listen"_s});
        QByteArray out;
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT(
            (out += insecure.readAllStandardOutput(), err += insecure.readAllStandardError(),
             out.contains("listening on http://0.0.0.0:") || insecure.state() == QProcess::NotRunning),
            10000);
        QVERIFY2(insecure.state() == QProcess::Running, err.constData());
        insecure.terminate();
        insecure.waitForFinished(5000);
        err += insecure.readAllStandardError();
        QVERIFY2(err.contains("INSECURE"), err.constData());
    }

    // Last: it changes the gateway's certificate.
    void sighup_reloadsTheCertificate_andOpenConnectionsStay()
    {
        FeedClient console;
        QString error;
        QVERIFY(console.setTrust({path(u"tls/ca.pem"_s), {}, false}, &error));
        console.setEndpoint(httpsUrl(), m_approver.token);
        QSignalSpy hello(&console, &FeedClient::helloReceived);
        QSignalSpy states(&console, &FeedClient::stateChanged);
        console.start();
        QVERIFY(hello.wait(10000));
        states.clear();

        // A broken file is refused and the certificate in force stays.
        QFile::copy(path(u"tls/server.pem"_s), path(u"tls/server.pem.good"_s));
        QFile::copy(path(u"tls/server.key"_s), path(u"tls/server.key.good"_s));
        QFile::remove(path(u"tls/server.key"_s));
        QFile::copy(path(u"other/server.key"_s), path(u"tls/server.key"_s)); // not the certificate's key
        m_gateway.signal(SIGHUP);
        QTest::qWait(300);
        const QStringList base{u"pending"_s, u"--url"_s, httpsUrl().toString(), u"--token"_s, m_approver.token};
        QCOMPARE(cli(base + QStringList{u"--ca-file"_s, path(u"tls/ca.pem"_s)}).code, 0);

        // The other CA's certificate and key: new connections get them at once.
        for (const QString &file : {u"server.pem"_s, u"server.key"_s}) {
            QFile::remove(path(u"tls/"_s + file));
            QVERIFY(QFile::copy(path(u"other/"_s + file), path(u"tls/"_s + file)));
        }
        m_gateway.signal(SIGHUP);
        QTRY_COMPARE_WITH_TIMEOUT(cli(base + QStringList{u"--ca-file"_s, path(u"other/ca.pem"_s)}).code, 0, 5000);
        QCOMPARE(cli(base + QStringList{u"--ca-file"_s, path(u"tls/ca.pem"_s)}).code, 3);
        // The console connected before the reload never noticed.
        QCOMPARE(console.state(), FeedClient::State::Connected);
        QCOMPARE(states.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
