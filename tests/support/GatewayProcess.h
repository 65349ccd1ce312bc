#pragma once

#include "util/DevPrincipals.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace cs::test {

// A principal the test configures, with its plain token.
struct TestPrincipal
{
    QString id;
    Role role;
    QString token;
    QByteArray signingSeed;       // approvers: an Ed25519 software key the configuration lists as approved
    QStringList groups;           // what a policy's quorum counts them for
    QString certificateName = {}; // mutual TLS: the common name of its client certificate
};

// The YAML `keys:` entry that lists `principal`'s software key as approved.
QByteArray configuredKeyYaml(const TestPrincipal &principal);

// The real countersign-gateway binary, started in a temporary data directory. Either in --dev
// mode (principals from dev-principals.json) or with a generated YAML configuration. Under
// tests/support/with-postgresql.sh its store is a PostgreSQL database of its own.
class GatewayProcess
{
public:
    GatewayProcess();
    ~GatewayProcess();

    // Starts in dev mode; port 0 picks a free one. Returns false (and says why) on failure.
    bool startDev(quint16 port = 0);
    // In dev mode with more arguments (--policy FILE, --config FILE).
    bool startDevWith(const QStringList &extra, quint16 port = 0);
    // Starts with a configuration holding `principals` and the extra YAML in `extra`.
    bool startWithConfig(const QList<TestPrincipal> &principals, const QByteArray &extra = {}, quint16 port = 0);
    // Sends a signal to the running gateway (SIGHUP reloads its policy).
    void signal(int number);
    // Starts again with the same arguments and data directory (after kill()).
    bool restart();
    // SIGKILL: no chance to clean up, as in a crash.
    void kill();
    // Waits for the gateway to end by itself (after SIGTERM); its exit code, -1 on a crash or timeout.
    int waitForExit(int timeoutMs);

    QUrl url() const { return m_url; }
    quint16 port() const { return quint16(m_url.port()); }
    QString dataDir() const { return m_dataDir.path(); }
    QString devPrincipalsPath() const;
    const DevPrincipals &dev() const { return m_dev; }
    QString output() const { return m_output; }
    // The store's URL when the gateway runs on PostgreSQL (with-postgresql.sh gives each
    // GatewayProcess a database of its own), else empty: gateway.sqlite in the data directory.
    QString storageUrl() const { return m_storageUrl; }
    // Replicas: this gateway shares `url`'s database (set before it starts).
    void setStorageUrl(const QString &url) { m_storageUrl = url; }
    // What `countersign-gateway key …` needs to find this gateway's store.
    QStringList storeArguments() const;
    qint64 processId() const { return m_process ? m_process->processId() : 0; }

    static QString binaryPath();
    static TestPrincipal principal(const QString &id, Role role);

private:
    bool launch(const QStringList &arguments);

    QTemporaryDir m_dataDir;
    std::unique_ptr<QProcess> m_process;
    QStringList m_arguments;
    QString m_storageUrl;
    QUrl m_url;
    DevPrincipals m_dev;
    QString m_output;
};

} // namespace cs::test
