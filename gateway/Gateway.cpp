#include "Gateway.h"

#include <QSqlDriver>
#include <QSqlQuery>

#include "ServerTls.h"
#include "signing/Crypto.h"
#include "util/Log.h"

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QJsonArray>
#include <QTcpServer>
#include <QWebSocket>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace cs {

Gateway::Gateway(GatewayConfig config, const Clock *clock, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_clock(clock),
      m_principals(m_config.principals, clock, m_config.maxAuthFailuresPerMinute)
{
}

Gateway::~Gateway()
{
    // The HTTP server owns the sockets the other parts refer to; it goes first.
    m_http.reset();
    m_feed.reset();
    m_webhookThread.quit();
    m_webhookThread.wait();
    m_auditCheckpointer.reset();
    m_service.reset();
    m_keys.reset();
    m_checkpointer.reset();
}

bool Gateway::start(QString *error)
{
    if (m_config.dataDir.isEmpty()) {
        *error = u"no data directory: give --data-dir or data_dir in the configuration"_s;
        return false;
    }
    if (!QDir().mkpath(m_config.dataDir)) {
        *error = u"cannot create the data directory %1"_s.arg(m_config.dataDir);
        return false;
    }
    // The log, the keys and the tokens' hashes are for this service alone, whatever the umask.
    QFile::setPermissions(m_config.dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    // One gateway per data directory: a second one would append its own events beside ours and
    // push only its own to its consoles. The lock goes with the process, so a crash leaves none.
    m_lock = std::make_unique<QLockFile>(QDir(m_config.dataDir).filePath(u"gateway.lock"_s));
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        qint64 pid = 0;
        QString host, application;
        m_lock->getLockInfo(&pid, &host, &application);
        *error = u"another countersign-gateway (pid %1) already runs on the data directory %2; "
                 "one data directory serves one gateway"_s.arg(pid)
                     .arg(m_config.dataDir);
        return false;
    }
    const auto location = m_config.storeLocation(error);
    if (!location || !m_store.open(*location, error))
        return false;
    qCInfo(lcStore).noquote() << "store" << location->display() << "at head seq" << m_store.headSeq();
    if (!location->isPostgresql()) {
        const QString databasePath = location->sqlitePath();
        for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s}) { // made before 0600 was the rule
            if (QFile::exists(databasePath + suffix))
                QFile::setPermissions(databasePath + suffix, QFile::ReadOwner | QFile::WriteOwner);
        }
        m_checkpointer =
            std::make_unique<WalCheckpointer>(databasePath, kCheckpointIntervalMs, WalCheckpointer::Bounds{});
    }
    startGroupCommit(*location);

    m_keys = std::make_unique<KeyRegistry>(&m_store, m_clock, m_config.keys);
    m_service = std::make_unique<ActionService>(
        &m_store, m_keys.get(), m_clock, ActionService::Limits{m_config.defaultTtlSeconds, m_config.maxTtlSeconds},
        ActionService::SigningPolicy{m_config.requireHardwareKeys, m_config.maxClockSkewSeconds, m_config.fido2RpId});
    QStringList mistakes;
    const auto policy = readPolicy(&mistakes);
    if (!policy) { // never without a policy: refuse to start and say why
        *error = u"the policy does not load:\n"_s + mistakes.join(u'\n');
        return false;
    }
    if (m_groupCommit.isRunning())
        m_service->setGroupCommit(&m_groupCommit);
    m_service->setPolicy(policy);
    m_service->load();
    recordPolicy(policy.get(), {});
    // What starting wrote (expiries, the policy) is on disk before anyone is served.
    if (!m_groupCommit.syncNow(error))
        return false;
    const auto auditSeed = AuditCheckpointer::loadOrCreateKey(m_config.dataDir, error);
    if (!auditSeed)
        return false;
    m_auditCheckpointer =
        std::make_unique<AuditCheckpointer>(&m_store, m_clock, m_config.gatewayId, *auditSeed,
                                            m_config.checkpointEveryEvents, m_config.checkpointEverySeconds);
    connect(m_service.get(), &ActionService::eventRecorded, m_auditCheckpointer.get(),
            &AuditCheckpointer::onEventRecorded);
    connect(m_service.get(), &ActionService::eventRecorded, this, [this](const Event &event) {
        const auto action = ActionMetrics::isDecision(event) ? m_service->find(event.actionId) : std::nullopt;
        m_actionMetrics.onEventRecorded(event, action ? action->createdAt : QDateTime());
    });
    if (!m_config.webhooks.isEmpty() && location->isPostgresql())
        claimWebhooks();
    else if (!m_config.webhooks.isEmpty() && !startWebhooks(*location, error))
        return false;
    followOthers();
    m_auditPages = std::make_unique<AuditPages>(*location);
    m_feed = std::make_unique<FeedHub>(m_service.get(), &m_principals, m_auditPages.get(), &m_refusals,
                                       m_config.gatewayId, m_config.feedLimits);
    m_http = std::make_unique<HttpApi>(m_service.get(), &m_principals, m_auditPages.get(), m_config.gatewayId,
                                       m_config.maxWaitSeconds);
    m_http->setAuditKey(m_auditCheckpointer->publicKey());
    m_http->setMetrics([this] { return metricsText(); });
    m_http->setReadiness([this] {
        watchStore(); // ready means the feed takes consoles too, with what others appended meanwhile
        return m_store.unwritable();
    });
    connect(m_http.get(), &HttpApi::newWebSocketConnection, this, [this] {
        while (m_http->hasPendingWebSocketConnections())
            m_feed->accept(m_http->nextPendingWebSocketConnection());
    });
    return listen(error);
}

