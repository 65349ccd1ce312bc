#include "GatewayConfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <functional>

#include <yaml-cpp/yaml.h>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

QString text(const YAML::Node &node)
{
    return QString::fromStdString(node.as<std::string>());
}

bool readPrincipals(const YAML::Node &list, GatewayConfig &config, QString *error)
{
    if (!list)
        return true;
    if (!list.IsSequence()) {
        *error = u"'principals' must be a list"_s;
        return false;
    }
    static const QRegularExpression sha256Hex(u"^[0-9a-f]{64}$"_s);
    QSet<QString> ids;
    QSet<QString> hashes;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const YAML::Node node = list[i];
        const QString where = u"principals[%1]"_s.arg(i);
        if (!node.IsMap() || !node["id"] || !node["role"] || (!node["token_sha256"] && !node["certificate_cn"])) {
            *error = where + u" needs id, role and token_sha256 (or certificate_cn)"_s;
            return false;
        }
        ConfiguredPrincipal entry;
        entry.principal.id = text(node["id"]);
        entry.principal.displayName = node["display_name"] ? text(node["display_name"]) : entry.principal.id;
        const auto role = roleFromName(text(node["role"]));
        if (!role) {
            *error = where + u": unknown role '%1' (agent, approver or auditor)"_s.arg(text(node["role"]));
            return false;
        }
        entry.principal.role = *role;
        if (const YAML::Node groups = node["groups"]) {
            for (const auto &group : groups)
                entry.principal.groups.append(text(group));
        }
        if (node["certificate_cn"]) {
            entry.certificateName = text(node["certificate_cn"]);
            const bool taken = std::any_of(
                config.principals.cbegin(), config.principals.cend(),
                [&entry](const ConfiguredPrincipal &other) { return other.certificateName == entry.certificateName; });
            if (entry.certificateName.isEmpty() || taken) {
                *error = where + u": certificate_cn '%1' is empty or used twice"_s.arg(entry.certificateName);
                return false;
            }
        }
        entry.tokenSha256 = node["token_sha256"] ? text(node["token_sha256"]).toLower() : QString();
        if (node["token_sha256"] && !sha256Hex.match(entry.tokenSha256).hasMatch()) {
            *error = where + u": token_sha256 must be 64 hex digits"_s;
            return false;
        }
        if (entry.principal.id.isEmpty() || ids.contains(entry.principal.id)) {
            *error = where + u": id '%1' is empty or used twice"_s.arg(entry.principal.id);
            return false;
        }
        if (hashes.contains(entry.tokenSha256)) {
            *error = where + u": the same token is configured twice"_s;
            return false;
        }
        ids.insert(entry.principal.id);
        if (!entry.tokenSha256.isEmpty())
            hashes.insert(entry.tokenSha256);
        config.principals.append(entry);
    }
    return true;
}

// keys: [{owner, type, public_key (PEM), credential_id?, label?}], approved from the start.
bool readKeys(const YAML::Node &list, GatewayConfig &config, QString *error)
{
    if (!list || list.IsNull())
        return true;
    if (!list.IsSequence()) {
        *error = u"'keys' must be a list"_s;
        return false;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const YAML::Node node = list[i];
        const QString where = u"keys[%1]"_s.arg(i);
        if (!node.IsMap() || !node["owner"] || !node["type"] || !node["public_key"]) {
            *error = where + u" needs owner, type and public_key"_s;
            return false;
        }
        QJsonObject enrollment{{u"type"_s, text(node["type"])}, {u"public_key"_s, text(node["public_key"])}};
        if (node["credential_id"])
            enrollment.insert(u"credential_id"_s, text(node["credential_id"]));
        if (node["label"])
            enrollment.insert(u"label"_s, text(node["label"]));
        WireError parseError;
        const auto parsed = KeyEnrollment::fromJson(enrollment, &parseError);
        if (!parsed) {
            *error = where + u": "_s + parseError.message;
            return false;
        }
        KeyRecord key = parsed->toRecord(text(node["owner"]), QDateTime::currentDateTimeUtc());
        key.status = KeyStatus::Approved;
        key.approvedBy = u"configuration"_s;
        key.approvedAt = key.createdAt;
        config.keys.append(key);
    }
    return true;
}

} // namespace

