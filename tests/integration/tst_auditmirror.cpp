#include "GatewayProcess.h"
#include "TestClients.h"
#include "TestDatabase.h"
#include "audit/AuditSync.h"

#include <QDir>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// The console's audit mirror against the real gateway: a verified, resumable copy of the log that
// says loudly, with the seq, where the gateway's record or its own was changed.
class TestAuditMirror : public QObject
{
    Q_OBJECT

    TestPrincipal m_agent = GatewayProcess::principal(u"agent-1"_s, Role::Agent);
    TestPrincipal m_alice = GatewayProcess::principal(u"alice"_s, Role::Approver);
    TestPrincipal m_auditor = GatewayProcess::principal(u"audrey"_s, Role::Auditor);
    QTemporaryDir m_dir;
    int m_mirrors = 0;

    bool start(GatewayProcess &gateway)
    {
        return gateway.startWithConfig({m_agent, m_alice, m_auditor},
                                       "audit:\n  checkpoint_every_events: 5\n  checkpoint_every_seconds: 1\n");
    }

    static void submit(GatewayProcess &gateway, const TestPrincipal &agent, int count, int from = 0)
    {
        HttpProbe http(gateway.url());
        for (int i = from; i < from + count; ++i)
            QVERIFY(!http.submit(agent.token, {{u"command"_s, u"step %1"_s.arg(i)}}).isEmpty());
    }

    QString freshMirrorPath() { return m_dir.filePath(u"mirror%1.sqlite"_s.arg(++m_mirrors)); }

    // Syncs until up to date or broken; returns the break, if any.
    static std::optional<AuditChain::Break> sync(AuditMirror &mirror, GatewayProcess &gateway, const QString &token,
                                                 int pageSize = AuditSync::kDefaultPageSize)
    {
        QNetworkAccessManager network;
        AgentClient client(&network);
        client.setEndpoint(gateway.url(), token);
        AuditSync sync(&mirror, &client);
        sync.setPageSize(pageSize);
        QSignalSpy done(&sync, &AuditSync::upToDate);
        QSignalSpy broken(&sync, &AuditSync::broken);
        QSignalSpy failed(&sync, &AuditSync::failed);
        sync.start();
        if (!QTest::qWaitFor([&] { return !done.isEmpty() || !broken.isEmpty() || !failed.isEmpty(); }, 30000))
            qWarning() << "the sync did not end";
        if (!failed.isEmpty())
            qWarning() << "sync failed:" << failed.first().first().toString();
        if (!broken.isEmpty())
            return broken.first().first().value<AuditChain::Break>();
        return std::nullopt;
    }

private Q_SLOTS:
    void sync_copiesTheWholeLog_andResumesWithoutDoubles()
    {
        GatewayProcess gateway;
        QVERIFY(start(gateway));
        submit(gateway, m_agent, 23);
        const QString path = freshMirrorPath();
        {
            AuditMirror mirror(u"m1"_s);
            QString error;
            QVERIFY2(mirror.open(path, &error), qPrintable(error));
            QCOMPARE(sync(mirror, gateway, m_auditor.token, 10), std::nullopt);
            QCOMPARE(mirror.headSeq(), 23);
            QCOMPARE(mirror.eventCount(), 23);
        }
        submit(gateway, m_agent, 7, 23);
        AuditMirror reopened(u"m2"_s);
        QString error;
        QVERIFY(reopened.open(path, &error));
        QCOMPARE(reopened.headSeq(), 23); // offline, the mirror still has what it had
        QCOMPARE(sync(reopened, gateway, m_auditor.token, 4), std::nullopt);
        QCOMPARE(reopened.headSeq(), 30);
        QCOMPARE(reopened.eventCount(), 30);
        QCOMPARE(reopened.verifyStored(), std::nullopt);
        QTRY_VERIFY_WITH_TIMEOUT((sync(reopened, gateway, m_auditor.token), reopened.coveredSeq() == 30), 5000);
    }

    // A mirror of schema 3 had no resource column: schema 4 takes it from the mirror's own events.
    void schema3Mirror_getsTheResourceOfEachActionFromItsEvents()
    {
        GatewayProcess gateway;
        QVERIFY(start(gateway));
        submit(gateway, m_agent, 3);
        const QString path = freshMirrorPath();
        {
            AuditMirror mirror(u"m-v3"_s);
            QString error;
            QVERIFY2(mirror.open(path, &error), qPrintable(error));
            QCOMPARE(sync(mirror, gateway, m_auditor.token), std::nullopt);
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"downgrade"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"ALTER TABLE actions DROP COLUMN resource"_s));
            QVERIFY(query.exec(u"PRAGMA user_version = 3"_s));
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(u"downgrade"_s);
        AuditMirror upgraded(u"m-v4"_s);
        QString error;
        QVERIFY2(upgraded.open(path, &error), qPrintable(error));
        QSqlQuery query(upgraded.database());
        QVERIFY(query.exec(u"SELECT count(*), min(resource) FROM actions WHERE resource IS NOT NULL"_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 3);
        QCOMPARE(query.value(1).toString(), u"users"_s);
    }