bool Gateway::listen(QString *error)
{
    const QString where = u"%1:%2"_s.arg(m_config.listenAddress.toString()).arg(m_config.listenPort);
    std::optional<QSslConfiguration> tls;
    if (m_config.tls.enabled()) {
        tls = ServerTls::load(m_config.tls, error);
        if (!tls)
            return false;
    } else if (!m_config.listenAddress.isLoopback()) {
        if (!m_config.insecureListen) {
            *error = u"refusing to listen on %1 without TLS: tokens, commands and decisions would cross the network "
                     "in clear text. Configure tls: (countersign-gateway tls self-signed makes a start), or give "
                     "--insecure-listen behind a TLS-terminating proxy"_s.arg(where);
            return false;
        }
        qCCritical(lcGateway).noquote() << "INSECURE: listening on" << where
                                        << "without TLS (--insecure-listen); anyone on the path reads every token, "
                                           "command and decision";
    }
    auto *listener = new Listener(m_config.limits, &m_refusals);
    listener->setTls(tls);
    listener->setGate(&m_groupCommit);
    if (!listener->listen(m_config.listenAddress, m_config.listenPort)) {
        *error = u"cannot listen on %1: %2"_s.arg(where, listener->errorString());
        delete listener;
        return false;
    }
    m_http->bind(listener); // parents it
    m_listener = listener;
    m_listener->setAwaitingAnswer([this](const QTcpSocket *socket) { return m_http->isAwaiting(socket); });
    const auto names = [this](const QHostAddress &peer, quint16 port) { return m_listener->clientName(peer, port); };
    m_http->setClientNames(names);
    m_feed->setClientNames(names);
    m_port = listener->serverPort();
    return true;
}

bool Gateway::reloadTls(QString *error)
{
    if (!m_config.tls.enabled() || !m_listener)
        return true;
    auto tls = ServerTls::load(m_config.tls, error);
    if (!tls) {
        qCWarning(lcGateway).noquote() << "TLS files not reloaded:" << *error << "- the ones in force stay";
        return false;
    }
    m_listener->setTls(std::move(tls));
    qCInfo(lcGateway) << "TLS certificate and key reloaded from" << m_config.tls.certificatePath;
    return true;
}

