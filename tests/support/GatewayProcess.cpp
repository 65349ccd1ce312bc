#include "GatewayProcess.h"

#include "signing/Crypto.h"
#include "signing/SoftwareSigner.h"

#include "util/Tokens.h"

#include "TestDatabase.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

namespace cs::test {

GatewayProcess::GatewayProcess() = default;

GatewayProcess::~GatewayProcess()
{
    kill();
}

QString GatewayProcess::binaryPath()
{
    return QStringLiteral(COUNTERSIGN_GATEWAY_BIN);
}

TestPrincipal GatewayProcess::principal(const QString &id, Role role)
{
    return {id, role, Tokens::generate(), role == Role::Approver ? SoftwareSigner::generateSeed() : QByteArray(), {}};
}

QByteArray configuredKeyYaml(const TestPrincipal &principal)
{
    const QByteArray spki = Crypto::ed25519PublicFromSeed(principal.signingSeed).value_or(QByteArray());
    QByteArray pem = Crypto::pemFromSpki(spki);
    pem.replace("\n", "\n      ");
    return "  - owner: " + principal.id.toUtf8() + "\n    type: software\n    public_key: |\n      " + pem.trimmed() +
           "\n";
}

QString GatewayProcess::devPrincipalsPath() const
{
    return QDir(m_dataDir.path()).filePath(u"dev-principals.json"_s);
}

bool GatewayProcess::startDev(quint16 port)
{
    return startDevWith({}, port);
}

bool GatewayProcess::startDevWith(const QStringList &extra, quint16 port)
{
    if (!launch(QStringList{u"--dev"_s, u"--data-dir"_s, m_dataDir.path(), u"--listen"_s, u"127.0.0.1:%1"_s.arg(port)} +
                extra))
        return false;
    QString error;
    const auto dev = DevPrincipals::load(devPrincipalsPath(), &error);
    if (!dev) {
        qWarning() << error;
        return false;
    }
    m_dev = *dev;
    return true;
}

bool GatewayProcess::startWithConfig(const QList<TestPrincipal> &principals, const QByteArray &extra, quint16 port)
{
    QByteArray yaml = "gateway_id: test-gateway\nprincipals:\n";
    for (const TestPrincipal &p : principals) {
        yaml += "  - id: " + p.id.toUtf8() + "\n    role: " + roleName(p.role).toUtf8() + "\n";
        if (!p.token.isEmpty())
            yaml += "    token_sha256: " + Tokens::hash(p.token).toUtf8() + "\n";
        if (!p.certificateName.isEmpty())
            yaml += "    certificate_cn: " + p.certificateName.toUtf8() + "\n";
        if (!p.groups.isEmpty())
            yaml += "    groups: [" + p.groups.join(u", "_s).toUtf8() + "]\n";
    }
    // Approvers' software keys are listed as approved unless the test brings its own `keys:`.
    if (!extra.contains("\nkeys:") && !extra.startsWith("keys:")) {
        yaml += "keys:\n";
        for (const TestPrincipal &p : principals) {
            if (!p.signingSeed.isEmpty())
                yaml += configuredKeyYaml(p);
        }
    }
    yaml += extra;
    const QString path = QDir(m_dataDir.path()).filePath(u"gateway.yaml"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(yaml) != yaml.size())
        return false;
    file.close();
    return launch({u"--config"_s, path, u"--data-dir"_s, m_dataDir.path(), u"--listen"_s, u"127.0.0.1:%1"_s.arg(port)});
}

QStringList GatewayProcess::storeArguments() const
{
    QStringList arguments{u"--data-dir"_s, dataDir()};
    if (!m_storageUrl.isEmpty())
        arguments << u"--storage-url"_s << m_storageUrl;
    return arguments;
}

void GatewayProcess::signal(int number)
{
    if (m_process && m_process->state() == QProcess::Running)
        ::kill(pid_t(m_process->processId()), number);
}

bool GatewayProcess::restart()
{
    QStringList arguments = m_arguments;
    const qsizetype listen = arguments.indexOf(u"--listen"_s);
    arguments[listen + 1] = u"127.0.0.1:%1"_s.arg(port()); // come back on the same port
    return launch(arguments);
}

bool GatewayProcess::launch(const QStringList &given)
{
    kill();
    QStringList arguments = given;
    if (m_storageUrl.isEmpty() && !postgresqlServer().isEmpty()) {
        m_storageUrl = createPostgresqlDatabase();
        if (m_storageUrl.isEmpty())
            return false;
    }
    if (!m_storageUrl.isEmpty() && !arguments.contains(u"--storage-url"_s))
        arguments << u"--storage-url"_s << m_storageUrl;
    m_arguments = arguments;
    m_output.clear();
    m_process = std::make_unique<QProcess>();
    // The gateway logs to stderr; forward it so a full pipe can never block it.
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->start(binaryPath(), arguments);
    if (!m_process->waitForStarted(5000)) {
        qWarning() << "cannot start" << binaryPath() << m_process->errorString();
        return false;
    }
    static const QRegularExpression listening(u"countersign-gateway listening on (\\S+)"_s);
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        m_process->waitForReadyRead(100);
        m_output += QString::fromUtf8(m_process->readAllStandardOutput());
        const auto match = listening.match(m_output);
        if (match.hasMatch()) {
            m_url = QUrl(match.captured(1));
            return true;
        }
        if (m_process->state() == QProcess::NotRunning)
            break;
    }
    qWarning() << "gateway did not start:" << m_output;
    return false;
}

int GatewayProcess::waitForExit(int timeoutMs)
{
    // waitForFinished() answers false for a process that already ended (say while the test's event
    // loop spun for something else): only a running one is waited for.
    if (!m_process || (m_process->state() != QProcess::NotRunning && !m_process->waitForFinished(timeoutMs)))
        return -1;
    m_output += QString::fromUtf8(m_process->readAll());
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

void GatewayProcess::kill()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

} // namespace cs::test
