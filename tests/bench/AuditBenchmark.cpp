#include "AuditCheckpointer.h"
#include "BenchSupport.h"
#include "EventStore.h"
#include "GatewayProcess.h"
#include "AuditTableModel.h"
#include "audit/AuditExport.h"
#include "audit/AuditSync.h"
#include "json/Jcs.h"
#include "signing/Crypto.h"
#include "wire/ActionCodec.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace cs::test;

namespace cs::bench {

namespace {

// A realistic mix: each action is requested, then approved (with its signed decision), denied,
// expired, or refused once and then approved.
QList<Event> actionStory(int n, const QDateTime &at)
{
    static const QStringList systems{u"postgres"_s, u"kubernetes"_s, u"aws-iam"_s, u"vault"_s, u"terraform"_s};
    static const QStringList environments{u"production"_s, u"staging"_s, u"dev"_s};
    const QString id = u"act-%1"_s.arg(n, 7, 10, QLatin1Char('0'));
    const QString system = systems.at(n % systems.size());
    const QJsonObject action{
        {u"id"_s, id},
        {u"initiator"_s, u"agent-%1"_s.arg(n % 7)},
        {u"kind"_s, u"%1.change"_s.arg(system)},
        {u"command"_s, u"%1 --apply change-%2 --target cluster-%3"_s.arg(system).arg(n).arg(n % 13)},
        {u"justification"_s, u"Ticket CHG-%1: rotate credentials after the quarterly review"_s.arg(n)},
        {u"target"_s, QJsonObject{{u"system"_s, system},
                                  {u"resource"_s, u"resource-%1"_s.arg(n % 101)},
                                  {u"environment"_s, environments.at(n % 3)}}},
        {u"urgency"_s, u"normal"_s},
        {u"context"_s, QJsonObject{{u"ticket"_s, u"CHG-%1"_s.arg(n)}}},
        {u"created_at"_s, formatTime(at)},
        {u"expires_at"_s, formatTime(at.addSecs(900))},
        {u"status"_s, u"pending"_s},
        {u"digest"_s, QString(64, u'a')}};
    QList<Event> events{
        {0, at, EventType::ActionRequested, action.value(u"initiator"_s).toString(), id, {{u"action"_s, action}}}};
    const QString approver = u"approver-%1"_s.arg(n % 5);
    const QJsonObject decision{
        {u"verdict"_s, n % 4 == 1 ? u"deny"_s : u"approve"_s},
        {u"reason"_s, n % 4 == 1 ? u"needs a change ticket"_s : QString()},
        {u"approver"_s, approver},
        {u"action_digest"_s, QString(64, u'a')},
        {u"key_id"_s, u"k-0123456789abcdef0123"_s},
        {u"signature"_s, QJsonObject{{u"alg"_s, u"Ed25519"_s}, {u"value"_s, QString(88, u'Q')}}}};
    switch (n % 4) {
    case 2:
        events.append({0, at.addSecs(900), EventType::ActionExpired, u"gateway"_s, id, {}});
        break;
    case 3:
        events.append({0,
                       at.addSecs(30),
                       EventType::DecisionRefused,
                       approver,
                       id,
                       {{u"code"_s, u"self_approval"_s}, {u"message"_s, u"You requested this action."_s}}});
        [[fallthrough]];
    default:
        events.append({0, at.addSecs(60), n % 4 == 1 ? EventType::ActionDenied : EventType::ActionApproved, approver,
                       id, decision});
    }
    return events;
}

// Writes `count` chained events (and a checkpoint every 1,000) straight into a gateway database,
// as the gateway would have: the same hashing, a faster path to the disk.
bool generate(const QString &dataDir, int count, QByteArray *canonicalBytes, QString *error)
{
    {
        EventStore schema(u"bench-schema"_s);
        if (!schema.open(QDir(dataDir).filePath(u"gateway.sqlite"_s), error))
            return false;
    }
    const auto seed = AuditCheckpointer::loadOrCreateKey(dataDir, error);
    if (!seed)
        return false;
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bench-generate"_s);
    db.setDatabaseName(QDir(dataDir).filePath(u"gateway.sqlite"_s));
    db.open();
    QSqlQuery query(db);
    query.exec(u"PRAGMA synchronous = OFF"_s);
    db.transaction();
    QSqlQuery insert(db);
    insert.prepare(u"INSERT INTO events (seq, action_id, hash, body) VALUES (?, ?, ?, ?)"_s);
    QSqlQuery checkpointInsert(db);
    checkpointInsert.prepare(u"INSERT INTO checkpoints (seq, body) VALUES (?, ?)"_s);
    qint64 seq = 0;
    QString previous = AuditChain::kGenesisHash;
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-365);
    for (int n = 0; seq < count; ++n) {
        for (Event event : actionStory(n, start.addSecs(qint64(n) * 30))) {
            if (seq >= count)
                break;
            event.seq = ++seq;
            event.prevHash = previous;
            Jcs::Error jcsError;
            QJsonObject json = ActionCodec::toJson(event);
            const QByteArray bytes = Jcs::serialize(json, &jcsError).value_or(QByteArray());
            canonicalBytes->append(bytes);
            event.hash = QString::fromLatin1(Crypto::sha256(bytes).toHex());
            insert.addBindValue(event.seq);
            insert.addBindValue(event.actionId);
            insert.addBindValue(event.hash);
            insert.addBindValue(Jcs::serialize(ActionCodec::toJson(event), &jcsError).value_or(QByteArray()));
            if (!insert.exec()) {
                *error = u"cannot generate events"_s;
                return false;
            }
            previous = event.hash;
            if (seq % 1000 == 0 || seq == count) {
                AuditChain::Checkpoint checkpoint{u"bench-gateway"_s, seq, previous, formatTime(event.time), {}};
                checkpoint.signature = Crypto::ed25519Sign(*seed, checkpoint.canonicalBytes()).value_or(QByteArray());
                checkpointInsert.addBindValue(seq);
                checkpointInsert.addBindValue(
                    QString::fromUtf8(QJsonDocument(checkpoint.toJson()).toJson(QJsonDocument::Compact)));
                checkpointInsert.exec();
            }
        }
    }
    db.commit();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"bench-generate"_s);
    return true;
}

