// countersign-bench: measures Countersign against the bare machine in the same run, and prints JSON.
//   countersign-bench feed [--actions N] [--clients N] [--concurrency N]
//   countersign-bench decide [--decisions N]
//   countersign-bench audit [--events N]
//   countersign-bench console [--pending N] [--feed-events N]
//   countersign-bench policy [--rules N] [--submissions N]
//   countersign-bench load [--load-clients N] [--seconds N] [--idle N] [--replicas N] [--rate N]
//   countersign-bench scale [--submitters 1,4,16,64] [--seconds N] [--replicas N] [--idempotency-keys]
// Under tests/support/with-postgresql.sh the gateways run on PostgreSQL.
#include "BenchSupport.h"

#include <QCommandLineParser>
#include <QApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    // The console benchmark runs the real window offscreen; the others need no display either.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    cs::bench::startClock();
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Countersign benchmarks; each prints JSON with its bare baseline."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"benchmark"_s, u"feed, decide, audit, console, policy, load or scale"_s);
    parser.addOption({u"actions"_s, u"feed: actions to submit per phase."_s, u"N"_s, u"2000"_s});
    parser.addOption({u"clients"_s, u"feed: feed clients."_s, u"N"_s, u"5"_s});
    parser.addOption({u"concurrency"_s, u"feed: submissions in flight in the throughput phase."_s, u"N"_s, u"16"_s});
    parser.addOption({u"decisions"_s, u"decide: signed decisions per key."_s, u"N"_s, u"1000"_s});
    parser.addOption({u"events"_s, u"audit: events to generate and mirror."_s, u"N"_s, u"1000000"_s});
    parser.addOption({u"pending"_s, u"console: pending actions the gateway holds."_s, u"N"_s, u"10000"_s});
    parser.addOption({u"feed-events"_s, u"console: new actions arriving at 100/s."_s, u"N"_s, u"1000"_s});
    parser.addOption({u"rules"_s, u"policy: rules in the generated policy."_s, u"N"_s, u"1000"_s});
    parser.addOption({u"submissions"_s, u"policy: timed submissions per gateway."_s, u"N"_s, u"500"_s});
    parser.addOption({u"load-clients"_s, u"load: feed clients."_s, u"N"_s, u"100"_s});
    parser.addOption({u"seconds"_s, u"load, scale: how long agents submit (scale: per run)."_s, u"N"_s});
    parser.addOption(
        {u"submitters"_s, u"scale: agents submitting at once, one run each."_s, u"LIST"_s, u"1,4,16,64"_s});
    parser.addOption({u"replicas"_s,
                      u"load, scale: gateways sharing one PostgreSQL store (under tests/support/with-postgresql.sh)."_s,
                      u"N"_s, u"1"_s});
    parser.addOption({u"idempotency-keys"_s,
                      u"scale: each submission carries an Idempotency-Key of its own, as countersign-cli's do."_s});
    parser.addOption({u"rate"_s, u"load: submissions per second (0: as fast as 16 in flight go)."_s, u"N"_s, u"0"_s});
    parser.addOption({u"idle"_s, u"load: idle feed connections opened afterwards."_s, u"N"_s, u"1000"_s});
    parser.process(app);
    const QString benchmark = parser.positionalArguments().value(0);
    if (benchmark == u"feed") {
        return cs::bench::feedBenchmark(parser.value(u"actions"_s).toInt(), parser.value(u"clients"_s).toInt(),
                                        parser.value(u"concurrency"_s).toInt());
    }
    if (benchmark == u"decide")
        return cs::bench::decideBenchmark(parser.value(u"decisions"_s).toInt());
    if (benchmark == u"audit")
        return cs::bench::auditBenchmark(parser.value(u"events"_s).toInt());
    if (benchmark == u"console")
        return cs::bench::consoleBenchmark(parser.value(u"pending"_s).toInt(), parser.value(u"feed-events"_s).toInt());
    if (benchmark == u"policy")
        return cs::bench::policyBenchmark(parser.value(u"rules"_s).toInt(), parser.value(u"submissions"_s).toInt());
    if (benchmark == u"load") {
        return cs::bench::loadBenchmark(parser.value(u"load-clients"_s).toInt(),
                                        parser.isSet(u"seconds"_s) ? parser.value(u"seconds"_s).toInt() : 30,
                                        parser.value(u"idle"_s).toInt(), parser.value(u"replicas"_s).toInt(),
                                        parser.value(u"rate"_s).toInt());
    }
    if (benchmark == u"scale") {
        QList<int> submitters;
        for (const QString &count : parser.value(u"submitters"_s).split(u',', Qt::SkipEmptyParts))
            submitters.append(count.toInt());
        return cs::bench::scaleBenchmark(
            submitters, parser.isSet(u"seconds"_s) ? parser.value(u"seconds"_s).toInt() : 10,
            std::max(1, parser.value(u"replicas"_s).toInt()), parser.isSet(u"idempotency-keys"_s));
    }
    std::fputs("usage: countersign-bench feed [--actions N] [--clients N] [--concurrency N]\n"
               "       countersign-bench decide [--decisions N]\n"
               "       countersign-bench audit [--events N]\n"
               "       countersign-bench console [--pending N] [--feed-events N]\n"
               "       countersign-bench policy [--rules N] [--submissions N]\n"
               "       countersign-bench load [--load-clients N] [--seconds N] [--idle N] [--replicas N] [--rate N]\n"
               "       countersign-bench scale [--submitters 1,4,16,64] [--seconds N] [--replicas N]"
               " [--idempotency-keys]\n",
               stderr);
    return 2;
}
