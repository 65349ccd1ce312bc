#include "GatewayProcess.h"
#include "TestClients.h"
#include "feed/FeedClient.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// The real gateway process under faults (issue 11): killed mid-burst, on a full filesystem, on
// storage that turns read-only, and stopped while consoles are connected. After each, nothing it
// accepted is lost, nothing is duplicated, and the exported audit bundle verifies.
class TestFaults : public QObject
{
    Q_OBJECT

    // Eight agents submitting as fast as the gateway answers, each on its own connection.
    class Burst
    {
    public:
        Burst(const QUrl &url, const QString &token) : m_url(url), m_token(token)
        {
            for (int i = 0; i < 8; ++i) {
                m_networks.push_back(std::make_unique<QNetworkAccessManager>());
                send(i);
            }
        }
        void stop() { m_stopped = true; }
        const QStringList &accepted() const { return m_accepted; }

    private:
        void send(int agent)
        {
            if (m_stopped)
                return;
            QNetworkRequest request(QUrl(m_url.toString() + u"/v1/actions"_s));
            request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            const QByteArray body =
                QJsonDocument(HttpProbe::sampleAction({{u"justification"_s, u"burst by agent %1"_s.arg(agent)}}))
                    .toJson(QJsonDocument::Compact);
            QNetworkReply *reply = m_networks[size_t(agent)]->post(request, body);
            QObject::connect(reply, &QNetworkReply::finished, reply, [this, reply, agent] {
                reply->deleteLater();
                if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 201)
                    m_accepted.append(QJsonDocument::fromJson(reply->readAll())[u"id"_s].toString());
                else
                    return; // the gateway is gone: this agent stops
                send(agent);
            });
        }