// The real console, offscreen, started as an auditor against the gateway, so it opens the audit
// browser on the mirror the benchmark synced (the same file, where the console keeps it). Its
// resident memory is sampled until it has been steady for a second: the highest and the last.
std::pair<double, double> consoleResidentMiB(const QString &dataHome, const QUrl &gateway, const QString &token)
{
    QTemporaryDir home;
    QProcess console;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    environment.insert(u"HOME"_s, home.path());
    environment.insert(u"XDG_DATA_HOME"_s, dataHome);
    environment.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    environment.insert(u"COUNTERSIGN_TOKEN"_s, token);
    console.setProcessEnvironment(environment);
    console.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    console.start(QStringLiteral(COUNTERSIGN_CONSOLE_BIN), {u"--gateway"_s, gateway.toString()});
    if (!console.waitForStarted())
        return {0, 0};
    const QString pid = QString::number(console.processId());
    qint64 peak = 0;
    qint64 last = 0;
    int steady = 0;
    for (int sample = 0; sample < 300 && steady < 10; ++sample) { // at most 30 s
        waitUntil([] { return false; }, 100);
        const qint64 now = residentKiB(pid);
        steady = std::abs(now - last) < 256 && now > 0 ? steady + 1 : 0;
        last = now;
        peak = std::max(peak, now);
    }
    console.terminate();
    console.waitForFinished(5000);
    return {double(peak) / 1024, double(last) / 1024};
}

double timeMs(const std::function<void()> &work)
{
    const qint64 start = nowNs();
    work();
    return double(nowNs() - start) / 1e6;
}

} // namespace

