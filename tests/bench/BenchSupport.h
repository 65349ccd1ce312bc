#pragma once

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace cs::test {
class GatewayProcess;
}

// Shared by countersign-bench's benchmarks: a monotonic clock, percentiles, an event-driven
// wait, and the bare-machine baselines every benchmark prints beside its own numbers.
namespace cs::bench {

void startClock();
qint64 nowNs();
double percentile(QList<double> values, double p);
QJsonObject summary(const QList<double> &micros);

// Runs the event loop until `done` holds. Blocks in processEvents(WaitForMoreEvents) rather than
// polling with sleeps (as QTest::qWaitFor does), so a measurement is not rounded up to a tick.
bool waitUntil(const std::function<bool()> &done, int timeoutMs = 60000);

// Baselines
// A bare SQLite database as the baselines use it: WAL, synchronous=FULL, one table t(id, body).
QSqlDatabase openBareDatabase(const QString &connection, const QString &path);
QJsonObject websocketEcho(int rounds);
QJsonObject sqliteCommit(int rounds);
QJsonObject sha256(int rounds);

void printJson(const QJsonObject &result);
// `count` dev gateways on one store, each started with `extra` arguments. One runs on SQLite, or
// on PostgreSQL under tests/support/with-postgresql.sh; several only on PostgreSQL, sharing its
// database, the dev principals and the audit key. Empty (and says why) when one does not start.
std::vector<std::unique_ptr<test::GatewayProcess>> startReplicas(int count, const QStringList &extra = {});
// The bare rate of the store the gateways use: one row per transaction, each durable on its own
// (SQLite: synchronous=FULL; PostgreSQL: synchronous_commit=on), as fast as one thread can.
double bareCommitsPerSecond(int seconds);
// VmRSS of a process (this one by default), from /proc, in KiB.
qint64 residentKiB(const QString &pid = QStringLiteral("self"));
// utime + stime of a process, in seconds (/proc/PID/stat).
double cpuSeconds(qint64 pid);

// A feed client's snapshot from `gateway` (fill it first), and GET /healthz's answers from
// another connection while it is built and sent.
QJsonObject gatewaySnapshot(test::GatewayProcess &gateway);
// How `gateway` grouped its store's writes so far, from its /v1/metrics: transactions and writes
// per transaction, syncs, commits per sync and a sync's mean milliseconds.
QJsonObject storeGrouping(test::GatewayProcess &gateway);

int feedBenchmark(int actions, int clients, int concurrency);
int decideBenchmark(int decisions);
int auditBenchmark(int events);
int consoleBenchmark(int pending, int events);
int policyBenchmark(int rules, int submissions);
int loadBenchmark(int clients, int seconds, int idleConnections, int replicas, int rate);
int scaleBenchmark(const QList<int> &submitters, int seconds, int replicas, bool idempotencyKeys);

} // namespace cs::bench