        QUrl m_url;
        QString m_token;
        std::vector<std::unique_ptr<QNetworkAccessManager>> m_networks;
        QStringList m_accepted;
        bool m_stopped = false;
    };

    static int runCli(const QStringList &arguments, QString *output = nullptr)
    {
        QProcess cli;
        cli.start(QStringLiteral(COUNTERSIGN_CLI_BIN), arguments);
        cli.waitForFinished(60000);
        if (output)
            *output = QString::fromUtf8(cli.readAllStandardOutput() + cli.readAllStandardError());
        return cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1;
    }

    // Exports the whole log as an evidence bundle with the auditor's token and verifies it.
    static void verifyAuditBundle(const QUrl &url, const QString &devPrincipals)
    {
        QTemporaryDir out;
        const QString bundle = QDir(out.path()).filePath(u"bundle"_s);
        QString exported;
        QCOMPARE(runCli({u"audit"_s, u"export"_s, u"--url"_s, url.toString(), u"--dev-principals"_s, devPrincipals,
                         u"--format"_s, u"bundle"_s, u"--out"_s, bundle},
                        &exported),
                 0);
        QString verified;
        QVERIFY2(runCli({u"audit"_s, u"verify"_s, bundle}, &verified) == 0, qPrintable(exported + verified));
    }

    // A gateway of this test's own on a data directory it chooses (on a tmpfs it mounted).
    struct OwnGateway
    {
        QProcess process;
        QUrl url;
        bool start(const QString &dataDir)
        {
            // Checkpoints every second, so that an exported bundle soon covers every event.
            QDir().mkpath(dataDir);
            const QString config = QDir(dataDir).filePath(u"../gateway.yaml"_s);
            QFile file(config);
            if (!file.open(QIODevice::WriteOnly) || file.write("audit:\n  checkpoint_every_seconds: 1\n") < 0)
                return false;
            file.close();
            process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            process.start(GatewayProcess::binaryPath(), {u"--dev"_s, u"--config"_s, config, u"--data-dir"_s, dataDir,
                                                         u"--listen"_s, u"127.0.0.1:0"_s});
            QByteArray out;
            for (int i = 0; i < 100 && !out.contains('\n'); ++i) {
                process.waitForReadyRead(100);
                out += process.readAllStandardOutput();
            }
            url = QUrl(QString::fromUtf8(out.trimmed().split(' ').last()));
            return url.isValid() && url.port() > 0;
        }
        ~OwnGateway()
        {
            process.kill();
            process.waitForFinished(5000);
        }
    };

    // A small tmpfs the test mounts and always unmounts.
    struct Tmpfs
    {
        QTemporaryDir dir;
        bool mounted = false;
        bool mount(const QString &size)
        {
            mounted = ::geteuid() == 0 &&
                      QProcess::execute(u"mount"_s,
                                        {u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size="_s + size, u"tmpfs"_s, dir.path()}) == 0;
            return mounted;
        }
        ~Tmpfs()
        {
            if (mounted)
                QProcess::execute(u"umount"_s, {u"-l"_s, dir.path()});
        }
    };

    static int readyStatus(const QUrl &url) { return HttpProbe(url).get(u"/readyz"_s, {}).status; }

private Q_SLOTS:
    void killDuringABurst_losesAndDuplicatesNothing()
    {
        GatewayProcess gateway;
        QVERIFY(gateway.startDev());
        const QString agent = gateway.dev().agent.token;
        QStringList accepted;
        for (int round = 0; round < 5; ++round) {
            Burst burst(gateway.url(), agent);
            QTest::qWait(300 + 100 * round);
            gateway.kill();
            QTest::qWait(200); // let the replies of the dead connections arrive
            burst.stop();
            accepted += burst.accepted();
            QVERIFY(gateway.restart());
        }
        qInfo("5 kill -9 rounds during 8 concurrent submitters: %lld submissions answered 201",
              qsizetype(accepted.size()));
        QVERIFY(accepted.size() > 40);
        QCOMPARE(QSet<QString>(accepted.cbegin(), accepted.cend()).size(), accepted.size());
        HttpProbe http(gateway.url());
        for (const QString &id : std::as_const(accepted))
            QVERIFY2(http.get(u"/v1/actions/"_s + id, agent).status == 200, qPrintable(id + u" was lost"_s));
        // Every stored action was requested once: as many action.requested events as actions.
        const HttpResult pending = http.get(u"/v1/actions?status=pending"_s, gateway.dev().approver.token);
        QVERIFY(pending.body[u"actions"_s].toArray().size() >= accepted.size());
        verifyAuditBundle(gateway.url(), gateway.devPrincipalsPath());
    }

    void fullFilesystem_refusesWrites_keepsWhatWasStored_andRecovers()
    {
        Tmpfs tmpfs;
        if (!tmpfs.mount(u"8m"_s))
            QSKIP("mounting a tmpfs needs root and a mount namespace that allows it");
        const QString data = QDir(tmpfs.dir.path()).filePath(u"data"_s);
        OwnGateway gateway;
        QVERIFY(gateway.start(data));
        QString error;
        const auto dev = DevPrincipals::load(QDir(data).filePath(u"dev-principals.json"_s), &error);
        QVERIFY(dev);
        HttpProbe http(gateway.url);
        QStringList stored;
        for (int i = 0; i < 3; ++i)
            stored.append(http.submit(dev->agent.token)[u"id"_s].toString());

        // Fill the filesystem.
        QFile filler(QDir(tmpfs.dir.path()).filePath(u"filler"_s));
        QVERIFY(filler.open(QIODevice::WriteOnly));
        const QByteArray block(64 * 1024, 'x');
        while (filler.write(block) == block.size() && filler.flush()) {
        }
        filler.close();

        HttpResult refused;
        for (int i = 0; i < 20 && refused.status != 503; ++i) // until the WAL needs a page it cannot have
            refused = http.post(u"/v1/actions"_s, dev->agent.token,
                                HttpProbe::sampleAction({{u"command"_s, QString(8000, u'y')}}));
        QCOMPARE(refused.status, 503);
        QCOMPARE(refused.errorCode(), u"storage_failure"_s);
        QCOMPARE(readyStatus(gateway.url), 503);
        QCOMPARE(HttpProbe(gateway.url).get(u"/healthz"_s, {}).status, 200); // alive, not ready
        for (const QString &id : std::as_const(stored))
            QCOMPARE(http.get(u"/v1/actions/"_s + id, dev->agent.token).status, 200);

        QVERIFY(filler.remove());
        QTRY_COMPARE_WITH_TIMEOUT(readyStatus(gateway.url), 200, 5000);
        QVERIFY(!http.submit(dev->agent.token).isEmpty());
        QTest::qWait(1500); // a checkpoint covers the last event
        verifyAuditBundle(gateway.url, QDir(data).filePath(u"dev-principals.json"_s));
    }

    void readOnlyDatabase_isServedButNotReady()
    {
        QTemporaryDir dir;
        const QString data = QDir(dir.path()).filePath(u"data"_s);
        const QString database = QDir(data).filePath(u"gateway.sqlite"_s);
        QString stored;
        {
            OwnGateway gateway;
            QVERIFY(gateway.start(data));
            QString error;
            const auto dev = DevPrincipals::load(QDir(data).filePath(u"dev-principals.json"_s), &error);
            stored = HttpProbe(gateway.url).submit(dev->agent.token)[u"id"_s].toString();
            QVERIFY(!stored.isEmpty());
        }
        // Read-only for everyone, root included (file modes do not stop root).
        if (QProcess::execute(u"chattr"_s, {u"+i"_s, database}) != 0)
            QSKIP("chattr +i needs root and a filesystem with the immutable flag");
        const auto unlock = qScopeGuard([&database] { QProcess::execute(u"chattr"_s, {u"-i"_s, database}); });
        OwnGateway gateway;
        QVERIFY(gateway.start(data));
        QString error;
        const auto dev = DevPrincipals::load(QDir(data).filePath(u"dev-principals.json"_s), &error);
        HttpProbe http(gateway.url);
        const HttpResult ready = HttpProbe(gateway.url).get(u"/readyz"_s, {});
        QCOMPARE(ready.status, 503);
        QCOMPARE(ready.body[u"error"_s][u"code"_s].toString(), u"not_ready"_s);
        QVERIFY2(ready.body[u"error"_s][u"message"_s].toString().contains(u"readonly"_s), ready.raw.constData());
        QCOMPARE(HttpProbe(gateway.url).get(u"/healthz"_s, {}).status, 200);
        const HttpResult refused = http.post(u"/v1/actions"_s, dev->agent.token, HttpProbe::sampleAction());
        QCOMPARE(refused.status, 503);
        QCOMPARE(refused.errorCode(), u"storage_failure"_s);
        QCOMPARE(http.get(u"/v1/actions/"_s + stored, dev->agent.token).status, 200); // what was stored is served
    }

    void stoppedGateway_consolesResumeWithoutLossOrDuplicates()
    {
        GatewayProcess gateway;
        QVERIFY(gateway.startDev());
        FeedClient console;
        console.setEndpoint(gateway.url(), gateway.dev().approver.token);
        console.setPingInterval(200);
        console.setPongTimeout(500);
        console.setBackoff(100, 500);
        QList<qint64> seqs;
        connect(&console, &FeedClient::eventReceived, this, [&seqs](const Event &event) { seqs.append(event.seq); });
        QSignalSpy hello(&console, &FeedClient::helloReceived);
        console.start();
        QVERIFY(hello.wait(10000));
        HttpProbe http(gateway.url());
        QVERIFY(!http.submit(gateway.dev().agent.token).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(seqs.size(), 1, 5000);

        gateway.signal(SIGSTOP);
        QTest::qWait(1500); // the console's pong times out meanwhile
        gateway.signal(SIGCONT);
        QTRY_COMPARE_WITH_TIMEOUT(console.state(), FeedClient::State::Connected, 10000);
        for (int i = 0; i < 3; ++i)
            QVERIFY(!http.submit(gateway.dev().agent.token).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(seqs.size(), 4, 10000);
        QTest::qWait(300);
        QCOMPARE(seqs.size(), 4); // none twice
        for (qsizetype i = 1; i < seqs.size(); ++i)
            QVERIFY(seqs[i] > seqs[i - 1]);
        QCOMPARE(console.lastSeq(), seqs.last());
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