    void sync_interruptedByAGatewayCrash_resumesWithNothingMissedOrDoubled()
    {
        GatewayProcess gateway;
        QVERIFY(start(gateway));
        submit(gateway, m_agent, 40);
        AuditMirror mirror(u"m3"_s);
        QString error;
        QVERIFY(mirror.open(freshMirrorPath(), &error));
        QNetworkAccessManager network;
        AgentClient client(&network);
        client.setEndpoint(gateway.url(), m_auditor.token);
        AuditSync interrupted(&mirror, &client);
        interrupted.setPageSize(7);
        QSignalSpy failed(&interrupted, &AuditSync::failed);
        QObject::connect(&interrupted, &AuditSync::progress, &interrupted, [&gateway](qint64 mirrored) {
            if (mirrored >= 14)
                gateway.kill(); // halfway, as in a crash
        });
        interrupted.start();
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 20000);
        QVERIFY(mirror.headSeq() >= 14 && mirror.headSeq() < 40);
        QVERIFY(gateway.restart());
        submit(gateway, m_agent, 5, 40);
        QCOMPARE(sync(mirror, gateway, m_auditor.token, 7), std::nullopt);
        QCOMPARE(mirror.headSeq(), 45);
        QCOMPARE(mirror.eventCount(), 45);
        QCOMPARE(mirror.verifyStored(), std::nullopt);
    }

    void tamperedGateway_isReportedAtItsSeq_andRemembered_data()
    {
        QTest::addColumn<QStringList>("statements");
        QTest::addColumn<qint64>("seq");
        QTest::addColumn<QString>("code");
        QTest::newRow("edited")
            << QStringList{u"DROP TRIGGER events_no_update"_s,
                           u"UPDATE events SET body = json_set(body, '$.actor', 'mallory') WHERE seq = 14"_s}
            << qint64(14) << u"hash_mismatch"_s;
        QTest::newRow("removed") << QStringList{u"DROP TRIGGER events_no_delete"_s,
                                                u"DELETE FROM events WHERE seq = 12"_s}
                                 << qint64(12) << u"missing_event"_s;
        QTest::newRow("reordered") << QStringList{u"DROP TRIGGER events_no_update"_s,
                                                  u"UPDATE events SET seq = -1 WHERE seq = 13"_s,
                                                  u"UPDATE events SET seq = 13 WHERE seq = 14"_s,
                                                  u"UPDATE events SET seq = 14 WHERE seq = -1"_s}
                                   << qint64(13) << u"reordered_event"_s;
        QTest::newRow("forged checkpoint")
            << QStringList{u"UPDATE checkpoints SET body = replace(body, '\"seq\":15,', '\"seq\":16,') WHERE seq = 15"_s}
            << qint64(16) << u"checkpoint_signature_invalid"_s;
    }

    void tamperedGateway_isReportedAtItsSeq_andRemembered()
    {
        QFETCH(QStringList, statements);
        QFETCH(qint64, seq);
        QFETCH(QString, code);
        GatewayProcess gateway;
        QVERIFY(start(gateway));
        submit(gateway, m_agent, 10);
        const QString path = freshMirrorPath();
        AuditMirror mirror(u"m4"_s);
        QString error;
        QVERIFY(mirror.open(path, &error));
        QCOMPARE(sync(mirror, gateway, m_auditor.token), std::nullopt);
        submit(gateway, m_agent, 10, 10);
        QTRY_VERIFY_WITH_TIMEOUT(HttpProbe(gateway.url())
                                         .get(u"/v1/audit?after=0"_s, m_auditor.token)
                                         .body.value(u"checkpoints"_s)
                                         .toArray()
                                         .size() >= 4,
                                 5000);
        gateway.kill();
        QVERIFY(runSql(QDir(gateway.dataDir()).filePath(u"gateway.sqlite"_s), statements));
        QVERIFY(gateway.restart());
        const auto broken = sync(mirror, gateway, m_auditor.token);
        QVERIFY(broken);
        QCOMPARE(broken->seq, seq);
        QCOMPARE(broken->code, code);
        QVERIFY(mirror.headSeq() < seq); // nothing from the break on was stored
        QCOMPARE(mirror.verifyStored(), std::nullopt);
        // The break stays, with its seq, for the next sync and the next start.
        QCOMPARE(mirror.storedBreak()->seq, seq);
        QCOMPARE(sync(mirror, gateway, m_auditor.token)->code, code);
    }

    void editedMirror_isFoundByVerifyStored()
    {
        GatewayProcess gateway;
        QVERIFY(start(gateway));
        submit(gateway, m_agent, 12);
        const QString path = freshMirrorPath();
        {
            AuditMirror mirror(u"m5"_s);
            QString error;
            QVERIFY(mirror.open(path, &error));
            QCOMPARE(sync(mirror, gateway, m_auditor.token), std::nullopt);
        }
        QVERIFY(runSql(path, {u"UPDATE events SET body = replace(body, 'step 6', 'step 0') WHERE seq = 7"_s}));
        AuditMirror mirror(u"m6"_s);
        QString error;
        QVERIFY(mirror.open(path, &error));
        const auto broken = mirror.verifyStored();
        QVERIFY(broken);
        QCOMPARE(broken->seq, 7);
        QCOMPARE(broken->code, u"hash_mismatch"_s);
        QVERIFY(runSql(path, {u"DELETE FROM events WHERE seq = 12"_s}));
        QVERIFY(runSql(path, {u"UPDATE events SET body = replace(body, 'step 0', 'step 6') WHERE seq = 7"_s}));
        QCOMPARE(mirror.verifyStored()->code, u"missing_event"_s);
        QCOMPARE(mirror.verifyStored()->seq, 12);
    }
};

QTEST_GUILESS_MAIN(TestAuditMirror)
#include "tst_auditmirror.moc"