QByteArray Gateway::metricsText() const
{
    // Prometheus' text format (docs/gateway.md, "Metrics").
    MetricsText out;
    out.gauge("countersign_events_head_seq", "The seq of the log's last event.", double(m_service->headSeq()));
    out.gauge("countersign_pending_actions", "Actions waiting for a decision.", double(m_service->pendingCount()));
    m_actionMetrics.write(out);
    out.histogram("countersign_store_commit_milliseconds",
                  "Each write transaction of the log, BEGIN to COMMIT (the fsync follows in a group).",
                  m_store.commitTimes());
    out.histogram("countersign_store_writes_per_transaction",
                  "How many writes each transaction held: those of one turn of the gateway's event loop.",
                  m_store.writesPerTransaction());
    out.histogram("countersign_store_sync_milliseconds", "Each fdatasync of the WAL that made a group durable.",
                  m_groupCommit.syncTimes());
    out.histogram("countersign_store_commits_per_sync", "How many commits each sync made durable.",
                  m_groupCommit.groupSizes());
    out.counter("countersign_auth_failures_total", "Requests with a missing or unknown token.",
                double(m_principals.throttle().failures()));
    out.counter("countersign_auth_lockouts_total", "Source addresses locked out for failing too often.",
                double(m_principals.throttle().lockouts()));
    out.counter("countersign_rate_limited_requests_total", "Requests refused while their address was locked out.",
                double(m_principals.rateLimited()));
    out.gauge("countersign_connections_open", "Connections open on the gateway's port.",
              m_listener ? m_listener->openConnections() : 0);
    out.gauge("countersign_feed_clients", "Consoles on the feed.", m_feed ? m_feed->sessionCount() : 0);
    out.labelled("countersign_refusals_total", "counter", "Requests and connections refused by the gateway's limits.",
                 "code", m_refusals.counts());
    const QList<std::tuple<const char *, const char *, const char *>> series{
        {"countersign_webhook_deliveries_total", "counter", "Deliveries a receiver accepted."},
        {"countersign_webhook_failed_attempts_total", "counter", "Delivery attempts that failed."},
        {"countersign_webhook_given_up_total", "counter", "Deliveries given up after max_attempts."},
        {"countersign_webhook_backlog_events", "gauge", "Events of the log the webhook has not walked yet."}};
    const QList<const char *> fields{"delivered", "failed_attempts", "given_up", nullptr};
    for (qsizetype i = 0; i < series.size() && !m_config.webhooks.isEmpty(); ++i) {
        const auto &[name, type, help] = series[i];
        QMap<QString, qint64> values;
        for (const QJsonValue &webhook : m_webhookProgress) {
            values.insert(webhook[u"name"_s].toString(), fields[i]
                                                             ? webhook[QLatin1StringView(fields[i])].toInteger()
                                                             : m_service->headSeq() - webhook[u"cursor"_s].toInteger());
        }
        out.labelled(name, type, help, "webhook", values);
    }
    return out.text();
}

