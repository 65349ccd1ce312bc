#pragma once

#include "StoreLocation.h"

#include "wire/GatewayInfo.h"
#include "domain/Action.h"
#include "domain/Principal.h"
#include "signing/KeyRecord.h"

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace cs {

struct ConfiguredPrincipal
{
    Principal principal;
    QString tokenSha256;     // empty when the principal signs in with a client certificate only
    QString certificateName; // the common name of its client certificate (mutual TLS), or empty
};

// TLS on the gateway's port (docs/gateway.md, "tls"): PEM files, read at start and on SIGHUP.
struct TlsConfig
{
    QString certificatePath; // the server's certificate, then its chain
    QString privateKeyPath;
    QString clientCaPath; // optional: client certificates it issued map to principals
    bool enabled() const { return !certificatePath.isEmpty(); }
};

// What one connection may cost the gateway (docs/gateway.md, "limits").
struct ConnectionLimits
{
    qint64 maxBodyBytes = 1024 * 1024;
    int maxHeaderBytes = 16 * 1024;
    int maxHeaders = 100;
    int headerTimeoutMs = 10 * 1000; // from a request's first byte to the end of its head
    int bodyTimeoutMs = 30 * 1000;   // from the end of the head to the end of the body
    int idleTimeoutMs = 75 * 1000;   // a keep-alive connection with nothing to do
    int handshakeTimeoutMs = 10 * 1000;
    int maxRequestsPerConnection = 1000;
    int maxConnections = 4096;
    int maxConnectionsPerAddress = 256;
    qint64 maxUnreadAnswerBytes = 4 * 1024 * 1024; // answers a client has not read yet
};

// What one feed connection may cost the gateway.
struct FeedLimits
{
    qint64 maxMessageBytes = 1024 * 1024;         // a frame and a message from the console
    int messagesPerSecond = 20;                   // from one console, averaged over a few seconds
    qint64 maxSendBufferBytes = 64 * 1024 * 1024; // then a console that does not read is dropped
};

// An outgoing webhook (docs/integrations.md): where the gateway POSTs what happens to actions.
struct WebhookConfig
{
    enum class Format { Json, Slack };
    QString name;
    QUrl url;
    QByteArray secret; // the HMAC-SHA256 key of X-Countersign-Signature
    Format format = Format::Json;
    Urgency minUrgency = Urgency::Low; // actions below it are not sent
    bool onlyWhenNamed = false;        // sent only for actions whose policy rule names it (notify:)
    bool requested = true;             // a new pending action
    bool resolved = true;              // its approval, denial, expiry or cancellation
    bool refused = true;               // a refused decision on it
    int maxAttempts = 10;              // then the delivery is given up, recorded as webhook.failed
};

// The gateway's configuration, read from YAML (see docs/gateway.md for the format).
struct GatewayConfig
{
    QString gatewayId = QStringLiteral("countersign-gateway");
    QHostAddress listenAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 listenPort = 8470;
    QString dataDir;
    // storage.url (StoreLocation); empty: gateway.sqlite in the data directory.
    QString storageUrl;
    int defaultTtlSeconds = 900;
    int maxTtlSeconds = 86400;
    int maxWaitSeconds = 60;
    QList<ConfiguredPrincipal> principals;
    // Signed decisions (docs/gateway.md, "signing")
    bool requireHardwareKeys = false;
    int maxClockSkewSeconds = 120;
    QString fido2RpId = kDefaultFido2RpId;
    QList<KeyRecord> keys; // listed in the configuration: approved from the start
    // The policy file (docs/policy.md), absolute or relative to the configuration's directory;
    // empty: the built-in policy, one approver for every action.
    QString policyPath;
    QList<WebhookConfig> webhooks;
    int maxAuthFailuresPerMinute = 20; // per source address; then a lockout (docs/gateway.md)
    TlsConfig tls;
    // Listening off loopback without TLS, for a gateway behind a TLS-terminating proxy; logged
    // loudly at every start (--insecure-listen only, never in the configuration file).
    bool insecureListen = false;
    ConnectionLimits limits;
    FeedLimits feedLimits;
    // Audit checkpoints (docs/audit.md)
    int checkpointEveryEvents = 100;
    int checkpointEverySeconds = 10;

    static std::optional<GatewayConfig> load(const QString &path, QString *error);
    static std::optional<GatewayConfig> parse(const QByteArray &yaml, QString *error);

    // Where the store lives: storage.url, or gateway.sqlite in the data directory.
    std::optional<StoreLocation> storeLocation(QString *error) const;

    // "HOST:PORT", "[v6]:PORT" or ":PORT"; port 0 picks a free one.
    bool setListen(const QString &hostPort, QString *error);
};

} // namespace cs
