#pragma once

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>

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
// VmRSS of a process (this one by default), from /proc, in KiB.
qint64 residentKiB(const QString &pid = QStringLiteral("self"));
// utime + stime of a process, in seconds (/proc/PID/stat).
double cpuSeconds(qint64 pid);

int feedBenchmark(int actions, int clients, int concurrency);
int decideBenchmark(int decisions);
int auditBenchmark(int events);
int consoleBenchmark(int pending, int events);
int policyBenchmark(int rules, int submissions);
int loadBenchmark(int clients, int seconds, int idleConnections);
int scaleBenchmark(const QList<int> &submitters, int seconds);

} // namespace cs::bench
