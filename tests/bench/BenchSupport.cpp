#include "BenchSupport.h"

#include <algorithm>

#include "GatewayProcess.h"
#include "TestDatabase.h"
#include "signing/Crypto.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace cs::bench {

namespace {
QElapsedTimer g_clock;
} // namespace

void startClock()
{
    g_clock.start();
}

qint64 nowNs()
{
    return g_clock.nsecsElapsed();
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype index = std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size())));
    return values.at(index);
}

QJsonObject summary(const QList<double> &micros)
{
    return {{u"p50_us"_s, percentile(micros, 0.50)},
            {u"p99_us"_s, percentile(micros, 0.99)},
            {u"max_us"_s, micros.isEmpty() ? 0.0 : *std::max_element(micros.cbegin(), micros.cend())},
            {u"samples"_s, micros.size()}};
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QTimer wakeUp; // bounds each blocking wait so the deadline is noticed
    wakeUp.start(100);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

// Baseline: a bare QWebSocket echo round trip on this machine, in this process.
QJsonObject websocketEcho(int rounds)
{
    QWebSocketServer server(u"echo"_s, QWebSocketServer::NonSecureMode);
    server.listen(QHostAddress::LocalHost);
    QObject::connect(&server, &QWebSocketServer::newConnection, &server, [&server] {
        QWebSocket *peer = server.nextPendingConnection();
        QObject::connect(peer, &QWebSocket::textMessageReceived, peer,
                         [peer](const QString &text) { peer->sendTextMessage(text); });
    });
    QWebSocket client;
    int received = 0;
    QObject::connect(&client, &QWebSocket::textMessageReceived, &client, [&received] { ++received; });
    client.open(QUrl(u"ws://127.0.0.1:%1"_s.arg(server.serverPort())));
    waitUntil([&] { return client.state() == QAbstractSocket::ConnectedState; });
    const QString payload = QString(300, u'x');
    QList<double> micros;
    for (int i = 0; i < rounds; ++i) {
        const qint64 start = nowNs();
        client.sendTextMessage(payload);
        waitUntil([&] { return received > i; });
        micros.append(double(nowNs() - start) / 1000.0);
    }
    return summary(micros);
}

std::vector<std::unique_ptr<test::GatewayProcess>> startReplicas(int count, const QStringList &extra)
{
    std::vector<std::unique_ptr<test::GatewayProcess>> replicas;
    if (count > 1 && test::postgresqlServer().isEmpty()) {
        std::fputs("countersign-bench: replicas share a PostgreSQL store: run under "
                   "tests/support/with-postgresql.sh\n",
                   stderr);
        return replicas;
    }
    for (int i = 0; i < count; ++i) {
        auto replica = std::make_unique<test::GatewayProcess>();
        if (i > 0) {
            replica->setStorageUrl(replicas.front()->storageUrl());
            for (const QString &file : {u"dev-principals.json"_s, u"gateway-audit.key"_s})
                QFile::copy(QDir(replicas.front()->dataDir()).filePath(file), QDir(replica->dataDir()).filePath(file));
        }
        if (!replica->startDevWith(extra)) {
            std::fputs("countersign-bench: cannot start the gateway\n", stderr);
            return {};
        }
        replicas.push_back(std::move(replica));
    }
    return replicas;
}

double bareCommitsPerSecond(int seconds)
{
    const bool postgresql = !test::postgresqlServer().isEmpty();
    QTemporaryDir dir;
    int commits = 0;
    double elapsed = 0;
    {
        QSqlDatabase db;
        if (postgresql) {
            const QString url = test::createPostgresqlDatabase();
            test::runPostgresql(url, {u"CREATE TABLE t (id bigserial PRIMARY KEY, body text)"_s});
            const QUrl parsed(url);
            db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"bare"_s);
            db.setDatabaseName(parsed.path().mid(1));
            db.setHostName(QUrlQuery(parsed).queryItemValue(u"host"_s));
            db.setUserName(QUrlQuery(parsed).queryItemValue(u"user"_s));
            db.open();
        } else {
            db = openBareDatabase(u"bare"_s, dir.filePath(u"bare.sqlite"_s));
        }
        QSqlQuery query(db);
        query.prepare(u"INSERT INTO t (body) VALUES (?)"_s);
        const QString body = QString(1500, u'x'); // about an event and an action's row
        const qint64 start = nowNs();
        while (nowNs() - start < qint64(seconds) * 1'000'000'000) {
            db.transaction();
            query.addBindValue(body);
            query.exec();
            db.commit();
            ++commits;
        }
        elapsed = double(nowNs() - start) / 1e9;
        query = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"bare"_s);
    return double(commits) / elapsed;
}

QSqlDatabase openBareDatabase(const QString &connection, const QString &path)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
    db.setDatabaseName(path);
    db.open();
    QSqlQuery query(db);
    query.exec(u"PRAGMA journal_mode = WAL"_s);
    query.exec(u"PRAGMA synchronous = FULL"_s);
    query.exec(u"CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)"_s);
    return db;
}

// Baseline: one durable SQLite commit (WAL, synchronous=FULL), as the gateway did per action
// before group commit.
QJsonObject sqliteCommit(int rounds)
{
    QTemporaryDir dir;
    QList<double> micros;
    {
        QSqlDatabase db = openBareDatabase(u"bench"_s, dir.filePath(u"bench.sqlite"_s));
        QSqlQuery query(db);
        const QString body = QString(600, u'x');
        for (int i = 0; i < rounds; ++i) {
            const qint64 start = nowNs();
            db.transaction();
            query.prepare(u"INSERT INTO t (body) VALUES (?)"_s);
            query.addBindValue(body);
            query.exec();
            db.commit();
            micros.append(double(nowNs() - start) / 1000.0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"bench"_s);
    return summary(micros);
}

// Baseline: SHA-256 of a 1 KiB request body (OpenSSL, as everything here hashes).
QJsonObject sha256(int rounds)
{
    const QByteArray data(1024, 'a');
    const qint64 start = nowNs();
    QByteArray digest;
    for (int i = 0; i < rounds; ++i)
        digest = Crypto::sha256(QByteArray(data + digest));
    return {{u"per_op_us"_s, double(nowNs() - start) / 1000.0 / rounds}};
}

// VmRSS of a process (this one by default), from /proc.
qint64 residentKiB(const QString &pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

void printJson(const QJsonObject &result)
{
    std::puts(QJsonDocument(result).toJson(QJsonDocument::Indented).constData());
}

double cpuSeconds(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return double(fields.value(11).toLongLong() + fields.value(12).toLongLong()) / double(::sysconf(_SC_CLK_TCK));
}

} // namespace cs::bench
