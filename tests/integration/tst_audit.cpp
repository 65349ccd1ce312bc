#include "GatewayProcess.h"
#include "TestClients.h"
#include "TestDatabase.h"
#include "audit/AuditChain.h"
#include "signing/Crypto.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// The gateway's hash chain and signed checkpoints, read through GET /v1/audit from the real
// gateway, and what tampering with its database looks like to a verifier.
class TestAudit : public QObject
{
    Q_OBJECT

    TestPrincipal m_agent = GatewayProcess::principal(u"agent-1"_s, Role::Agent);
    TestPrincipal m_alice = GatewayProcess::principal(u"alice"_s, Role::Approver);
    TestPrincipal m_auditor = GatewayProcess::principal(u"audrey"_s, Role::Auditor);

    bool start(GatewayProcess &gateway)
    {
        return gateway.startWithConfig({m_agent, m_alice, m_auditor},
                                       "audit:\n  checkpoint_every_events: 5\n  checkpoint_every_seconds: 1\n");
    }

    // Twelve actions, every third approved: requests, decisions and one refusal.
    void makeHistory(GatewayProcess &gateway)
    {
        HttpProbe http(gateway.url());
        FeedProbe alice;
        QVERIFY(alice.open(gateway.url(), m_alice));
        QVERIFY(!alice.waitFor(u"snapshot"_s).isEmpty());
        for (int i = 0; i < 12; ++i) {
            const QJsonObject created = http.submit(m_agent.token, {{u"command"_s, u"step %1"_s.arg(i)}});
            if (i % 3 == 0) {
                QVERIFY(
                    alice.decide(created.value(u"id"_s).toString(), u"approve"_s, created.value(u"digest"_s).toString())
                        .value(u"accepted"_s)
                        .toBool());
            }
        }
        alice.decide(u"no-such-action"_s, u"approve"_s, QString(64, u'0'));
    }

    static QJsonObject page(GatewayProcess &gateway, const QString &token, qint64 after, int limit = 1000)
    {
        return HttpProbe(gateway.url()).get(u"/v1/audit?after=%1&limit=%2"_s.arg(after).arg(limit), token).body;
    }

    static QList<QJsonObject> eventsOf(const QJsonObject &page)
    {
        QList<QJsonObject> events;
        for (const QJsonValue &value : page.value(u"events"_s).toArray())
            events.append(value.toObject());
        return events;
    }

private Q_SLOTS:
    void auditLog_chainsAndCheckpointsVerify()
    {
        GatewayProcess gateway;
        QVERIFY(start(gateway));
        makeHistory(gateway);
        const QJsonObject info = HttpProbe(gateway.url()).get(u"/v1/gateway"_s, m_auditor.token).body;
        const auto gatewayKey =
            Crypto::spkiFromPem(info.value(u"audit"_s).toObject().value(u"public_key"_s).toString().toLatin1());
        QVERIFY(gatewayKey);

        QJsonObject full = page(gateway, m_auditor.token, 0);
        const QList<QJsonObject> events = eventsOf(full);
        QVERIFY(events.size() >= 17);
        QCOMPARE(events.first().value(u"prev_hash"_s).toString(), AuditChain::kGenesisHash);
        QCOMPARE(AuditChain::verify(events, 0, AuditChain::kGenesisHash), std::nullopt);
        QCOMPARE(full.value(u"head"_s).toObject().value(u"hash"_s).toString(),
                 events.last().value(u"hash"_s).toString());

        // Checkpoints: every 5 events and every second; each signed by the gateway's key over a
        // head that matches the event at its seq.
        QTRY_VERIFY_WITH_TIMEOUT((full = page(gateway, m_auditor.token, 0))
                                         .value(u"checkpoints"_s)
                                         .toArray()
                                         .last()
                                         .toObject()
                                         .value(u"seq"_s)
                                         .toInteger() == events.last().value(u"seq"_s).toInteger(),
                                 5000);
        const QJsonArray checkpoints = full.value(u"checkpoints"_s).toArray();
        QVERIFY(checkpoints.size() >= 3);
        for (const QJsonValue &value : checkpoints) {
            const auto checkpoint = AuditChain::Checkpoint::fromJson(value.toObject());
            QVERIFY(checkpoint);
            QVERIFY(checkpoint->verifySignature(*gatewayKey));
            QCOMPARE(checkpoint->headHash, events.at(checkpoint->seq - 1).value(u"hash"_s).toString());
        }

        // docs/audit.md: an event's hash and a checkpoint's signature check with standard tools.
        QTemporaryDir dir;
        QFile pageFile(dir.filePath(u"page.json"_s));
        QVERIFY(pageFile.open(QIODevice::WriteOnly));
        pageFile.write(QJsonDocument(full).toJson());
        pageFile.close();
        QFile gatewayFile(dir.filePath(u"gateway.json"_s));
        QVERIFY(gatewayFile.open(QIODevice::WriteOnly));
        gatewayFile.write(QJsonDocument(info).toJson());
        gatewayFile.close();
        QProcess tools;
        tools.setWorkingDirectory(dir.path());
        tools.start(
            u"bash"_s,
            {u"-c"_s,
             u"set -e\n"
             "test \"$(jq -c '.events[0] | del(.hash)' page.json | '%1' canonicalize | sha256sum | cut -d' ' -f1)\""
             " = \"$(jq -r '.events[0].hash' page.json)\"\n"
             "jq -c '.checkpoints[0] | del(.signature)' page.json | '%1' canonicalize > checkpoint.jcs\n"
             "jq -r '.checkpoints[0].signature' page.json | base64 -d > checkpoint.sig\n"
             "jq -r .audit.public_key gateway.json > gateway.pem\n"
             "openssl pkeyutl -verify -pubin -inkey gateway.pem -rawin -in checkpoint.jcs -sigfile checkpoint.sig\n"_s
                 .arg(QStringLiteral(COUNTERSIGN_CLI_BIN))});
        QVERIFY(tools.waitForFinished(30000));
        const QString output = QString::fromUtf8(tools.readAllStandardOutput() + tools.readAllStandardError());
        QVERIFY2(tools.exitCode() == 0 && output.contains(u"Signature Verified Successfully"_s), qPrintable(output));

        // A page resumes from the hash before it.
        const QList<QJsonObject> middle = eventsOf(page(gateway, m_alice.token, 5, 3));
        QCOMPARE(middle.size(), 3);
        QCOMPARE(middle.first().value(u"seq"_s).toInteger(), 6);
        QCOMPARE(AuditChain::verify(middle, 5, events.at(4).value(u"hash"_s).toString()), std::nullopt);
    }