bool Gateway::startWebhooks(const StoreLocation &location, QString *error)
{
    error->clear();
    QHash<QString, qint64> cursors = WebhookDispatcher::readCursors(m_store.database(), error);
    if (!error->isEmpty())
        return false;
    bool added = false;
    for (const WebhookConfig &webhook : std::as_const(m_config.webhooks)) {
        // A webhook added now hears of what happens from now on, not of the whole history; saved
        // at once, so a crash before its first delivery skips nothing that came meanwhile.
        if (!cursors.contains(webhook.name)) {
            cursors.insert(webhook.name, m_store.headSeq());
            added = true;
        }
    }
    if (added)
        saveWebhookCursors(cursors);
    for (auto it = cursors.cbegin(); it != cursors.cend(); ++it)
        m_webhookProgress.append(QJsonObject{{u"name"_s, it.key()}, {u"cursor"_s, it.value()}});
    auto *dispatcher =
        new WebhookDispatcher(location, m_config.gatewayId, m_config.webhooks, cursors, m_store.headSeq());
    dispatcher->moveToThread(&m_webhookThread);
    connect(&m_webhookThread, &QThread::finished, dispatcher, &QObject::deleteLater);
    connect(m_service.get(), &ActionService::eventRecorded, dispatcher, &WebhookDispatcher::onEventRecorded);
    connect(dispatcher, &WebhookDispatcher::progressed, this, [this](const QJsonArray &webhooks) {
        QHash<QString, qint64> cursors;
        for (const QJsonValue &webhook : webhooks)
            cursors.insert(webhook[u"name"_s].toString(), webhook[u"cursor"_s].toInteger());
        saveWebhookCursors(cursors);
        m_webhookProgress = webhooks;
    });
    connect(dispatcher, &WebhookDispatcher::deliveryGivenUp, this,
            [this](const QJsonObject &failure) { m_service->recordGatewayEvent(EventType::WebhookFailed, failure); });
    m_webhookThread.setObjectName(u"webhooks"_s);
    // Below the gateway's own work: a submission never waits for a delivery, even on a busy machine
    // (deliveries then lag, and catch up from the log).
    m_webhookThread.start(QThread::IdlePriority);
    QMetaObject::invokeMethod(dispatcher, &WebhookDispatcher::start, Qt::QueuedConnection);
    return true;
}

PolicyFile::Known Gateway::policyKnows(const GatewayConfig &config)
{
    PolicyFile::Known known;
    for (const WebhookConfig &webhook : config.webhooks)
        known.webhooks.append(webhook.name);
    for (const ConfiguredPrincipal &entry : config.principals) {
        if (entry.principal.role != Role::Approver)
            continue;
        ++known.total;
        for (const QString &group : entry.principal.groups)
            ++known.perGroup[group];
    }
    return known;
}

std::shared_ptr<const Policy> Gateway::readPolicy(QStringList *mistakes) const
{
    if (m_config.policyPath.isEmpty())
        return std::make_shared<const Policy>();
    QList<PolicyError> errors;
    auto policy = PolicyFile::load(m_config.policyPath, policyKnows(m_config), &errors);
    if (!policy) {
        for (const PolicyError &mistake : std::as_const(errors))
            mistakes->append(mistake.toString(m_config.policyPath));
        return nullptr;
    }
    qCInfo(lcGateway) << "policy" << m_config.policyPath << "loaded:" << policy->rules().size() << "rules";
    return std::make_shared<const Policy>(std::move(*policy));
}

void Gateway::recordPolicy(const Policy *policy, const QStringList &mistakes)
{
    if (m_config.policyPath.isEmpty() || !m_service)
        return;
    if (!policy) {
        m_service->recordGatewayEvent(EventType::PolicyRejected, {{u"source"_s, m_config.policyPath},
                                                                  {u"errors"_s, QJsonArray::fromStringList(mistakes)},
                                                                  {u"kept"_s, m_service->policy().source()}});
        return;
    }
    // Which file, in which version: an auditor can match the digest with the reviewed file.
    QFile file(m_config.policyPath);
    const QByteArray bytes = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    m_service->recordGatewayEvent(EventType::PolicyLoaded,
                                  {{u"source"_s, m_config.policyPath},
                                   {u"sha256"_s, QString::fromLatin1(Crypto::sha256(bytes).toHex())},
                                   {u"rules"_s, int(policy->rules().size())}});
}

bool Gateway::reloadPolicy(QString *error)
{
    QStringList mistakes;
    const auto policy = readPolicy(&mistakes);
    if (!policy) {
        *error = u"the policy does not load:\n"_s + mistakes.join(u'\n');
        qCWarning(lcGateway).noquote() << *error << "\nthe policy in force stays";
        recordPolicy(nullptr, mistakes);
        return false;
    }
    if (m_service)
        m_service->setPolicy(policy);
    recordPolicy(policy.get(), {});
    return true;
}

