#include "ActionService.h"
#include "EventStore.h"
#include "GatedSocket.h"
#include "GroupCommit.h"
#include "KeyRegistry.h"
#include "Listener.h"
#include "Refusals.h"
#include "TestDatabase.h"
#include "audit/AuditChain.h"
#include "wire/ActionCodec.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

namespace {

// A disk whose syncs wait until the test lets them through, or fail.
class HeldDisk
{
public:
    GroupCommit::Sync sync()
    {
        return [this](QString *error) {
            std::unique_lock lock(m_mutex);
            ++m_asked;
            m_changed.notify_all();
            m_changed.wait(lock, [this] { return m_allowed > 0 || m_failing; });
            if (m_failing) {
                *error = u"the disk is gone"_s;
                return false;
            }
            --m_allowed;
            return true;
        };
    }
    void allow(int syncs = 1000)
    {
        const std::lock_guard lock(m_mutex);
        m_allowed += syncs;
        m_changed.notify_all();
    }
    void fail()
    {
        const std::lock_guard lock(m_mutex);
        m_failing = true;
        m_changed.notify_all();
    }
    // Waits (briefly) until a sync was asked for.
    bool asked()
    {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, std::chrono::seconds(5), [this] { return m_asked > 0; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    int m_allowed = 0;
    int m_asked = 0;
    bool m_failing = false;
};

} // namespace

// Group commit: the store commits without waiting for the disk, one sync makes a group durable,
// and nothing a commit changed leaves the gateway (events told, bytes on a connection) before
// its commit is durable.
class TestGroupCommit : public QObject
{
    Q_OBJECT

    ManualClock m_clock{QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC)};
    QTemporaryDir m_dir;
    int m_counter = 0;
    const Principal bot{u"bot"_s, u"Bot"_s, Role::Agent, {}};

    QString freshPath() { return m_dir.filePath(u"store%1.sqlite"_s.arg(++m_counter)); }

    static ActionRequest request()
    {
        ActionRequest request;
        request.kind = u"deploy"_s;
        request.command = u"make deploy"_s;
        request.target = {u"k8s"_s, u"checkout"_s, u"production"_s};
        request.justification = u"release"_s;
        return request;
    }

    // A client connected to `listener`, and the gated socket the listener made for it.
    static std::pair<std::unique_ptr<QTcpSocket>, QTcpSocket *> connectTo(Listener &listener)
    {
        auto client = std::make_unique<QTcpSocket>();
        client->connectToHost(QHostAddress::LocalHost, listener.serverPort());
        if (!client->waitForConnected(5000) || !listener.waitForNewConnection(5000))
            return {};
        return {std::move(client), listener.nextPendingConnection()};
    }

    // What the client received within a while, running the event loop (the server's socket writes
    // on it): up to `size` bytes.
    static QByteArray receive(QTcpSocket &client, qsizetype size, int withinMs = 5000)
    {
        QByteArray received;
        QElapsedTimer waited;
        waited.start();
        while (received.size() < size && waited.elapsed() < withinMs) {
            QTest::qWait(10);
            received += client.readAll();
        }
        return received;
    }