bool GatewayConfig::setListen(const QString &hostPort, QString *error)
{
    static const QRegularExpression pattern(u"^(?:\\[([^\\]]+)\\]|([^:]*)):(\\d{1,5})$"_s);
    const auto match = pattern.match(hostPort);
    const uint port = match.hasMatch() ? match.captured(3).toUInt() : 70000;
    if (port > 65535) {
        *error = u"'%1' is not HOST:PORT"_s.arg(hostPort);
        return false;
    }
    QString host = match.captured(1).isEmpty() ? match.captured(2) : match.captured(1);
    if (host.isEmpty() || host == u"localhost")
        host = u"127.0.0.1"_s;
    QHostAddress address;
    if (!address.setAddress(host)) {
        *error = u"'%1' is not an IP address"_s.arg(host);
        return false;
    }
    listenAddress = address;
    listenPort = quint16(port);
    return true;
}

namespace {

// webhooks: (docs/integrations.md)
bool readWebhooks(const YAML::Node &node, GatewayConfig &config, QString *error)
{
    if (!node)
        return true;
    if (!node.IsSequence()) {
        *error = u"webhooks: must be a list"_s;
        return false;
    }
    for (const YAML::Node &entry : node) {
        WebhookConfig webhook;
        webhook.name = text(entry["name"]);
        webhook.url = QUrl(text(entry["url"]));
        const QString where = u"webhooks: '%1'"_s.arg(webhook.name);
        if (webhook.name.isEmpty() || !webhook.url.isValid() ||
            (webhook.url.scheme() != u"http" && webhook.url.scheme() != u"https")) {
            *error = where + u" needs a name and an http(s) url"_s;
            return false;
        }
        if (std::any_of(config.webhooks.cbegin(), config.webhooks.cend(),
                        [&webhook](const WebhookConfig &other) { return other.name == webhook.name; })) {
            *error = where + u" is named twice"_s;
            return false;
        }
        if (entry["secret_file"]) {
            QFile secret(text(entry["secret_file"]));
            if (!secret.open(QIODevice::ReadOnly)) {
                *error = where + u": cannot read secret_file: "_s + secret.errorString();
                return false;
            }
            webhook.secret = secret.readAll().trimmed();
        } else {
            webhook.secret = text(entry["secret"]).toUtf8();
        }
        if (webhook.secret.size() < 16) {
            *error = where + u" needs a secret (or secret_file) of at least 16 characters to sign its bodies"_s;
            return false;
        }
        const QString format = entry["format"] ? text(entry["format"]) : u"json"_s;
        if (format != u"json" && format != u"slack") {
            *error = where + u": format is json or slack"_s;
            return false;
        }
        webhook.format = format == u"slack" ? WebhookConfig::Format::Slack : WebhookConfig::Format::Json;
        if (entry["min_urgency"]) {
            const auto urgency = urgencyFromName(text(entry["min_urgency"]));
            if (!urgency) {
                *error = where + u": min_urgency is low, normal, high or critical"_s;
                return false;
            }
            webhook.minUrgency = *urgency;
        }
        webhook.onlyWhenNamed = entry["only_when_named"].as<bool>(false);
        if (const YAML::Node events = entry["events"]) {
            webhook.requested = webhook.resolved = webhook.refused = false;
            for (const YAML::Node &event : events) {
                const QString name = text(event);
                if (name == u"requested")
                    webhook.requested = true;
                else if (name == u"resolved")
                    webhook.resolved = true;
                else if (name == u"refused")
                    webhook.refused = true;
                else {
                    *error = where + u": events are requested, resolved and refused, not '%1'"_s.arg(name);
                    return false;
                }
            }
        }
        webhook.maxAttempts = entry["max_attempts"].as<int>(webhook.maxAttempts);
        if (webhook.maxAttempts < 1) {
            *error = where + u": max_attempts must be at least 1"_s;
            return false;
        }
        config.webhooks.append(webhook);
    }
    return true;
}

// tls: {certificate, private_key, client_ca?}
bool readTls(const YAML::Node &node, GatewayConfig &config, QString *error)
{
    if (!node || node.IsNull())
        return true;
    if (!node.IsMap() || !node["certificate"] || !node["private_key"]) {
        *error = u"tls: needs certificate and private_key (PEM files)"_s;
        return false;
    }
    config.tls.certificatePath = text(node["certificate"]);
    config.tls.privateKeyPath = text(node["private_key"]);
    if (node["client_ca"])
        config.tls.clientCaPath = text(node["client_ca"]);
    return true;
}

// limits: every value optional, each at least 1 (docs/gateway.md)
bool readLimits(const YAML::Node &node, GatewayConfig &config, QString *error)
{
    if (!node || node.IsNull())
        return true;
    if (!node.IsMap()) {
        *error = u"limits: must be a mapping"_s;
        return false;
    }
    ConnectionLimits &limits = config.limits;
    FeedLimits &feed = config.feedLimits;
    const auto seconds = [](int ms) { return ms / 1000; };
    const QList<std::tuple<const char *, std::function<void(qint64)>, qint64>> values{
        {"max_body_bytes", [&](qint64 v) { limits.maxBodyBytes = v; }, limits.maxBodyBytes},
        {"max_header_bytes", [&](qint64 v) { limits.maxHeaderBytes = int(v); }, limits.maxHeaderBytes},
        {"max_headers", [&](qint64 v) { limits.maxHeaders = int(v); }, limits.maxHeaders},
        {"header_timeout_seconds", [&](qint64 v) { limits.headerTimeoutMs = int(v * 1000); },
         seconds(limits.headerTimeoutMs)},
        {"body_timeout_seconds", [&](qint64 v) { limits.bodyTimeoutMs = int(v * 1000); },
         seconds(limits.bodyTimeoutMs)},
        {"idle_timeout_seconds", [&](qint64 v) { limits.idleTimeoutMs = int(v * 1000); },
         seconds(limits.idleTimeoutMs)},
        {"tls_handshake_timeout_seconds", [&](qint64 v) { limits.handshakeTimeoutMs = int(v * 1000); },
         seconds(limits.handshakeTimeoutMs)},
        {"max_requests_per_connection", [&](qint64 v) { limits.maxRequestsPerConnection = int(v); },
         limits.maxRequestsPerConnection},
        {"max_connections", [&](qint64 v) { limits.maxConnections = int(v); }, limits.maxConnections},
        {"max_connections_per_address", [&](qint64 v) { limits.maxConnectionsPerAddress = int(v); },
         limits.maxConnectionsPerAddress},
        {"max_unread_answer_bytes", [&](qint64 v) { limits.maxUnreadAnswerBytes = v; }, limits.maxUnreadAnswerBytes},
        {"feed_max_message_bytes", [&](qint64 v) { feed.maxMessageBytes = v; }, feed.maxMessageBytes},
        {"feed_messages_per_second", [&](qint64 v) { feed.messagesPerSecond = int(v); }, feed.messagesPerSecond},
        {"feed_max_send_buffer_bytes", [&](qint64 v) { feed.maxSendBufferBytes = v; }, feed.maxSendBufferBytes},
    };
    QSet<QString> known;
    for (const auto &[name, set, fallback] : values) {
        known.insert(QString::fromLatin1(name));
        const qint64 value = node[name].as<qint64>(fallback);
        if (value < 1 || value > (qint64(1) << 40)) {
            *error = u"limits: %1 must be a whole number of at least 1"_s.arg(QLatin1StringView(name));
            return false;
        }
        set(value);
    }
    for (const auto &entry : node) {
        if (!known.contains(text(entry.first))) {
            *error = u"limits: unknown setting '%1'"_s.arg(text(entry.first));
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<GatewayConfig> GatewayConfig::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    auto config = parse(file.readAll(), error);
    if (!config) {
        *error = path + u": "_s + *error;
        return config;
    }
    // Files the configuration names are relative to its own directory.
    const QDir base = QFileInfo(path).absoluteDir();
    for (QString *file :
         {&config->policyPath, &config->tls.certificatePath, &config->tls.privateKeyPath, &config->tls.clientCaPath}) {
        if (!file->isEmpty())
            *file = base.absoluteFilePath(*file);
    }
    return config;
}

std::optional<StoreLocation> GatewayConfig::storeLocation(QString *error) const
{
    if (storageUrl.isEmpty())
        return StoreLocation::sqliteFile(QDir(dataDir).filePath(u"gateway.sqlite"_s));
    return StoreLocation::parse(storageUrl, error);
}

std::optional<GatewayConfig> GatewayConfig::parse(const QByteArray &yaml, QString *error)
{
    GatewayConfig config;
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        if (root.IsNull())
            return config;
        if (!root.IsMap()) {
            *error = u"the configuration must be a YAML mapping"_s;
            return std::nullopt;
        }
        if (root["gateway_id"])
            config.gatewayId = text(root["gateway_id"]);
        if (root["listen"] && !config.setListen(text(root["listen"]), error))
            return std::nullopt;
        if (root["data_dir"])
            config.dataDir = text(root["data_dir"]);
        if (root["policy"])
            config.policyPath = text(root["policy"]);
        if (const YAML::Node storage = root["storage"]) {
            config.storageUrl = text(storage["url"]);
            if (!StoreLocation::parse(config.storageUrl, error))
                return std::nullopt;
        }
        if (const YAML::Node actions = root["actions"]) {
            config.defaultTtlSeconds = actions["default_ttl_seconds"].as<int>(config.defaultTtlSeconds);
            config.maxTtlSeconds = actions["max_ttl_seconds"].as<int>(config.maxTtlSeconds);
            config.maxWaitSeconds = actions["max_wait_seconds"].as<int>(config.maxWaitSeconds);
        }
        if (config.defaultTtlSeconds < 1 || config.maxTtlSeconds < config.defaultTtlSeconds ||
            config.maxWaitSeconds < 1) {
            *error = u"actions: need 1 <= default_ttl_seconds <= max_ttl_seconds and max_wait_seconds >= 1"_s;
            return std::nullopt;
        }
        if (!readPrincipals(root["principals"], config, error) || !readKeys(root["keys"], config, error) ||
            !readWebhooks(root["webhooks"], config, error) || !readTls(root["tls"], config, error) ||
            !readLimits(root["limits"], config, error))
            return std::nullopt;
        if (const YAML::Node signing = root["signing"]) {
            config.requireHardwareKeys = signing["require_hardware_keys"].as<bool>(config.requireHardwareKeys);
            config.maxClockSkewSeconds = signing["max_clock_skew_seconds"].as<int>(config.maxClockSkewSeconds);
            if (signing["fido2_rp_id"])
                config.fido2RpId = text(signing["fido2_rp_id"]);
        }
        if (const YAML::Node auth = root["auth"]) {
            config.maxAuthFailuresPerMinute = auth["max_failures_per_minute"].as<int>(config.maxAuthFailuresPerMinute);
            if (config.maxAuthFailuresPerMinute < 1) {
                *error = u"auth: max_failures_per_minute must be at least 1"_s;
                return std::nullopt;
            }
        }
        if (const YAML::Node audit = root["audit"]) {
            config.checkpointEveryEvents = audit["checkpoint_every_events"].as<int>(config.checkpointEveryEvents);
            config.checkpointEverySeconds = audit["checkpoint_every_seconds"].as<int>(config.checkpointEverySeconds);
        }
        if (config.checkpointEveryEvents < 1 || config.checkpointEverySeconds < 1) {
            *error = u"audit: checkpoint_every_events and checkpoint_every_seconds must be at least 1"_s;
            return std::nullopt;
        }
        if (config.maxClockSkewSeconds < 1 || config.fido2RpId.isEmpty()) {
            *error = u"signing: need max_clock_skew_seconds >= 1 and a non-empty fido2_rp_id"_s;
            return std::nullopt;
        }
    } catch (const YAML::Exception &e) {
        *error = QString::fromStdString(e.what());
        return std::nullopt;
    }
    return config;
}

} // namespace cs