    void auditOverTheFeed_isTheSamePage()
    {
        GatewayProcess gateway;
        QVERIFY(start(gateway));
        makeHistory(gateway);
        FeedProbe feed;
        QVERIFY(feed.open(gateway.url(), m_auditor.token));
        QVERIFY(!feed.waitFor(u"snapshot"_s).isEmpty());
        int from = int(feed.messages().size());
        feed.send({{u"type"_s, u"audit"_s}, {u"request_id"_s, u"a1"_s}, {u"after"_s, 3}, {u"limit"_s, 4}});
        const QJsonObject viaFeed = feed.waitFor(u"audit_page"_s, from);
        QCOMPARE(viaFeed.value(u"request_id"_s).toString(), u"a1"_s);
        const QJsonObject viaHttp = page(gateway, m_auditor.token, 3, 4);
        QCOMPARE(viaFeed.value(u"events"_s), viaHttp.value(u"events"_s));
        QCOMPARE(eventsOf(viaFeed).first().value(u"seq"_s).toInteger(), 4);
        from = int(feed.messages().size());
        feed.send({{u"type"_s, u"audit"_s}, {u"after"_s, -2}});
        QCOMPARE(feed.waitFor(u"error"_s, from).value(u"error"_s).toObject().value(u"code"_s).toString(),
                 u"invalid_field"_s);
    }

    void auditLog_refusesAgentsAndBadParameters()
    {
        GatewayProcess gateway;
        QVERIFY(start(gateway));
        HttpProbe http(gateway.url());
        QCOMPARE(http.get(u"/v1/audit"_s, m_agent.token).errorCode(), u"forbidden_role"_s);
        QCOMPARE(http.get(u"/v1/audit?after=-1"_s, m_auditor.token).errorCode(), u"invalid_field"_s);
        QCOMPARE(http.get(u"/v1/audit?limit=999999"_s, m_auditor.token).errorCode(), u"invalid_field"_s);
        QCOMPARE(http.send("POST", u"/v1/audit"_s, m_auditor.token, "{}").status, 405);
    }