void Gateway::startGroupCommit(const StoreLocation &location)
{
    // A store that cannot be written (read-only) serves reads; it has nothing to sync.
    QString error;
    bool started = m_store.unwritable().isEmpty();
    if (started && location.isPostgresql()) {
        m_postgresqlSync = std::make_unique<PostgresqlSync>(location);
        m_groupCommit.start([sync = m_postgresqlSync.get()](QString *why) { return sync->sync(why); });
    } else if (started) {
        started = m_groupCommit.start(location.sqlitePath() + u"-wal"_s, &error);
    }
    if (!started || !m_store.deferDurability([this] { m_groupCommit.committed(); }, &error)) {
        qCWarning(lcStore).noquote() << "no group commit" << (error.isEmpty() ? QString() : u": "_s + error)
                                     << "- each commit waits for its own fsync";
        return;
    }
    // The writes of one turn of the event loop share a transaction. On SQLite it stays open while
    // the turns keep bringing writes, for up to half a millisecond: the agents a sync answered send
    // their next requests over several turns, and with 16 agents here a transaction so held about 8
    // writes instead of 4, for a quarter less CPU per submission; longer bounds made groups of
    // nearly all the agents, and the event loop waited idle for each group's sync. On PostgreSQL
    // the other replicas wait for the head while it is open, so it ends with its turn.
    if (!m_store.batchWrites([this] { m_groupCommit.wrote(); }, &error)) {
        qCWarning(lcStore).noquote() << "each write commits alone:" << error;
    } else {
        m_groupCommit.closeWith([this](QString *why) { return m_store.commitWrites(why); });
        if (!location.isPostgresql())
            m_groupCommit.gatherFor(std::chrono::microseconds(500));
    }
    connect(&m_groupCommit, &GroupCommit::failed, this, [this](const QString &why) {
        // What was committed since the last sync may be lost: nobody may hear of it. Stop; the
        // store recovers what is on disk at the next start (docs/architecture.md).
        qCCritical(lcStore).noquote() << why << "- the gateway stops without answering what was not durable";
        if (m_listener)
            m_listener->close();
        Q_EMIT fatal(why);
    });
}

void Gateway::saveWebhookCursors(const QHash<QString, qint64> &cursors)
{
    // In a transaction of their own, not in the writes' open one.
    if (QString error; !m_groupCommit.closeNow(&error))
        qCWarning(lcStore).noquote() << "the writes before the webhook cursors were not stored:" << error;
    WebhookDispatcher::saveCursors(m_store.database(), cursors);
}

void Gateway::claimWebhooks()
{
    // One replica delivers the webhooks: the one holding this session lock, which the server
    // releases when that replica's connection ends (it stopped, crashed or lost the network). The
    // next one to take it delivers from the cursors the last one saved: at least once, in order.
    QSqlQuery claim(m_store.database());
    if (claim.exec(u"SELECT pg_try_advisory_lock(%1)"_s.arg(kWebhookLock)) && claim.next() && claim.value(0).toBool()) {
        qCInfo(lcGateway) << "this replica delivers the webhooks";
        m_deliveringWebhooks = true;
        if (QString error; !startWebhooks(m_store.location(), &error))
            qCCritical(lcGateway).noquote() << "cannot deliver webhooks:" << error;
        return;
    }
    QTimer::singleShot(kWebhookClaimIntervalMs, this, &Gateway::claimWebhooks);
}

void Gateway::followOthers()
{
    // Others append to the log too: the other replicas, `countersign-gateway key approve`. On
    // PostgreSQL, each replica's sync tells up to which seq the log is durable (PostgresqlSync):
    // what is new up to there is read then, and told without a sync here. The insert trigger's
    // notification, at each commit, only sets a later look, for a writer whose sync sends no word
    // (`key approve`, a replica killed before its sync). A poll now and then catches the rest.
    if (m_store.location().isPostgresql()) {
        if (!listenToOthers())
            qCWarning(lcStore) << "cannot LISTEN to the other replicas' events; polling for them";
        connect(m_store.database().driver(), &QSqlDriver::notification, this, &Gateway::noticeOthers);
    }
    m_lateFollowTimer.setSingleShot(true);
    m_lateFollowTimer.setInterval(kLateFollowMs);
    connect(&m_lateFollowTimer, &QTimer::timeout, this, &Gateway::followLate);
    m_followTimer.setInterval(kFollowIntervalMs);
    connect(&m_followTimer, &QTimer::timeout, this, &Gateway::watchStore);
    m_followTimer.start();
}

