#include "Gateway.h"

#include "util/Log.h"

#include <QDir>
#include <QTcpServer>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace cs {

Gateway::Gateway(GatewayConfig config, const Clock *clock, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_clock(clock), m_principals(m_config.principals)
{
}

Gateway::~Gateway()
{
    // The HTTP server owns the sockets the other parts refer to; it goes first.
    m_http.reset();
    m_feed.reset();
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
    const QString databasePath = QDir(m_config.dataDir).filePath(u"gateway.sqlite"_s);
    if (!m_store.open(databasePath, error))
        return false;
    m_checkpointer = std::make_unique<WalCheckpointer>(databasePath, kCheckpointIntervalMs);

    m_keys = std::make_unique<KeyRegistry>(&m_store, m_clock, m_config.keys);
    m_service = std::make_unique<ActionService>(
        &m_store, m_keys.get(), m_clock, ActionService::Limits{m_config.defaultTtlSeconds, m_config.maxTtlSeconds},
        ActionService::SigningPolicy{m_config.requireHardwareKeys, m_config.maxClockSkewSeconds, m_config.fido2RpId});
    m_service->load();
    const auto auditSeed = AuditCheckpointer::loadOrCreateKey(m_config.dataDir, error);
    if (!auditSeed)
        return false;
    m_auditCheckpointer =
        std::make_unique<AuditCheckpointer>(&m_store, m_clock, m_config.gatewayId, *auditSeed,
                                            m_config.checkpointEveryEvents, m_config.checkpointEverySeconds);
    connect(m_service.get(), &ActionService::eventRecorded, m_auditCheckpointer.get(),
            &AuditCheckpointer::onEventRecorded);
    m_feed = std::make_unique<FeedHub>(m_service.get(), &m_principals, m_config.gatewayId);
    m_http = std::make_unique<HttpApi>(m_service.get(), &m_principals, m_config.gatewayId, m_config.maxWaitSeconds);
    m_http->setAuditKey(m_auditCheckpointer->publicKey());
    connect(m_http.get(), &HttpApi::newWebSocketConnection, this, [this] {
        while (m_http->hasPendingWebSocketConnections())
            m_feed->accept(m_http->nextPendingWebSocketConnection());
    });

    m_port = m_http->listen(m_config.listenAddress, m_config.listenPort);
    if (m_port == 0) {
        *error = u"cannot listen on %1:%2"_s.arg(m_config.listenAddress.toString()).arg(m_config.listenPort);
        return false;
    }
    return true;
}

QUrl Gateway::url() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(m_config.listenAddress.toString());
    url.setPort(m_port);
    return url;
}

} // namespace cs