    void tamperedDatabase_isCaughtAtItsSeq_data()
    {
        QTest::addColumn<QStringList>("statements");
        QTest::addColumn<qint64>("seq");
        QTest::addColumn<QString>("code");
        QTest::newRow("edited field")
            << QStringList{u"DROP TRIGGER events_no_update"_s,
                           u"UPDATE events SET body = json_set(body, '$.actor', 'mallory') WHERE seq = 7"_s}
            << qint64(7) << u"hash_mismatch"_s;
        QTest::newRow("edited payload") << QStringList{u"DROP TRIGGER events_no_update"_s,
                                                       u"UPDATE events SET body = replace(body, 'step 3', 'step X')"
                                                       " WHERE seq = 5"_s}
                                        << qint64(5) << u"hash_mismatch"_s;
        QTest::newRow("deleted event") << QStringList{u"DROP TRIGGER events_no_delete"_s,
                                                      u"DELETE FROM events WHERE seq = 4"_s}
                                       << qint64(4) << u"missing_event"_s;
        // Two events trade places: each keeps its hash, but not its position in the chain.
        QTest::newRow("swapped events") << QStringList{u"DROP TRIGGER events_no_update"_s,
                                                       u"UPDATE events SET seq = -1 WHERE seq = 9"_s,
                                                       u"UPDATE events SET seq = 9 WHERE seq = 10"_s,
                                                       u"UPDATE events SET seq = 10 WHERE seq = -1"_s}
                                        << qint64(9) << u"reordered_event"_s;
    }

    void tamperedDatabase_isCaughtAtItsSeq()
    {
        if (!postgresqlServer().isEmpty())
            QSKIP("tampers with the SQLite file; tst_replicas tampers with PostgreSQL");
        QFETCH(QStringList, statements);
        QFETCH(qint64, seq);
        QFETCH(QString, code);
        GatewayProcess gateway;
        QVERIFY(start(gateway));
        makeHistory(gateway);
        gateway.kill();
        QVERIFY(runSql(QDir(gateway.dataDir()).filePath(u"gateway.sqlite"_s), statements));
        QVERIFY(gateway.restart());
        const auto broken =
            AuditChain::verify(eventsOf(page(gateway, m_auditor.token, 0)), 0, AuditChain::kGenesisHash);
        QVERIFY(broken);
        QCOMPARE(broken->seq, seq);
        QCOMPARE(broken->code, code);
        QVERIFY(broken->message.contains(QString::number(seq)));
    }

    void forgedCheckpoint_failsItsSignature()
    {
        if (!postgresqlServer().isEmpty())
            QSKIP("tampers with the SQLite file; tst_replicas tampers with PostgreSQL");
        GatewayProcess gateway;
        QVERIFY(start(gateway));
        makeHistory(gateway);
        QTRY_VERIFY_WITH_TIMEOUT(page(gateway, m_auditor.token, 0).value(u"checkpoints"_s).toArray().size() >= 3, 5000);
        const QJsonObject info = HttpProbe(gateway.url()).get(u"/v1/gateway"_s, m_auditor.token).body;
        const QByteArray gatewayKey =
            *Crypto::spkiFromPem(info.value(u"audit"_s).toObject().value(u"public_key"_s).toString().toLatin1());
        gateway.kill();
        QVERIFY(runSql(QDir(gateway.dataDir()).filePath(u"gateway.sqlite"_s),
                       {u"UPDATE checkpoints SET body = replace(body, '\"seq\":5,', '\"seq\":4,') WHERE seq = 5"_s}));
        QVERIFY(gateway.restart());
        const QJsonArray checkpoints = page(gateway, m_auditor.token, 0).value(u"checkpoints"_s).toArray();
        int invalid = 0;
        for (const QJsonValue &value : checkpoints) {
            const auto checkpoint = AuditChain::Checkpoint::fromJson(value.toObject());
            QVERIFY(checkpoint);
            if (!checkpoint->verifySignature(gatewayKey)) {
                ++invalid;
                QCOMPARE(checkpoint->seq, 4);
            }
        }
        QCOMPARE(invalid, 1);
    }

    static QString cli(const QStringList &arguments, int *exitCode)
    {
        QProcess process;
        process.start(QStringLiteral(COUNTERSIGN_CLI_BIN), arguments);
        process.waitForFinished(60000);
        *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        return QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
    }