    // A store whose writes share one transaction per turn of the event loop, as the gateway's.
    struct Batched
    {
        HeldDisk disk;
        GroupCommit groupCommit;
        EventStore store;
        std::unique_ptr<KeyRegistry> keys;
        std::unique_ptr<ActionService> service;
        explicit Batched(const QString &name) : store(name) {}
        ~Batched() { disk.allow(); } // a failed check leaves no sync waiting
    };
    // On a fresh database of the PostgreSQL server at `url`, whose syncs all go through.
    bool openBatched(Batched &batched, const QString &url)
    {
        QString error;
        const auto location = StoreLocation::parse(url, &error);
        if (!location || !openBatched(batched, location)) {
            qWarning() << error;
            return false;
        }
        batched.disk.allow(1000);
        return true;
    }
    bool openBatched(Batched &batched, const std::optional<StoreLocation> &location = std::nullopt)
    {
        QString error;
        if (!batched.store.open(location ? *location : StoreLocation::sqliteFile(freshPath()), &error) ||
            !batched.store.deferDurability([&batched] { batched.groupCommit.committed(); }, &error) ||
            !batched.store.batchWrites([&batched] { batched.groupCommit.wrote(); }, &error)) {
            qWarning() << error;
            return false;
        }
        batched.groupCommit.start(batched.disk.sync());
        batched.groupCommit.closeWith([&batched](QString *why) { return batched.store.commitWrites(why); });
        batched.keys = std::make_unique<KeyRegistry>(&batched.store, &m_clock, QList<KeyRecord>{});
        batched.service = std::make_unique<ActionService>(&batched.store, batched.keys.get(), &m_clock,
                                                          ActionService::Limits{}, ActionService::SigningPolicy{});
        batched.service->setGroupCommit(&batched.groupCommit);
        return true;
    }
    // The events another connection to the store sees: what was committed.
    static qint64 committedEvents(const EventStore &store)
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"other"_s);
        other.setDatabaseName(store.location().sqlitePath());
        qint64 count = -1;
        if (other.open()) {
            QSqlQuery query(u"SELECT COUNT(*) FROM events"_s, other);
            count = query.next() ? query.value(0).toLongLong() : -1;
        }
        other = {};
        QSqlDatabase::removeDatabase(u"other"_s);
        return count;
    }

