// Several countersign-gateway processes on one PostgreSQL store (tests/support/with-postgresql.sh
// starts the server): one log, every console on every replica sees every event once and in order,
// decisions and expiries work across replicas, the chain verifies and cannot fork, a replica
// killed mid-burst loses no accepted action, and one that loses the store sends its consoles away
// until it is back.
#include "GatewayProcess.h"
#include "HttpReceiver.h"
#include "TestClients.h"
#include "TestDatabase.h"

#include "audit/AuditChain.h"
#include "signing/Crypto.h"
#include "signing/SoftwareSigner.h"
#include "signing/KeyRecord.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSet>
#include <QTest>

#include <array>
#include <memory>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

class TestReplicas : public QObject
{
    Q_OBJECT

    TestPrincipal m_agent = GatewayProcess::principal(u"deploy-bot"_s, Role::Agent);
    TestPrincipal m_approver = GatewayProcess::principal(u"alice"_s, Role::Approver);
    TestPrincipal m_auditor = GatewayProcess::principal(u"carol"_s, Role::Auditor);

    // `count` replicas on one new database, sharing the first one's audit key and `extra` YAML.
    std::vector<std::unique_ptr<GatewayProcess>> startReplicas(int count, const QByteArray &extra = {})
    {
        std::vector<std::unique_ptr<GatewayProcess>> replicas;
        const QString url = createPostgresqlDatabase();
        if (url.isEmpty())
            return replicas;
        const QString key = QString::fromLatin1("gateway-audit.key");
        for (int i = 0; i < count; ++i) {
            auto replica = std::make_unique<GatewayProcess>();
            replica->setStorageUrl(url);
            if (i > 0) // every replica signs checkpoints with the same key
                QFile::copy(QDir(replicas.front()->dataDir()).filePath(key), QDir(replica->dataDir()).filePath(key));
            if (!replica->startWithConfig({m_agent, m_approver, m_auditor}, extra))
                return {};
            replicas.push_back(std::move(replica));
        }
        return replicas;
    }

    // As docs/gateway.md sets it up: the gateway's role, with these grants and nothing more, on
    // the database of `url` (whose schema the first start made). Returns `url` as that role.
    static QString grantGatewayRole(const QString &url, const QString &role)
    {
        if (!runPostgresql(
                url, {u"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1') THEN "
                      "CREATE ROLE %1 LOGIN; END IF; END $$"_s.arg(role),
                      u"ALTER ROLE %1 LOGIN"_s.arg(role), u"GRANT SELECT, INSERT ON events TO %1"_s.arg(role),
                      u"GRANT SELECT, INSERT, UPDATE ON actions, keys, chain_head, webhook_cursors TO %1"_s.arg(role),
                      u"GRANT SELECT, INSERT ON nonces, checkpoints, idempotency TO %1"_s.arg(role),
                      u"GRANT SELECT, UPDATE ON schema_version TO %1"_s.arg(role)}))
            return {};
        QString asRole = url;
        return asRole.replace(u"user=countersign"_s, u"user="_s + role);
    }

    // The configuration of a webhook of every action.requested to `receiver`.
    static QByteArray webhookTo(const HttpReceiver &receiver)
    {
        return "webhooks:\n  - name: ops\n    url: " + receiver.url().toUtf8() +
               "\n    secret: s3cret-s3cret-s3cret\n    events: [requested]\n";
    }
    // The ids of the actions `receiver` was told of, in the order it was.
    static QStringList deliveredIds(const HttpReceiver &receiver)
    {
        QStringList ids;
        for (const HttpReceiver::Request &request : std::as_const(receiver.requests))
            ids.append(request.json().value(u"action"_s).toObject().value(u"id"_s).toString());
        return ids;
    }

    // The whole log as /v1/audit serves it from `replica`.
    QList<QJsonObject> auditLog(GatewayProcess &replica)
    {
        QList<QJsonObject> events;
        for (qint64 after = 0;;) {
            const QJsonObject page =
                HttpProbe(replica.url()).get(u"/v1/audit?after=%1&limit=1000"_s.arg(after), m_auditor.token).body;
            const QJsonArray batch = page.value(u"events"_s).toArray();
            for (const QJsonValue &event : batch)
                events.append(event.toObject());
            if (batch.isEmpty() || events.last().value(u"seq"_s).toInteger() >=
                                       page.value(u"head"_s).toObject().value(u"seq"_s).toInteger())
                return events;
            after = events.last().value(u"seq"_s).toInteger();
        }
    }