    // Rewrites a bundle file the way a careful forger would: the manifest's digest follows.
    static void forge(const QString &bundle, const QString &name, const std::function<QByteArray(QByteArray)> &change)
    {
        QFile file(QDir(bundle).filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray forged = change(file.readAll());
        file.close();
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(forged);
        file.close();
        QFile manifestFile(QDir(bundle).filePath(u"manifest.json"_s));
        QVERIFY(manifestFile.open(QIODevice::ReadOnly));
        QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
        manifestFile.close();
        QJsonObject files = manifest.value(u"files"_s).toObject();
        files.insert(name, QString::fromLatin1(Crypto::sha256(forged).toHex()));
        manifest.insert(u"files"_s, files);
        QVERIFY(manifestFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
        manifestFile.write(QJsonDocument(manifest).toJson());
    }

    void bundle_exportsVerifiesAndNamesWhatWasChanged()
    {
        GatewayProcess gateway;
        QVERIFY(start(gateway));
        makeHistory(gateway);
        QTRY_VERIFY_WITH_TIMEOUT(
            page(gateway, m_auditor.token, 0)
                    .value(u"checkpoints"_s)
                    .toArray()
                    .last()
                    .toObject()
                    .value(u"seq"_s)
                    .toInteger() ==
                page(gateway, m_auditor.token, 0).value(u"head"_s).toObject().value(u"seq"_s).toInteger(),
            5000);
        QTemporaryDir dir;
        const QStringList connection{u"--url"_s, gateway.url().toString(), u"--token"_s, m_auditor.token};
        int exitCode = -1;
        const QString bundle = dir.filePath(u"bundle"_s);
        QString output =
            cli(QStringList{u"audit"_s, u"export"_s, u"--format"_s, u"bundle"_s, u"--out"_s, bundle} + connection,
                &exitCode);
        QVERIFY2(exitCode == 0, qPrintable(output));
        output = cli({u"audit"_s, u"verify"_s, bundle}, &exitCode);
        QVERIFY2(exitCode == 0 && output.contains(u"4 signed decisions verify"_s), qPrintable(output));

        const auto verifyCopy = [&](const QString &name, const std::function<void(const QString &)> &tamperWith) {
            const QString copy = dir.filePath(name);
            QDir().mkpath(copy);
            for (const QString &file : QDir(bundle).entryList(QDir::Files))
                QFile::copy(QDir(bundle).filePath(file), QDir(copy).filePath(file));
            tamperWith(copy);
            int code = -1;
            const QString said = cli({u"audit"_s, u"verify"_s, copy}, &code);
            return std::pair{code, said};
        };
        // A file changed behind the manifest's back.
        auto [code, said] = verifyCopy(u"plain-edit"_s, [](const QString &copy) {
            QFile file(QDir(copy).filePath(u"events.jsonl"_s));
            QVERIFY(file.open(QIODevice::Append));
            file.write(" ");
        });
        QCOMPARE(code, 1);
        QVERIFY2(said.contains(u"file_digest_mismatch"_s), qPrintable(said));
        // An edited event, manifest updated to match.
        std::tie(code, said) = verifyCopy(u"edited"_s, [](const QString &copy) {
            forge(copy, u"events.jsonl"_s, [](QByteArray events) { return events.replace("step 3", "step 9"); });
        });
        QCOMPARE(code, 1);
        QVERIFY2(said.contains(u"FAILED at seq 5"_s) && said.contains(u"hash_mismatch"_s), qPrintable(said));
        // A removed event.
        std::tie(code, said) = verifyCopy(u"removed"_s, [](const QString &copy) {
            forge(copy, u"events.jsonl"_s, [](const QByteArray &events) {
                QList<QByteArray> lines = events.split('\n');
                lines.removeAt(7); // seq 8
                return lines.join('\n');
            });
        });
        QCOMPARE(code, 1);
        QVERIFY2(said.contains(u"FAILED at seq 8"_s) && said.contains(u"missing_event"_s), qPrintable(said));
        // A checkpoint changed: the gateway's signature no longer holds.
        std::tie(code, said) = verifyCopy(u"checkpoint"_s, [](const QString &copy) {
            forge(copy, u"checkpoints.json"_s,
                  [](QByteArray checkpoints) { return checkpoints.replace("\"seq\": 5", "\"seq\": 4"); });
        });
        QCOMPARE(code, 1);
        QVERIFY2(said.contains(u"FAILED at seq 4"_s) && said.contains(u"checkpoint_signature_invalid"_s),
                 qPrintable(said));

        // CSV of the same log, safe to open in a spreadsheet.
        HttpProbe(gateway.url()).submit(m_agent.token, {{u"justification"_s, u"=HYPERLINK(\"http://x\")"_s}});
        const QString csv = dir.filePath(u"log.csv"_s);
        output =
            cli(QStringList{u"audit"_s, u"export"_s, u"--format"_s, u"csv"_s, u"--out"_s, csv} + connection, &exitCode);
        QVERIFY2(exitCode == 0, qPrintable(output));
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QByteArray table = csvFile.readAll();
        QVERIFY(table.startsWith("seq,time,type"));
        QVERIFY(table.contains("'=HYPERLINK("));
        QVERIFY(!table.contains(",=HYPERLINK("));
    }
};

QTEST_GUILESS_MAIN(TestAudit)
#include "tst_audit.moc"