private Q_SLOTS:
    void events_areToldOnceTheirCommitIsDurable_inOrder()
    {
        HeldDisk disk;
        GroupCommit groupCommit;
        const auto unblock = qScopeGuard([&disk] { disk.allow(); }); // a failed check leaves no sync waiting
        EventStore store(u"gc1"_s);
        QString error;
        QVERIFY2(store.open(freshPath(), &error), qPrintable(error));
        QVERIFY(store.deferDurability([&groupCommit] { groupCommit.committed(); }, &error));
        QSqlQuery synchronous(u"PRAGMA synchronous"_s, store.database());
        QVERIFY(synchronous.next());
        QCOMPARE(synchronous.value(0).toInt(), 1); // NORMAL: the commit does not wait for the disk
        groupCommit.start(disk.sync());
        KeyRegistry keys(&store, &m_clock, {});
        ActionService service(&store, &keys, &m_clock, {}, {});
        service.setGroupCommit(&groupCommit);
        QSignalSpy recorded(&service, &ActionService::eventRecorded);
        QSignalSpy durable(&groupCommit, &GroupCommit::durable);

        WireError werror;
        QList<QString> ids;
        for (int i = 0; i < 3; ++i) {
            const auto action = service.submit(bot, request(), &werror);
            QVERIFY(action);
            ids.append(action->id);
        }
        QCOMPARE(groupCommit.committedCount(), quint64(3));
        QCOMPARE(store.headSeq(), 3); // committed, in the log, and readable
        QVERIFY(disk.asked());
        QTest::qWait(100);
        QCOMPARE(recorded.size(), 0); // but nobody told
        QCOMPARE(groupCommit.durableCount(), quint64(0));

        disk.allow();
        QTRY_COMPARE(recorded.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(recorded.at(i).first().value<Event>().seq, i + 1);
            QCOMPARE(recorded.at(i).first().value<Event>().actionId, ids.at(i));
        }
        QVERIFY(durable.size() <= 2); // the three commits in at most two syncs (one was in flight)
        QCOMPARE(groupCommit.durableCount(), quint64(3));
        QVERIFY(groupCommit.settled());

        // Settled: the next event is told at once, as without group commit... once synced.
        const auto fourth = service.submit(bot, request(), &werror);
        QVERIFY(fourth);
        QTRY_COMPARE(recorded.size(), 4);
    }

    void othersCommits_takenIn_shareTheSyncOfACommitInTheSameTurn()
    {
        std::atomic<int> syncs = 0;
        GroupCommit groupCommit;
        groupCommit.start([&syncs](QString *) {
            ++syncs;
            return true;
        });
        QSignalSpy durable(&groupCommit, &GroupCommit::durable);
        // A write that found the head moved took in the others' events, then committed its own.
        groupCommit.committedElsewhere();
        groupCommit.committed();
        QTRY_COMPARE(groupCommit.durableCount(), quint64(2));
        QTest::qWait(50);
        QCOMPARE(syncs.load(), 1);
        QCOMPARE(durable.size(), 1);
        // Taken in alone, they are synced at the end of the turn.
        groupCommit.committedElsewhere();
        QCOMPARE(syncs.load(), 1);
        QTRY_COMPARE(groupCommit.durableCount(), quint64(3));
        QCOMPARE(syncs.load(), 2);
    }

    void connection_holdsBytesUntilDurable_andKeepsTheirOrder()
    {
        HeldDisk disk;
        GroupCommit groupCommit;
        const auto unblock = qScopeGuard([&disk] { disk.allow(); }); // a failed check leaves no sync waiting
        groupCommit.start(disk.sync());
        Refusals refusals;
        Listener listener(ConnectionLimits{}, &refusals);
        listener.setGate(&groupCommit);
        QVERIFY(listener.listen(QHostAddress::LocalHost, 0));
        auto [client, server] = connectTo(listener);
        QVERIFY(client && server);

        server->write("before any commit;");
        QCOMPARE(receive(*client, 18), QByteArray("before any commit;"));

        groupCommit.committed(); // what follows may show this commit
        server->write("first;");
        QCOMPARE(server->bytesToWrite(), 6); // held bytes count: the connection is not idle
        QCOMPARE(receive(*client, 1, 300), QByteArray());
        QVERIFY(disk.asked());
        disk.allow(1);
        QCOMPARE(receive(*client, 6), QByteArray("first;"));

        // A refusal shows nothing of the store and needs no sync, but it keeps its place behind
        // what the connection wrote before it.
        writeUngated(server, "refused at once;");
        QCOMPARE(receive(*client, 16), QByteArray("refused at once;"));
        groupCommit.committed();
        server->write("second;");
        writeUngated(server, "refused behind;");
        QCOMPARE(receive(*client, 1, 300), QByteArray());
        disk.allow(1);
        QCOMPARE(receive(*client, 22), QByteArray("second;refused behind;"));
    }

    void failedSync_isReported_andNothingLeaves()
    {
        HeldDisk disk;
        GroupCommit groupCommit;
        const auto unblock = qScopeGuard([&disk] { disk.allow(); }); // a failed check leaves no sync waiting
        groupCommit.start(disk.sync());
        QSignalSpy failed(&groupCommit, &GroupCommit::failed);
        Refusals refusals;
        Listener listener(ConnectionLimits{}, &refusals);
        listener.setGate(&groupCommit);
        QVERIFY(listener.listen(QHostAddress::LocalHost, 0));
        auto [client, server] = connectTo(listener);
        QVERIFY(client && server);

        groupCommit.committed();
        server->write("a decision nobody may hear of");
        QVERIFY(disk.asked());
        disk.fail();
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().toString(), u"the disk is gone"_s);
        QCOMPARE(groupCommit.durableCount(), quint64(0));
        QCOMPARE(receive(*client, 1, 300), QByteArray());
    }

    void batchedWrites_ofOneTurn_shareOneCommit()
    {
        Batched batched(u"gc3"_s);
        QVERIFY(openBatched(batched));
        QSignalSpy recorded(batched.service.get(), &ActionService::eventRecorded);
        QSignalSpy durable(&batched.groupCommit, &GroupCommit::durable);
        WireError werror;
        for (int i = 0; i < 3; ++i)
            QVERIFY(batched.service->submit(bot, request(), &werror));
        QCOMPARE(batched.store.headSeq(), 3);
        QCOMPARE(batched.groupCommit.committedCount(), quint64(1)); // the open transaction's
        QVERIFY(!batched.groupCommit.settled());
        QCOMPARE(committedEvents(batched.store), 0);     // not committed within the turn
        QTRY_COMPARE(committedEvents(batched.store), 3); // the turn ended: one commit
        QVERIFY(batched.disk.asked());
        QCOMPARE(recorded.size(), 0);
        batched.disk.allow();
        QTRY_COMPARE(recorded.size(), 3);
        QCOMPARE(batched.groupCommit.durableCount(), quint64(1));
        QCOMPARE(durable.size(), 1); // one sync

        // The next turn's write is the next commit.
        QVERIFY(batched.service->submit(bot, request(), &werror));
        QCOMPARE(batched.groupCommit.committedCount(), quint64(2));
        QTRY_COMPARE(recorded.size(), 4);
        QCOMPARE(recorded.last().first().value<Event>().seq, 4);
    }

    // Submits one action in each turn of the event loop, one after another, while `more` says so;
    // returns how many it submitted once the last one is durable.
    int submitOnePerTurn(Batched &batched, const std::function<bool(int submitted)> &more)
    {
        int submitted = 0;
        bool done = false;
        std::function<void()> next = [&] {
            WireError werror;
            if (!batched.service->submit(bot, request(), &werror))
                qWarning() << werror.message;
            if (more(++submitted))
                QMetaObject::invokeMethod(batched.service.get(), next, Qt::QueuedConnection);
            else
                done = true;
        };
        QMetaObject::invokeMethod(batched.service.get(), next, Qt::QueuedConnection);
        if (!QTest::qWaitFor([&] { return done && batched.groupCommit.settled(); }, 10'000))
            return -1;
        return submitted;
    }

    // Each turn brings a write: with gatherFor() they share the transaction the first opened,
    // which is committed at the end of the first turn that brings none.
    void gatheredWrites_ofConsecutiveTurns_shareOneCommit()
    {
        Batched batched(u"gc3g"_s);
        QVERIFY(openBatched(batched));
        batched.disk.allow();
        batched.groupCommit.gatherFor(std::chrono::seconds(30));
        QCOMPARE(submitOnePerTurn(batched, [](int submitted) { return submitted < 5; }), 5);
        QCOMPARE(committedEvents(batched.store), 5);
        QCOMPARE(batched.groupCommit.committedCount(), quint64(1));
        QCOMPARE(batched.groupCommit.durableCount(), quint64(1));
    }

    // Without gatherFor() (PostgreSQL, where the other replicas wait for the head), each turn's
    // transaction ends with it.
    void ungatheredWrites_ofConsecutiveTurns_areCommittedTurnByTurn()
    {
        Batched batched(u"gc3u"_s);
        QVERIFY(openBatched(batched));
        batched.disk.allow();
        QCOMPARE(submitOnePerTurn(batched, [](int submitted) { return submitted < 5; }), 5);
        QCOMPARE(committedEvents(batched.store), 5);
        QCOMPARE(batched.groupCommit.committedCount(), quint64(5));
    }

    // Writes that never stop coming do not hold the transaction open past the bound: once it has
    // been open that long it is committed, and the writes after it go in the next.
    void gatheredWrites_areCommitted_onceTheTransactionIsOpenForTheBound()
    {
        Batched batched(u"gc3b"_s);
        QVERIFY(openBatched(batched));
        batched.disk.allow();
        batched.groupCommit.gatherFor(std::chrono::milliseconds(20));
        QElapsedTimer writing;
        writing.start();
        const int submitted = submitOnePerTurn(batched, [&writing](int) { return writing.elapsed() < 100; });
        QVERIFY(submitted > 0);
        QCOMPARE(committedEvents(batched.store), submitted);
        // At least one commit per 20 ms of writing; fewer commits than writes, shared.
        QVERIFY2(batched.groupCommit.committedCount() >= 5,
                 qPrintable(QString::number(batched.groupCommit.committedCount())));
        QVERIFY(batched.groupCommit.committedCount() < quint64(submitted));
    }

    void failedWrite_inABatch_leavesTheOthersOfIt()
    {
        Batched batched(u"gc4"_s);
        QVERIFY(openBatched(batched));
        batched.disk.allow();
        QString error;
        const Event policy{0, m_clock.now(), EventType::PolicyLoaded, u"gateway"_s, {}, {}};
        QVERIFY(batched.store.append(policy, &error));
        const auto refusing = [](QSqlDatabase &db, qint64, QString *why) {
            QSqlQuery query(db);
            if (query.exec(u"INSERT INTO no_such_table VALUES (1)"_s))
                return true;
            *why = sqlError(query);
            return false;
        };
        QVERIFY(!batched.store.write(nullptr, policy, refusing, &error));
        QVERIFY2(error.contains(u"no_such_table"_s), qPrintable(error));
        const auto third = batched.store.append(policy, &error);
        QVERIFY(third);
        QCOMPARE(third->seq, 2); // the refused write took nothing
        QTRY_COMPARE(committedEvents(batched.store), 2);
        QTRY_VERIFY(batched.groupCommit.settled());
        QVERIFY(batched.store.unwritable().isEmpty());
        const QList<Event> stored = batched.store.eventsAfter(0, 10);
        QCOMPARE(stored.size(), 2);
        QCOMPARE(stored.at(1).prevHash, stored.at(0).hash);
    }

    void refusedCommit_abandonsItsWrites_andClosesTheConnectionsWaitingForThem()
    {
        Batched batched(u"gc5"_s);
        QVERIFY(openBatched(batched));
        QSignalSpy abandoned(&batched.groupCommit, &GroupCommit::abandoned);
        QSignalSpy recorded(batched.service.get(), &ActionService::eventRecorded);
        // A row that breaks a deferred foreign key makes the COMMIT itself fail, as a full disk does.
        QSqlQuery setup(batched.store.database());
        QVERIFY(setup.exec(u"PRAGMA foreign_keys = ON"_s));
        QVERIFY(setup.exec(u"CREATE TABLE parent (id INTEGER PRIMARY KEY)"_s));
        QVERIFY(setup.exec(u"CREATE TABLE child (id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)"_s));
        QTRY_VERIFY(batched.disk.asked()); // the two statements' commits
        batched.disk.allow(2);
        QTRY_VERIFY(batched.groupCommit.settled());
        Refusals refusals;
        Listener listener(ConnectionLimits{}, &refusals);
        listener.setGate(&batched.groupCommit);
        QVERIFY(listener.listen(QHostAddress::LocalHost, 0));
        auto [client, server] = connectTo(listener);
        QVERIFY(client && server);
        server->write("before;");
        QCOMPARE(receive(*client, 7), QByteArray("before;"));

        WireError werror;
        const auto lost = batched.service->submit(bot, request(), &werror);
        QVERIFY(lost);
        QVERIFY(batched.service->find(lost->id));
        QVERIFY(setup.exec(u"INSERT INTO child VALUES (42)"_s));
        server->write("an answer that shows the lost action;");
        QTRY_COMPARE(abandoned.size(), 1);
        QCOMPARE(abandoned.first().first().value<quint64>(), quint64(3)); // after the two CREATEs
        QVERIFY2(abandoned.first().last().toString().contains(u"FOREIGN KEY"_s),
                 qPrintable(abandoned.first().last().toString()));
        QTRY_COMPARE(client->state(), QAbstractSocket::UnconnectedState); // closed, the answer dropped
        QCOMPARE(client->readAll(), QByteArray());
        QVERIFY(!batched.service->find(lost->id)); // the pending actions are the store's again
        QCOMPARE(batched.store.headSeq(), 0);
        QCOMPARE(recorded.size(), 0);

        // The next write takes the abandoned commit's count, and is told once durable.
        const auto kept = batched.service->submit(bot, request(), &werror);
        QVERIFY(kept);
        QCOMPARE(batched.groupCommit.committedCount(), quint64(3));
        batched.disk.allow();
        QTRY_COMPARE(recorded.size(), 1);
        QCOMPARE(recorded.first().first().value<Event>().seq, 1);
        QCOMPARE(recorded.first().first().value<Event>().actionId, kept->id);
        QVERIFY(batched.store.unwritable().isEmpty());
    }

    void postgresql_failedAppend_losesItsTransaction_andTheNextWriteCommitsAlone()
    {
        const QString url = postgresqlServer().isEmpty() ? QString() : createPostgresqlDatabase();
        if (url.isEmpty())
            QSKIP("needs the PostgreSQL server of tests/support/with-postgresql.sh (tst_groupcommit_postgresql)");
        Batched batched(u"gc-pg"_s);
        QVERIFY(openBatched(batched, url));
        QSignalSpy abandoned(&batched.groupCommit, &GroupCommit::abandoned);
        QSignalSpy recorded(batched.service.get(), &ActionService::eventRecorded);
        // The server refuses one agent's rows, as it would a full disk. The rows of a turn's writes
        // go together with its COMMIT, so the refusal loses the whole transaction.
        QVERIFY(runPostgresql(url, {u"CREATE FUNCTION refuse_mallory() RETURNS trigger LANGUAGE plpgsql AS $$"
                                    " BEGIN RAISE EXCEPTION 'refused by the test'; END $$"_s,
                                    u"CREATE TRIGGER refuse_mallory BEFORE INSERT ON actions FOR EACH ROW"
                                    " WHEN (NEW.initiator = 'mallory') EXECUTE FUNCTION refuse_mallory()"_s}));
        const Principal mallory{u"mallory"_s, u"Mallory"_s, Role::Agent, {}};

        WireError werror;
        QList<Action> lost;
        for (const Principal &who : {bot, mallory, bot}) { // one turn: they share a transaction
            const auto action = batched.service->submit(who, request(), &werror);
            QVERIFY2(action, qPrintable(werror.message));
            lost.append(*action);
        }
        QCOMPARE(batched.store.headSeq(), 3); // as this replica's transaction has it
        QTRY_COMPARE(abandoned.size(), 1);    // the turn ended: its COMMIT took the rows, and failed
        for (const Action &action : lost)
            QVERIFY(!batched.service->find(action.id));
        QCOMPARE(batched.store.headSeq(), 0);
        QVERIFY(recorded.isEmpty());

        // Until a write succeeds, each commits alone: a refusal now is answered to its agent only.
        QVERIFY(!batched.service->submit(mallory, request(), &werror));
        QCOMPARE(werror.code, ErrorCode::StorageFailure);
        const auto kept = batched.service->submit(bot, request(), &werror);
        QVERIFY(kept);
        QCOMPARE(batched.store.headSeq(), 1);
        QTRY_COMPARE(recorded.size(), 1);
        QCOMPARE(recorded.first().first().value<Event>().actionId, kept->id);
        const QList<Event> stored = batched.store.eventsAfter(0, 10);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().actionId, kept->id);
        QCOMPARE(abandoned.size(), 1);

        // Shared again: a read in the turn sees the turn's writes, whose rows go first.
        const auto shared = batched.service->submit(bot, request(), &werror);
        QVERIFY2(shared, qPrintable(werror.message));
        const auto read = batched.store.action(shared->id);
        QVERIFY(read);
        QCOMPARE(read->digest, shared->digest);
        QCOMPARE(batched.store.eventsAfter(1, 10).size(), 1);
        QTRY_COMPARE(recorded.size(), 2);
        QCOMPARE(batched.store.headSeq(), 2);
        QCOMPARE(abandoned.size(), 1);
    }

    void postgresql_sharedRows_keepEveryCharacter_andTheChain()
    {
        const QString url = postgresqlServer().isEmpty() ? QString() : createPostgresqlDatabase();
        if (url.isEmpty())
            QSKIP("needs the PostgreSQL server of tests/support/with-postgresql.sh (tst_groupcommit_postgresql)");
        Batched batched(u"gc-pg-rows"_s);
        QVERIFY(openBatched(batched, url));
        QSignalSpy recorded(batched.service.get(), &ActionService::eventRecorded);
        // One turn: three submissions whose text SQL would need quoted, and one of them cancelled,
        // so that its row is written twice in the transaction.
        WireError werror;
        QList<Action> made;
        for (const QString &command : {u"echo 'it''s' \\ \"q\" \\x41 $$ $tag$"_s, u"printf '\\n' ; -- drop"_s,
                                       u"echo \u00e9\u4e2d \U0001F600 \\0"_s}) {
            ActionRequest request = TestGroupCommit::request();
            request.command = command;
            request.justification = u"O'Brien said: \"ship it\"\\"_s;
            const auto action = batched.service->submit(bot, request, &werror);
            QVERIFY2(action, qPrintable(werror.message));
            made.append(*action);
        }
        const auto cancelled = batched.service->cancel(bot, made.at(1).id, &werror);
        QVERIFY2(cancelled, qPrintable(werror.message));
        QTRY_COMPARE(recorded.size(), 4);

        EventStore reopened(u"gc-pg-rows-2"_s);
        QString error;
        QVERIFY2(reopened.open(*StoreLocation::parse(url, &error), &error), qPrintable(error));
        QCOMPARE(reopened.headSeq(), 4);
        for (const Action &action : made) {
            const auto stored = reopened.action(action.id);
            QVERIFY(stored);
            QCOMPARE(stored->request.command, action.request.command);
            QCOMPARE(stored->request.justification, action.request.justification);
            QCOMPARE(stored->digest, action.computeDigest());
            QCOMPARE(stored->status, action.id == cancelled->id ? ActionStatus::Cancelled : ActionStatus::Pending);
        }
        QList<QJsonObject> events;
        for (const Event &event : reopened.eventsAfter(0, 10))
            events.append(ActionCodec::toJson(event));
        QCOMPARE(events.size(), 4);
        const auto broken = AuditChain::verify(events, 0, AuditChain::kGenesisHash);
        QVERIFY2(!broken, broken ? qPrintable(broken->message) : "");
    }

    void realWal_syncNowMakesEverythingDurable()
    {
        GroupCommit groupCommit;
        EventStore store(u"gc2"_s);
        QString error;
        const QString path = freshPath();
        QVERIFY2(store.open(path, &error), qPrintable(error));
        QVERIFY2(groupCommit.start(path + u"-wal"_s, &error), qPrintable(error));
        QVERIFY(store.deferDurability([&groupCommit] { groupCommit.committed(); }, &error));
        QSignalSpy durable(&groupCommit, &GroupCommit::durable);
        const auto event = store.append(Event{0, m_clock.now(), EventType::PolicyLoaded, u"gateway"_s, {}, {}}, &error);
        QVERIFY2(event, qPrintable(error));
        QCOMPARE(groupCommit.committedCount(), quint64(1));
        QVERIFY2(groupCommit.syncNow(&error), qPrintable(error));
        QVERIFY(groupCommit.settled());
        QCOMPARE(durable.size(), 1);
        QCOMPARE(durable.first().first().value<quint64>(), quint64(1));
        QTest::qWait(200); // the thread's own sync of the same commit, told later, is no news
        QCOMPARE(durable.size(), 1);

        QVERIFY(!groupCommit.start(m_dir.filePath(u"missing/x-wal"_s), &error) && !error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestGroupCommit)
#include "tst_groupcommit.moc"