bool Gateway::listenToOthers()
{
    QSqlDriver *driver = m_store.database().driver();
    return driver->subscribeToNotification(kEventsChannel) &&
           driver->subscribeToNotification(PostgresqlSync::kDurableChannel);
}

void Gateway::noticeOthers(const QString &channel, QSqlDriver::NotificationSource source, const QVariant &payload)
{
    const qint64 seq = payload.toString().toLongLong();
    if (channel == PostgresqlSync::kDurableChannel) {
        // From any replica's sync connection, this one's too (another backend than the store's).
        m_service->othersDurableUpTo(seq);
        if (seq > m_service->headSeq())
            followSoon();
        return;
    }
    if (source != QSqlDriver::OtherSource || seq <= m_service->headSeq())
        return;
    m_notifiedSeq = std::max(m_notifiedSeq, seq);
    if (!m_lateFollowTimer.isActive()) {
        m_lateSeq = m_notifiedSeq;
        m_lateFollowTimer.start();
    }
}

void Gateway::followSoon()
{
    // The driver tells of each notification in turn: those that came in together are read
    // together, once it has told of them all.
    if (std::exchange(m_followPosted, true))
        return;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_followPosted = false;
            m_service->follow();
        },
        Qt::QueuedConnection);
}

void Gateway::followLate()
{
    // Events notified a while ago and not read yet: no sync has spoken for them.
    if (m_service->headSeq() < m_lateSeq)
        m_service->follow();
    if (m_notifiedSeq > m_service->headSeq()) {
        m_lateSeq = m_notifiedSeq;
        m_lateFollowTimer.start();
    }
}

void Gateway::watchStore()
{
    if (!m_store.location().isPostgresql()) // the one gateway on its file serves reads whatever happens
        return m_service->follow();
    const QString down = m_store.unwritable(); // reconnects, at most once a second, after a failure
    if (m_store.reconnections() != m_reconnectionsSeen) {
        m_reconnectionsSeen = m_store.reconnections();
        // What lived on the old connection is gone: LISTEN, and the webhooks' session lock,
        // which another replica may hold by now.
        if (!listenToOthers())
            qCWarning(lcStore) << "cannot LISTEN to the other replicas' events again; polling for them";
        if (m_deliveringWebhooks) {
            stopWebhooks();
            claimWebhooks();
        }
    }
    if (down.isEmpty())
        m_service->follow();
    if (down.isEmpty() == m_storeReachable)
        return;
    m_storeReachable = down.isEmpty();
    if (m_storeReachable)
        qCInfo(lcStore) << "the store is back: the feed takes consoles again";
    else
        qCCritical(lcStore).noquote() << down << "- the feeds close and /readyz answers 503 until the store is back";
    m_feed->setStoreReachable(m_storeReachable);
}

void Gateway::stopWebhooks()
{
    m_webhookThread.quit(); // the dispatcher goes with its thread; its cursors are saved
    m_webhookThread.wait();
    m_webhookProgress = {};
    m_deliveringWebhooks = false;
}

void Gateway::stop()
{
    if (m_listener)
        m_listener->close();
    // Everything committed is made durable, so that what waits for it (answers, events) goes out.
    if (QString error; !m_groupCommit.syncNow(&error))
        qCCritical(lcStore).noquote() << "the last sync failed:" << error;
    if (m_http)
        m_http->answerParkedPolls();
    if (m_feed)
        m_feed->closeAll();
}

QUrl Gateway::url() const
{
    QUrl url;
    url.setScheme(m_config.tls.enabled() ? u"https"_s : u"http"_s);
    url.setHost(m_config.listenAddress.toString());
    url.setPort(m_port);
    return url;
}

} // namespace cs
