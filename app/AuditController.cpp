#include "AuditController.h"

#include "AuditBrowser.h"
#include "util/Log.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace cs {

AuditController::AuditController(QObject *parent) : QObject(parent), m_client(&m_network)
{
    m_syncDelay.setSingleShot(true);
    m_syncDelay.setInterval(kSyncDelayMs);
    connect(&m_syncDelay, &QTimer::timeout, this, &AuditController::syncNow);
}

AuditController::~AuditController()
{
    delete m_browser; // it reads the mirror, which goes next
}

void AuditController::setEndpoint(const QUrl &gatewayUrl, const QString &token, const TlsTrust &trust)
{
    m_client.setEndpoint(gatewayUrl, token, trust);
    if (gatewayUrl == m_gatewayUrl && m_mirror)
        return;
    m_gatewayUrl = gatewayUrl;
    delete m_browser;
    m_sync.reset();
    m_mirror.reset();
    // ~/.local/share/countersign, not Qt's Countersign/countersign (organization, then application).
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/countersign"_s;
    QDir().mkpath(dir);
    const QString name = u"audit-%1-%2.sqlite"_s.arg(gatewayUrl.host()).arg(gatewayUrl.port(80));
    const QString before = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u'/' + name;
    if (QFile::exists(before) && !QFile::exists(QDir(dir).filePath(name))) {
        // A mirror made by an earlier console: moved with its WAL, so nothing is synced twice.
        for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s})
            QFile::rename(before + suffix, QDir(dir).filePath(name) + suffix);
    }
    auto mirror = std::make_unique<AuditMirror>(u"countersign-mirror-"_s + name);
    QString error;
    if (!mirror->open(QDir(dir).filePath(name), &error)) {
        qCWarning(lcClient) << "audit mirror:" << error;
        m_lastProblem = error;
        return;
    }
    m_mirror = std::move(mirror);
    m_sync = std::make_unique<AuditSync>(m_mirror.get(), &m_client);
    connect(m_sync.get(), &AuditSync::upToDate, this, [this](qint64 head) {
        m_lastProblem.clear();
        if (m_browser)
            m_browser->refresh(tr("up to date"));
        Q_EMIT synced(head);
    });
    connect(m_sync.get(), &AuditSync::broken, this, [this](const AuditChain::Break &) {
        if (m_browser)
            m_browser->refresh();
    });
    connect(m_sync.get(), &AuditSync::failed, this, [this](const QString &message) {
        m_lastProblem = message;
        if (m_browser)
            m_browser->refresh(tr("offline: %1").arg(message));
    });
}

void AuditController::syncNow()
{
    if (m_sync && !m_sync->isRunning())
        m_sync->start();
}

void AuditController::syncSoon()
{
    if (!m_syncDelay.isActive())
        m_syncDelay.start();
}

AuditBrowser *AuditController::showBrowser()
{
    if (!m_mirror)
        return nullptr;
    if (!m_browser) {
        m_browser = new AuditBrowser(m_mirror.get());
        m_browser->setAttribute(Qt::WA_DeleteOnClose);
        m_browser->resize(1200, 760);
    }
    m_browser->refresh(m_lastProblem.isEmpty() ? QString() : tr("offline: %1").arg(m_lastProblem));
    m_browser->show();
    m_browser->raise();
    return m_browser;
}

} // namespace cs
