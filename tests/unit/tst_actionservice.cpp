#include "ActionService.h"
#include "EventStore.h"
#include "StoreSchema.h"
#include "KeyRegistry.h"
#include "SigningFixture.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace cs;

// The gateway's store and state machine together, on a real SQLite file and a manual clock.
class TestActionService : public QObject
{
    Q_OBJECT

    const Principal bot{u"bot"_s, u"Bot"_s, Role::Agent, {}};
    const test::TestApprover m_alice = test::TestApprover::make(u"alice"_s);
    const Principal alice = m_alice.principal;
    ManualClock m_clock{QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC)};
    QTemporaryDir m_dir;
    int m_counter = 0;

    QString freshPath() { return m_dir.filePath(u"store%1.sqlite"_s.arg(++m_counter)); }

    std::optional<Action> approve(ActionService &service, const Action &action, WireError *error)
    {
        const SignedDecision decision = m_alice.decision(action, Verdict::Approve, m_clock.now());
        return service.decide(alice, decision, m_alice.sign(decision), error);
    }

    static ActionRequest request(int ttl = 60)
    {
        ActionRequest request;
        request.kind = u"deploy"_s;
        request.command = u"make deploy"_s;
        request.target = {u"k8s"_s, u"checkout"_s, u"production"_s};
        request.justification = u"release"_s;
        request.ttlSeconds = ttl;
        return request;
    }