int auditBenchmark(int count)
{
    TestPrincipal auditor = GatewayProcess::principal(u"auditor"_s, Role::Auditor);
    GatewayProcess gateway;
    QString error;
    QByteArray canonical;
    const double generateMs = timeMs([&] { generate(gateway.dataDir(), count, &canonical, &error); });
    if (!error.isEmpty() || !gateway.startWithConfig({auditor}, "gateway_id: bench-gateway\n")) {
        std::fprintf(stderr, "countersign-bench: %s\n",
                     qPrintable(error.isEmpty() ? u"cannot start the gateway"_s : error));
        return 2;
    }
    // The mirror is made where the console keeps the one of this gateway, for the memory check.
    QTemporaryDir mirrorDir;
    const QString consoleData = mirrorDir.filePath(u"data/countersign"_s);
    QDir().mkpath(consoleData);
    AuditMirror mirror(u"bench-mirror"_s);
    mirror.open(QDir(consoleData).filePath(u"audit-%1-%2.sqlite"_s.arg(gateway.url().host()).arg(gateway.url().port())),
                &error);
    QNetworkAccessManager network;
    AgentClient client(&network);
    client.setEndpoint(gateway.url(), auditor.token);
    AuditSync sync(&mirror, &client);
    bool done = false;
    QString problem;
    QObject::connect(&sync, &AuditSync::upToDate, &sync, [&done] { done = true; });
    QObject::connect(&sync, &AuditSync::broken, &sync, [&](const AuditChain::Break &b) {
        problem = b.message;
        done = true;
    });
    QObject::connect(&sync, &AuditSync::failed, &sync, [&](const QString &m) {
        problem = m;
        done = true;
    });
    const qint64 syncStart = nowNs();
    sync.start();
    waitUntil([&done] { return done; }, 3600 * 1000);
    const double syncSeconds = double(nowNs() - syncStart) / 1e9;
    if (!problem.isEmpty() || mirror.headSeq() != count) {
        std::fprintf(stderr, "countersign-bench: the sync stopped at %lld: %s\n", mirror.headSeq(),
                     qPrintable(problem));
        return 1;
    }

    const double verifyMs = timeMs([&] { mirror.verifyStored(); });
    QByteArray digest;
    const double bareShaMs = timeMs([&] {
        // The same bytes, in event-sized pieces as the chain hashes them.
        for (qsizetype offset = 0; offset < canonical.size(); offset += 700)
            digest = Crypto::sha256(canonical.mid(offset, 700));
    });

    QSqlQuery query(mirror.database());
    int filtered = 0;
    // Approvals on production databases in the second week of the generated history.
    const QDateTime first = QDateTime::currentDateTimeUtc().addDays(-365);
    const double filterMs = timeMs([&] {
        query.prepare(u"SELECT e.seq FROM events e JOIN actions a ON a.id = e.action_id"
                      " WHERE e.type = 'action.approved' AND a.system = 'postgres' AND a.environment = 'production'"
                      " AND e.time >= ? AND e.time < ? ORDER BY e.seq DESC LIMIT 200"_s);
        query.addBindValue(formatTime(first.addDays(7)));
        query.addBindValue(formatTime(first.addDays(14)));
        query.exec();
        while (query.next())
            ++filtered;
    });
    int matched = 0;
    const double textMs = timeMs([&] {
        query.exec(u"SELECT e.seq FROM action_text t JOIN events e ON e.action_id = t.action_id"
                   " WHERE action_text MATCH 'credentials AND \"CHG-4242\"' ORDER BY e.seq LIMIT 200"_s);
        while (query.next())
            ++matched;
    });
    qint64 csvBytes = 0;
    const double csvMs = timeMs([&] {
        QFile csv(mirrorDir.filePath(u"export.csv"_s));
        csv.open(QIODevice::WriteOnly);
        csv.write(AuditExport::csvHeader());
        QSqlQuery rows(mirror.database());
        rows.setForwardOnly(true);
        rows.exec(u"SELECT body, hash FROM events ORDER BY seq"_s);
        while (rows.next()) {
            if (const auto row =
                    AuditExport::storedEventLine(rows.value(0).toByteArray(), rows.value(1).toByteArray(), true))
                csv.write(*row);
        }
        csvBytes = csv.size();
    });

    // The browser's model over the whole mirror: open it, scroll 10,000 rows, filter; the process's
    // resident memory before and after (the canonical bytes held for the baseline are freed first).
    const qint64 canonicalSize = canonical.size();
    canonical = QByteArray();
    const qint64 rssBefore = residentKiB();
    qint64 rssBrowsing = 0;
    const double browseMs = timeMs([&] {
        AuditTableModel model(&mirror);
        for (int i = 0; i < 20 && model.canFetchMore({}); ++i)
            model.fetchMore({});
        AuditFilter filter;
        filter.system = u"vault"_s;
        model.setFilter(filter);
        rssBrowsing = residentKiB();
    });

    const auto [consolePeakMiB, consoleSteadyMiB] =
        consoleResidentMiB(mirrorDir.filePath(u"data"_s), gateway.url(), auditor.token);

    printJson({{u"benchmark"_s, u"audit"_s},
               {u"events"_s, count},
               {u"generate_ms"_s, generateMs},
               {u"sync"_s, QJsonObject{{u"seconds"_s, syncSeconds},
                                       {u"events_per_s"_s, double(count) / syncSeconds},
                                       {u"read_and_check_seconds"_s, sync.checkSeconds()},
                                       {u"page_size"_s, AuditSync::kDefaultPageSize}}},
               {u"chain_verification_ms"_s, verifyMs},
               {u"filtered_query"_s, QJsonObject{{u"ms"_s, filterMs}, {u"rows"_s, filtered}}},
               {u"full_text_query"_s, QJsonObject{{u"ms"_s, textMs}, {u"rows"_s, matched}}},
               {u"csv_export"_s, QJsonObject{{u"seconds"_s, csvMs / 1000}, {u"bytes"_s, csvBytes}}},
               {u"baseline"_s, QJsonObject{{u"sha256_same_bytes_ms"_s, bareShaMs},
                                           {u"bytes"_s, canonicalSize},
                                           {u"sha256_1KiB"_s, sha256(20000)}}},
               {u"ratio_chain_verification_to_bare_sha256"_s, verifyMs / bareShaMs},
               {u"browser_model"_s, QJsonObject{{u"open_scroll_10000_filter_ms"_s, browseMs},
                                                {u"process_rss_mib_before"_s, double(rssBefore) / 1024},
                                                {u"process_rss_mib_browsing"_s, double(rssBrowsing) / 1024}}},
               {u"console_with_mirror_open"_s,
                QJsonObject{{u"rss_mib_peak"_s, consolePeakMiB}, {u"rss_mib_steady"_s, consoleSteadyMiB}}},
               {u"targets"_s, QJsonObject{{u"sync_events_per_s_at_least"_s, 50000},
                                          {u"console_rss_under_mib"_s, 200},
                                          {u"filter_under_ms"_s, 100},
                                          {u"csv_export_under_s"_s, 10},
                                          {u"verification_within_x_bare"_s, 3}}}});
    return 0;
}

} // namespace cs::bench