    // Submissions all in flight together, `perReplica` on each replica: what each 201 answered
    // is in `accepted` as it comes, and `answered` counts every answer.
    struct Burst
    {
        QNetworkAccessManager network;
        QStringList accepted;
        int answered = 0;
    };
    void fire(Burst &burst, const std::vector<std::unique_ptr<GatewayProcess>> &replicas, int perReplica)
    {
        for (int i = 0; i < perReplica; ++i) {
            for (const auto &replica : replicas) {
                QNetworkRequest request(replica->url().resolved(QUrl(u"/v1/actions"_s)));
                request.setRawHeader("Authorization", "Bearer " + m_agent.token.toUtf8());
                request.setRawHeader("Content-Type", "application/json");
                QNetworkReply *reply = burst.network.post(request, QJsonDocument(HttpProbe::sampleAction()).toJson());
                connect(reply, &QNetworkReply::finished, this, [reply, &burst] {
                    ++burst.answered;
                    if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 201)
                        burst.accepted.append(QJsonDocument::fromJson(reply->readAll())[u"id"_s].toString());
                    reply->deleteLater();
                });
            }
        }
    }
    // Fires a burst and waits for every answer; the ids accepted.
    QStringList submitConcurrently(const std::vector<std::unique_ptr<GatewayProcess>> &replicas, int perReplica)
    {
        Burst burst;
        fire(burst, replicas, perReplica);
        const int total = perReplica * int(replicas.size());
        [&] { QTRY_COMPARE_WITH_TIMEOUT(burst.answered, total, 30000); }();
        return burst.accepted;
    }

    // A counter or a histogram's _count in `replica`'s /v1/metrics.
    double metric(GatewayProcess &replica, const QByteArray &series)
    {
        return metricValue(HttpProbe(replica.url()).get(u"/v1/metrics"_s, m_auditor.token).raw, series).value_or(-1);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (postgresqlServer().isEmpty())
            QSKIP("needs tests/support/with-postgresql.sh");
    }

    void threeReplicas_everyConsoleSeesOneLogInOrder()
    {
        // Checkpoints often: signing one reads the database's head, which must not move a
        // replica past events it has not taken in.
        const auto replicas = startReplicas(3, "audit:\n  checkpoint_every_events: 2\n  checkpoint_every_seconds: 1\n");
        QCOMPARE(replicas.size(), size_t(3));
        std::array<FeedProbe, 3> consoles;
        for (size_t i = 0; i < 3; ++i) {
            QVERIFY(consoles[i].open(replicas[i]->url(), m_approver));
            QVERIFY(!consoles[i].waitFor(u"snapshot"_s).isEmpty());
        }
        const QStringList ids = submitConcurrently(replicas, 20);
        QCOMPARE(ids.size(), 60);
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), 60);

        const QList<QJsonObject> log = auditLog(*replicas[1]);
        QCOMPARE(AuditChain::verify(log, 0, AuditChain::kGenesisHash), std::nullopt);
        QSet<QString> requested;
        for (const QJsonObject &event : log) {
            if (event.value(u"type"_s).toString() == u"action.requested")
                requested.insert(event.value(u"action_id"_s).toString());
        }
        QCOMPARE(requested, QSet<QString>(ids.begin(), ids.end()));
        const qint64 head = log.last().value(u"seq"_s).toInteger();
        for (FeedProbe &console : consoles) {
            // Every event after the snapshot, once, in seq order, whichever replica appended it.
            QTRY_VERIFY_WITH_TIMEOUT(!console.eventSeqs().isEmpty() && console.eventSeqs().last() == head, 10000);
            const QList<qint64> seqs = console.eventSeqs();
            for (qsizetype i = 1; i < seqs.size(); ++i)
                QCOMPARE(seqs[i], seqs[i - 1] + 1);
            QVERIFY(seqs.first() <= log.at(log.size() - 60).value(u"seq"_s).toInteger());
        }
        // Each replica's pending queue holds all of them.
        for (const auto &replica : replicas) {
            FeedProbe late;
            QVERIFY(late.open(replica->url(), m_approver));
            QCOMPARE(late.waitFor(u"snapshot"_s).value(u"actions"_s).toArray().size(), 60);
        }
    }

    void replica_tellsTheOthersEventsOnceTheirSyncSaidSo()
    {
        // The replica that commits syncs; the others hear that its events are durable (its sync's
        // notification) and make no sync of their own for them.
        const auto replicas = startReplicas(2);
        QCOMPARE(replicas.size(), size_t(2));
        FeedProbe console;
        QVERIFY(console.open(replicas[1]->url(), m_approver));
        QVERIFY(!console.waitFor(u"snapshot"_s).isEmpty());
        const double syncsBefore = metric(*replicas[1], "countersign_store_sync_milliseconds_count");
        const double writesBefore = metric(*replicas[1], "countersign_store_writes_per_transaction_count");
        QVERIFY(syncsBefore >= 0 && writesBefore >= 0);
        constexpr int kSubmissions = 30;
        HttpProbe agent(replicas[0]->url());
        QStringList ids;
        for (int i = 0; i < kSubmissions; ++i)
            ids.append(agent.submit(m_agent.token).value(u"id"_s).toString());
        QVERIFY(!ids.contains(QString()));
        QTRY_COMPARE_WITH_TIMEOUT(console.eventSeqs().size(), kSubmissions, 10000);
        // Its own commits (a checkpoint now and then) it syncs; a poll that came between a commit
        // and its sync may read an event early, and sync for it: a few, not one per event.
        const double syncs = metric(*replicas[1], "countersign_store_sync_milliseconds_count") - syncsBefore;
        const double transactions =
            metric(*replicas[1], "countersign_store_writes_per_transaction_count") - writesBefore;
        QVERIFY2(syncs <= transactions + kSubmissions / 3.0,
                 qPrintable(u"%1 syncs for %2 transactions of its own"_s.arg(syncs).arg(transactions)));
    }

    void eventOfAWriterWithoutSync_reachesEveryReplica()
    {
        // `countersign-gateway key approve` commits on its own: no sync tells of it, the event's
        // notification does.
        const auto replicas = startReplicas(2);
        QCOMPARE(replicas.size(), size_t(2));
        std::array<FeedProbe, 2> consoles;
        for (size_t i = 0; i < 2; ++i) {
            QVERIFY(consoles[i].open(replicas[i]->url(), m_approver));
            QVERIFY(!consoles[i].waitFor(u"snapshot"_s).isEmpty());
        }
        const QByteArray spki = *Crypto::ed25519PublicFromSeed(SoftwareSigner::generateSeed());
        const HttpResult enrolled = HttpProbe(replicas[0]->url())
                                        .post(u"/v1/keys"_s, m_approver.token,
                                              KeyEnrollment{KeyType::Software, spki, {}, u"alice laptop"_s}.toJson());
        QCOMPARE(enrolled.status, 201);
        const ProgramRun approve = runProgram(
            GatewayProcess::binaryPath(), QStringList{u"key"_s, u"approve"_s, enrolled.body.value(u"id"_s).toString()} +
                                              replicas[1]->storeArguments());
        QVERIFY2(approve.code == 0, qPrintable(approve.out + approve.err));
        for (FeedProbe &console : consoles)
            QCOMPARE(console.waitForEvent(EventType::KeyApproved).value(u"type"_s).toString(), EventType::KeyApproved);
    }

    void decisionOnOneReplica_releasesTheAgentWaitingOnAnother()
    {
        const auto replicas = startReplicas(2);
        QCOMPARE(replicas.size(), size_t(2));
        const QJsonObject created = HttpProbe(replicas[0]->url()).submit(m_agent.token);
        const QString id = created.value(u"id"_s).toString();
        QVERIFY(!id.isEmpty());

        QNetworkAccessManager network;
        QNetworkRequest poll(replicas[0]->url().resolved(QUrl(u"/v1/actions/%1?wait=20"_s.arg(id))));
        poll.setRawHeader("Authorization", "Bearer " + m_agent.token.toUtf8());
        QNetworkReply *waiting = network.get(poll);
        QTest::qWait(200);
        QVERIFY(!waiting->isFinished());

        FeedProbe console;
        QVERIFY(console.open(replicas[1]->url(), m_approver));
        QVERIFY(!console.waitFor(u"snapshot"_s).isEmpty());
        const QJsonObject result = console.decide(id, u"approve"_s, created.value(u"digest"_s).toString());
        QVERIFY2(result.value(u"accepted"_s).toBool(), QJsonDocument(result).toJson().constData());
        QTRY_VERIFY_WITH_TIMEOUT(waiting->isFinished(), 5000);
        QCOMPARE(QJsonDocument::fromJson(waiting->readAll())[u"status"_s].toString(), u"approved"_s);
        delete waiting;

        // The same signed decision sent to the other replica is a replay there too.
        FeedProbe other;
        QVERIFY(other.open(replicas[0]->url(), m_approver));
        QVERIFY(!other.waitFor(u"snapshot"_s).isEmpty());
        QCOMPARE(other.decide(id, u"approve"_s, created.value(u"digest"_s).toString())
                     .value(u"error"_s)
                     .toObject()
                     .value(u"code"_s)
                     .toString(),
                 u"not_pending"_s);
    }

    void expiry_happensOnceAcrossReplicas()
    {
        const auto replicas = startReplicas(3);
        QCOMPARE(replicas.size(), size_t(3));
        QStringList ids;
        for (int i = 0; i < 6; ++i)
            ids.append(HttpProbe(replicas[size_t(i % 3)]->url())
                           .submit(m_agent.token, {{u"ttl_seconds"_s, 1}})
                           .value(u"id"_s)
                           .toString());
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                int expired = 0;
                for (const QJsonObject &event : auditLog(*replicas[0]))
                    expired += event.value(u"type"_s).toString() == u"action.expired";
                return expired >= 6;
            }(),
            10000);
        QTest::qWait(1500); // every replica's timer has fired by now
        QHash<QString, int> expiries;
        const QList<QJsonObject> log = auditLog(*replicas[2]);
        for (const QJsonObject &event : log) {
            if (event.value(u"type"_s).toString() == u"action.expired")
                ++expiries[event.value(u"action_id"_s).toString()];
        }
        for (const QString &id : std::as_const(ids))
            QCOMPARE(expiries.value(id), 1);
        QCOMPARE(AuditChain::verify(log, 0, AuditChain::kGenesisHash), std::nullopt);
    }

    void killedReplica_losesNoAcceptedActionAndForksNothing()
    {
        const auto replicas = startReplicas(3);
        QCOMPARE(replicas.size(), size_t(3));
        Burst burst;
        fire(burst, replicas, 30);
        const QStringList &accepted = burst.accepted;
        QTRY_VERIFY_WITH_TIMEOUT(accepted.size() >= 10, 10000);
        replicas[1]->kill(); // mid-burst
        QTRY_COMPARE_WITH_TIMEOUT(burst.answered, 90, 30000);
        QVERIFY(accepted.size() >= 60); // the other two answered all of theirs

        for (size_t survivor : {size_t(0), size_t(2)}) {
            const QList<QJsonObject> log = auditLog(*replicas[survivor]);
            QCOMPARE(AuditChain::verify(log, 0, AuditChain::kGenesisHash), std::nullopt);
            QSet<QString> inLog;
            for (const QJsonObject &event : log)
                inLog.insert(event.value(u"action_id"_s).toString());
            for (const QString &id : std::as_const(accepted))
                QVERIFY2(inLog.contains(id), qPrintable(id));
        }
        // The killed replica comes back on the same log and goes on appending to it.
        QVERIFY(replicas[1]->restart());
        QVERIFY(!HttpProbe(replicas[1]->url()).submit(m_agent.token).isEmpty());
        QCOMPARE(AuditChain::verify(auditLog(*replicas[0]), 0, AuditChain::kGenesisHash), std::nullopt);
    }

    void webhooks_areDeliveredOnceByOneReplica()
    {
        HttpReceiver receiver;
        const auto replicas = startReplicas(2, webhookTo(receiver));
        QCOMPARE(replicas.size(), size_t(2));
        const auto requestedIds = [&receiver] { return deliveredIds(receiver); };
        QStringList ids;
        for (int i = 0; i < 6; ++i)
            ids.append(HttpProbe(replicas[size_t(i % 2)]->url()).submit(m_agent.token).value(u"id"_s).toString());
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests.size(), 6, 10000);
        QTest::qWait(500);
        const QStringList delivered = requestedIds();
        QCOMPARE(QSet<QString>(delivered.begin(), delivered.end()), QSet<QString>(ids.begin(), ids.end()));
        QCOMPARE(receiver.requests.size(), 6); // once, not once per replica

        // The first replica took the webhooks' lock when it started; it goes away, and the other
        // takes over from the saved cursor.
        replicas[0]->kill();
        const QString later = HttpProbe(replicas[1]->url()).submit(m_agent.token).value(u"id"_s).toString();
        QTRY_VERIFY_WITH_TIMEOUT(requestedIds().contains(later), 10000);
        QCOMPARE(requestedIds().count(later), 1);
    }

    void webhooks_moveOnceTheHoldersConnectionIsLost()
    {
        HttpReceiver receiver;
        const auto replicas = startReplicas(2, webhookTo(receiver));
        QCOMPARE(replicas.size(), size_t(2));
        // The server ends the one connection that holds the webhooks' lock (the first replica's
        // store connection); that replica's dispatcher, on a connection of its own, would go on.
        // The replica connects again and gives the webhooks up; whoever takes the lock delivers.
        QVERIFY(runPostgresql(replicas[0]->storageUrl(),
                              {u"SELECT pg_terminate_backend(pid) FROM pg_locks "
                               "WHERE locktype = 'advisory' AND classid = 0 AND objid = %1"_s.arg(0x63737768)}));
        QTest::qWait(3500); // a look at the store (1 s), a reconnection, a claim (every 2 s)
        QStringList ids;
        for (int i = 0; i < 4; ++i)
            ids.append(HttpProbe(replicas[size_t(i % 2)]->url()).submit(m_agent.token).value(u"id"_s).toString());
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests.size(), 4, 10000);
        QTest::qWait(2500);
        QStringList delivered = deliveredIds(receiver);
        std::sort(delivered.begin(), delivered.end());
        std::sort(ids.begin(), ids.end());
        QCOMPARE(delivered, ids); // each once: not by the replica that lost the lock as well
    }

    void replica_runsAsARoleThatMayOnlyAddToTheLog()
    {
        // As docs/gateway.md sets it up: the first start makes the schema, then the gateway's
        // role gets these grants and nothing more.
        const auto replicas = startReplicas(1);
        QCOMPARE(replicas.size(), size_t(1));
        const QString url = replicas[0]->storageUrl();
        replicas[0]->kill();
        const QString limited = grantGatewayRole(url, u"cs_gateway"_s);
        QVERIFY(!limited.isEmpty());
        GatewayProcess gateway;
        gateway.setStorageUrl(limited);
        QVERIFY(gateway.startWithConfig({m_agent, m_approver, m_auditor}));
        const QJsonObject created = HttpProbe(gateway.url()).submit(m_agent.token);
        QVERIFY(!created.isEmpty());
        FeedProbe console;
        QVERIFY(console.open(gateway.url(), m_approver));
        QVERIFY(!console.waitFor(u"snapshot"_s).isEmpty());
        QVERIFY(console.decide(created.value(u"id"_s).toString(), u"approve"_s, created.value(u"digest"_s).toString())
                    .value(u"accepted"_s)
                    .toBool());
        QCOMPARE(AuditChain::verify(auditLog(gateway), 0, AuditChain::kGenesisHash), std::nullopt);
        // and it may not change the log even with the triggers gone
        QVERIFY(runPostgresql(url, {u"ALTER TABLE events DISABLE TRIGGER USER"_s}));
        QString asGateway = url;
        asGateway.replace(u"user=countersign"_s, u"user=cs_gateway"_s);
        QVERIFY(!runPostgresql(asGateway, {u"DELETE FROM events"_s}));
        QVERIFY(!runPostgresql(asGateway, {u"UPDATE events SET hash = 'x'"_s}));
    }

    void replicaThatLosesTheStore_sendsItsConsolesElsewhereUntilItIsBack()
    {
        // Replica A runs as a role of its own, so that the server can shut A alone out: its
        // connections are ended and it may not log in again, while replica B goes on.
        const auto replicas = startReplicas(1);
        QCOMPARE(replicas.size(), size_t(1));
        GatewayProcess &b = *replicas[0];
        const QString url = b.storageUrl();
        GatewayProcess a;
        a.setStorageUrl(grantGatewayRole(url, u"cs_replica_a"_s));
        QVERIFY(!a.storageUrl().isEmpty());
        QVERIFY(a.startWithConfig({m_agent, m_approver, m_auditor}));
        FeedProbe consoleA, consoleB;
        QVERIFY(consoleA.open(a.url(), m_approver));
        QVERIFY(!consoleA.waitFor(u"snapshot"_s).isEmpty());
        QVERIFY(consoleB.open(b.url(), m_approver));
        QVERIFY(!consoleB.waitFor(u"snapshot"_s).isEmpty());

        QVERIFY(runPostgresql(url, {u"ALTER ROLE cs_replica_a NOLOGIN"_s,
                                    u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                    "WHERE usename = 'cs_replica_a'"_s}));
        // A notices within its next look at the store: its console is told and closed with
        // close code 4503, a new one is turned away, agents get 503.
        QCOMPARE(consoleA.waitFor(u"error"_s, 0, 10000).value(u"error"_s)[u"code"_s].toString(), u"not_ready"_s);
        QTRY_COMPARE_WITH_TIMEOUT(consoleA.socket().state(), QAbstractSocket::UnconnectedState, 5000);
        QCOMPARE(int(consoleA.socket().closeCode()), 4503);
        FeedProbe turnedAway;
        QVERIFY(turnedAway.open(a.url(), m_approver));
        QCOMPARE(turnedAway.waitFor(u"error"_s).value(u"error"_s)[u"code"_s].toString(), u"not_ready"_s);
        QTRY_COMPARE_WITH_TIMEOUT(int(turnedAway.socket().closeCode()), 4503, 5000);
        HttpProbe probeA(a.url());
        const HttpResult ready = probeA.get(u"/readyz"_s, {});
        QCOMPARE(ready.status, 503);
        QCOMPARE(ready.errorCode(), u"not_ready"_s);
        const HttpResult refused = probeA.post(u"/v1/actions"_s, m_agent.token, HttpProbe::sampleAction());
        QCOMPARE(refused.status, 503);
        QCOMPARE(refused.errorCode(), u"storage_failure"_s);

        // B goes on meanwhile.
        const QString duringOutage = HttpProbe(b.url()).submit(m_agent.token).value(u"id"_s).toString();
        QVERIFY(!duringOutage.isEmpty());
        QVERIFY(!consoleB.waitForEvent(u"action.requested"_s).isEmpty());

        // A is let in again: it reconnects, takes in what B appended, and serves consoles again.
        QVERIFY(runPostgresql(url, {u"ALTER ROLE cs_replica_a LOGIN"_s}));
        QTRY_COMPARE_WITH_TIMEOUT(probeA.get(u"/readyz"_s, {}).status, 200, 10000);
        FeedProbe back;
        QVERIFY(back.open(a.url(), m_approver));
        const QJsonArray pending = back.waitFor(u"snapshot"_s).value(u"actions"_s).toArray();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.at(0)[u"id"_s].toString(), duringOutage);
        // Its group commit's connection was ended too: the sync connects again and A answers.
        const QString afterwards = probeA.submit(m_agent.token).value(u"id"_s).toString();
        QVERIFY(!afterwards.isEmpty());
        const auto told = [&afterwards](const QJsonObject &message) {
            return message[u"event"_s][u"action_id"_s].toString() == afterwards;
        };
        QVERIFY(!back.waitForMessage(told, 0, 10000, u"A's new action on A"_s).isEmpty());
        QVERIFY(!consoleB.waitForMessage(told, 0, 10000, u"A's new action on B"_s).isEmpty());
        QCOMPARE(AuditChain::verify(auditLog(a), 0, AuditChain::kGenesisHash), std::nullopt);
    }

    void store_refusesChangesAndForks()
    {
        const auto replicas = startReplicas(1);
        QCOMPARE(replicas.size(), size_t(1));
        QVERIFY(!HttpProbe(replicas[0]->url()).submit(m_agent.token).isEmpty());
        const QString url = replicas[0]->storageUrl();
        QVERIFY(!runPostgresql(url, {u"UPDATE events SET body = body WHERE seq = 1"_s}));
        QVERIFY(!runPostgresql(url, {u"DELETE FROM events WHERE seq = 1"_s}));
        QVERIFY(!runPostgresql(url, {u"TRUNCATE events"_s}));
        // An event that does not extend the head by one is refused: the chain cannot fork.
        QVERIFY(!runPostgresql(url, {u"INSERT INTO events (seq, hash, body) VALUES (1, 'x', 'x')"_s}));
        QVERIFY(!runPostgresql(url, {u"INSERT INTO events (seq, hash, body) VALUES (100, 'x', 'x')"_s}));
        QCOMPARE(AuditChain::verify(auditLog(*replicas[0]), 0, AuditChain::kGenesisHash), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestReplicas)
#include "tst_replicas.moc"