private Q_SLOTS:
    void open_newFile_migratesToCurrentSchema()
    {
        EventStore store(u"s1"_s);
        QString error;
        QVERIFY2(store.open(freshPath(), &error), qPrintable(error));
        QCOMPARE(store.schemaVersion(), StoreSchema::kVersion);
        QCOMPARE(store.headSeq(), 0);
    }

    void submit_isDurableAndReloadsAfterReopen()
    {
        const QString path = freshPath();
        QString id;
        {
            EventStore store(u"s2"_s);
            QString error;
            QVERIFY(store.open(path, &error));
            KeyRegistry keys(&store, &m_clock, {m_alice.key});
            ActionService service(&store, &keys, &m_clock, {}, {});
            QSignalSpy recorded(&service, &ActionService::eventRecorded);
            WireError werror;
            const auto action = service.submit(bot, request(), &werror);
            QVERIFY(action);
            id = action->id;
            QCOMPARE(recorded.size(), 1);
            QCOMPARE(recorded.first().first().value<Event>().seq, 1);
            QCOMPARE(action->digest, action->computeDigest());
            QCOMPARE(action->expiresAt, m_clock.now().addSecs(60));
        }
        EventStore reopened(u"s3"_s);
        QString error;
        QVERIFY(reopened.open(path, &error));
        QCOMPARE(reopened.headSeq(), 1);
        KeyRegistry keys(&reopened, &m_clock, {m_alice.key});
        ActionService service(&reopened, &keys, &m_clock, {}, {});
        service.load();
        QCOMPARE(service.pending().size(), 1);
        QCOMPARE(service.pending().first().id, id);
        const QList<Event> events = reopened.eventsAfter(0, 10);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().type, EventType::ActionRequested);
        QCOMPARE(events.first().actor, u"bot"_s);
    }

    void decide_approve_recordsEventAndLeavesPending()
    {
        EventStore store(u"s4"_s);
        QString error;
        QVERIFY(store.open(freshPath(), &error));
        KeyRegistry keys(&store, &m_clock, {m_alice.key});
        ActionService service(&store, &keys, &m_clock, {}, {});
        QSignalSpy resolved(&service, &ActionService::actionResolved);
        WireError werror;
        const auto action = service.submit(bot, request(), &werror);
        const auto decided = approve(service, *action, &werror);
        QVERIFY(decided);
        QCOMPARE(decided->status, ActionStatus::Approved);
        QCOMPARE(resolved.size(), 1);
        QVERIFY(service.pending().isEmpty());
        QCOMPARE(service.find(action->id)->status, ActionStatus::Approved);
        QCOMPARE(store.eventsAfter(1, 10).first().type, EventType::ActionApproved);
    }

    void decide_refused_isRecordedAsEvent()
    {
        EventStore store(u"s5"_s);
        QString error;
        QVERIFY(store.open(freshPath(), &error));
        KeyRegistry keys(&store, &m_clock, {m_alice.key});
        ActionService service(&store, &keys, &m_clock, {}, {});
        WireError werror;
        const auto action = service.submit(alice, request(), &werror);
        QVERIFY(!approve(service, *action, &werror));
        QCOMPARE(werror.code, ErrorCode::SelfApproval);
        const QList<Event> events = store.eventsAfter(1, 10);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().type, EventType::DecisionRefused);
        QCOMPARE(events.first().payload.value(u"code"_s).toString(), ErrorCode::SelfApproval);
        QCOMPARE(service.find(action->id)->status, ActionStatus::Pending);
    }

    void expireDue_pastDeadline_expiresAndDecideSaysExpired()
    {
        EventStore store(u"s6"_s);
        QString error;
        QVERIFY(store.open(freshPath(), &error));
        KeyRegistry keys(&store, &m_clock, {m_alice.key});
        ActionService service(&store, &keys, &m_clock, {}, {});
        WireError werror;
        const auto action = service.submit(bot, request(30), &werror);
        m_clock.advance(31'000);
        const auto late = approve(service, *action, &werror);
        QVERIFY(!late);
        QCOMPARE(werror.code, ErrorCode::Expired);
        QCOMPARE(service.find(action->id)->status, ActionStatus::Expired);
        QCOMPARE(store.eventsAfter(1, 10).first().type, EventType::ActionExpired);
    }

    void load_expiresActionsWhoseDeadlinePassedWhileDown()
    {
        const QString path = freshPath();
        EventStore store(u"s7"_s);
        QString error;
        QVERIFY(store.open(path, &error));
        {
            KeyRegistry keys(&store, &m_clock, {m_alice.key});
            ActionService service(&store, &keys, &m_clock, {}, {});
            WireError werror;
            QVERIFY(service.submit(bot, request(5), &werror));
        }
        m_clock.advance(10'000);
        KeyRegistry keys(&store, &m_clock, {});
        ActionService restarted(&store, &keys, &m_clock, {}, {});
        restarted.load();
        QVERIFY(restarted.pending().isEmpty());
        QCOMPARE(store.eventsAfter(0, 10).last().type, EventType::ActionExpired);
    }

    void cancel_byInitiator_cancels_andByOthersIsRefused()
    {
        EventStore store(u"s8"_s);
        QString error;
        QVERIFY(store.open(freshPath(), &error));
        KeyRegistry keys(&store, &m_clock, {m_alice.key});
        ActionService service(&store, &keys, &m_clock, {}, {});
        WireError werror;
        const auto action = service.submit(bot, request(), &werror);
        QVERIFY(!service.cancel(alice, action->id, &werror));
        QCOMPARE(werror.code, ErrorCode::NotInitiator);
        QCOMPARE(service.cancel(bot, action->id, &werror)->status, ActionStatus::Cancelled);
        QVERIFY(!service.cancel(bot, action->id, &werror));
        QCOMPARE(werror.code, ErrorCode::NotPending);
    }

    void submit_ttlAboveGatewayMaximum_isInvalid()
    {
        EventStore store(u"s9"_s);
        QString error;
        QVERIFY(store.open(freshPath(), &error));
        KeyRegistry keys(&store, &m_clock, {});
        ActionService service(&store, &keys, &m_clock, {60, 120}, {});
        WireError werror;
        QVERIFY(!service.submit(bot, request(121), &werror));
        QCOMPARE(werror.code, ErrorCode::InvalidField);
        ActionRequest noTtl = request();
        noTtl.ttlSeconds.reset();
        QCOMPARE(service.submit(bot, noTtl, &werror)->expiresAt, m_clock.now().addSecs(60));
    }

    void submit_idsAreVersion7_andSortInTheOrderActionsWereMade()
    {
        EventStore store(u"s13"_s);
        QString error;
        QVERIFY(store.open(freshPath(), &error));
        KeyRegistry keys(&store, &m_clock, {m_alice.key});
        ActionService service(&store, &keys, &m_clock, {}, {});
        WireError werror;
        QStringList ids;
        for (int i = 0; i < 3; ++i) {
            const auto action = service.submit(bot, request(), &werror);
            QVERIFY(action);
            const QUuid uuid(action->id);
            QVERIFY(!uuid.isNull());
            const QByteArray bytes = uuid.toRfc4122();
            QCOMPARE(quint8(bytes.at(6)) >> 4, 7); // QUuid::version() of Qt 6.4 knows up to 5
            QCOMPARE(uuid.variant(), QUuid::DCE);
            // The first 48 bits are the creation time in milliseconds.
            QCOMPARE(bytes.left(6).toHex().toLongLong(nullptr, 16), action->createdAt.toMSecsSinceEpoch());
            ids.append(action->id);
            m_clock.advance(1);
        }
        QStringList sorted = ids;
        sorted.sort();
        QCOMPARE(sorted, ids);
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), ids.size());
        // Made in one millisecond, they still differ.
        const auto a = service.submit(bot, request(), &werror);
        const auto b = service.submit(bot, request(), &werror);
        QVERIFY(a && b);
        QCOMPARE_NE(a->id, b->id);
    }

    void events_areAppendOnlyInTheDatabase()
    {
        const QString path = freshPath();
        EventStore store(u"s10"_s);
        QString error;
        QVERIFY(store.open(path, &error));
        KeyRegistry keys(&store, &m_clock, {m_alice.key});
        ActionService service(&store, &keys, &m_clock, {}, {});
        WireError werror;
        QVERIFY(service.submit(bot, request(), &werror));
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tamper"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(!query.exec(u"UPDATE events SET actor = 'mallory'"_s));
        QVERIFY(!query.exec(u"DELETE FROM events"_s));
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"tamper"_s);
        QCOMPARE(store.eventsAfter(0, 10).first().actor, u"bot"_s);
    }

    void open_newerSchema_isRefused()
    {
        const QString path = freshPath();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"future"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"CREATE TABLE schema_version (version INTEGER NOT NULL)"_s));
            QVERIFY(query.exec(u"INSERT INTO schema_version VALUES (99)"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"future"_s);
        EventStore store(u"s11"_s);
        QString error;
        QVERIFY(!store.open(path, &error));
        QVERIFY(error.contains(u"99"_s));
    }

    // A schema-2 database (before the hash chain) gets its events chained by the migration, and
    // the append-only triggers are back afterwards.
    void open_schema2Database_backfillsTheHashChain()
    {
        const QString path = freshPath();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v2"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            for (
                const QString &statement :
                {u"CREATE TABLE schema_version (version INTEGER NOT NULL)"_s,
                 u"INSERT INTO schema_version VALUES (2)"_s,
                 u"CREATE TABLE events (seq INTEGER PRIMARY KEY, time TEXT NOT NULL, type TEXT NOT NULL,"
                 " actor TEXT NOT NULL, action_id TEXT, payload TEXT NOT NULL)"_s,
                 u"CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
                 " BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"_s,
                 u"CREATE TABLE actions (id TEXT PRIMARY KEY, status TEXT NOT NULL, initiator TEXT NOT NULL,"
                 " expires_at TEXT NOT NULL, body TEXT NOT NULL, last_seq INTEGER NOT NULL)"_s,
                 u"CREATE TABLE keys (id TEXT PRIMARY KEY, owner TEXT NOT NULL, status TEXT NOT NULL, body TEXT NOT NULL)"_s,
                 u"CREATE TABLE nonces (nonce TEXT PRIMARY KEY, key_id TEXT NOT NULL, seq INTEGER NOT NULL)"_s,
                 u"INSERT INTO events VALUES (1, '2026-01-01T00:00:00.000Z', 'key.enrolled', 'alice', NULL, '{\"n\":1}')"_s,
                 u"INSERT INTO events VALUES (2, '2026-01-01T00:00:01.000Z', 'key.approved', 'ops', NULL, '{\"n\":2e20}')"_s})
                QVERIFY2(query.exec(statement), qPrintable(statement));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"v2"_s);
        EventStore store(u"s-v2"_s);
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        QCOMPARE(store.schemaVersion(), StoreSchema::kVersion);
        const QList<Event> events = store.eventsAfter(0, 10);
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.at(0).prevHash, AuditChain::kGenesisHash);
        QCOMPARE(events.at(0).hash, AuditChain::hashOf(events.at(0)));
        QCOMPARE(events.at(1).prevHash, events.at(0).hash);
        QCOMPARE(store.headHash(), events.at(1).hash);
        QSqlQuery update(store.database());
        QVERIFY(!update.exec(u"UPDATE events SET body = 'x' WHERE seq = 1"_s));
        QVERIFY(!update.exec(u"DELETE FROM events WHERE seq = 1"_s));
    }
};

QTEST_GUILESS_MAIN(TestActionService)
#include "tst_actionservice.moc"
