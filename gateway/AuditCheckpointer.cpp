#include "AuditCheckpointer.h"

#include "signing/Crypto.h"
#include "util/Log.h"
#include "util/OwnerOnlyFile.h"
#include "wire/ActionCodec.h"

#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

namespace cs {

AuditCheckpointer::AuditCheckpointer(EventStore *store, const Clock *clock, QString gatewayId, QByteArray seed,
                                     int everyEvents, int everySeconds, QObject *parent)
    : QObject(parent), m_store(store), m_clock(clock), m_gatewayId(std::move(gatewayId)), m_seed(std::move(seed)),
      m_publicKey(Crypto::ed25519PublicFromSeed(m_seed).value_or(QByteArray())), m_everyEvents(everyEvents),
      m_everySeconds(everySeconds)
{
    connect(&m_timer, &QTimer::timeout, this, &AuditCheckpointer::checkpoint);
    m_timer.start(m_everySeconds * 1000);
    checkpoint(); // cover what was written while the gateway was down (key approvals, say)
}

std::optional<QByteArray> AuditCheckpointer::loadOrCreateKey(const QString &dataDir, QString *error)
{
    const QString path = QDir(dataDir).filePath(QString::fromLatin1(kKeyFile));
    QFile existing(path);
    if (existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly)) {
            *error = u"cannot read %1: %2"_s.arg(path, existing.errorString());
            return std::nullopt;
        }
        const QByteArray seed = QByteArray::fromBase64(existing.readAll().trimmed());
        if (seed.size() != 32) {
            *error = u"%1 does not hold the gateway's audit key (a base64 Ed25519 seed)"_s.arg(path);
            return std::nullopt;
        }
        return seed;
    }
    const QByteArray seed = Crypto::generateEd25519Seed();
    if (!writeOwnerOnlyFile(path, seed.toBase64() + '\n', error))
        return std::nullopt;
    qCInfo(lcGateway) << "made the gateway's audit signing key" << path;
    return seed;
}

void AuditCheckpointer::onEventRecorded(const Event &)
{
    if (++m_sinceLast >= m_everyEvents)
        checkpoint();
}

void AuditCheckpointer::checkpoint()
{
    m_sinceLast = 0;
    const auto head = m_store->currentHead();
    if (head.first == 0 || m_store->lastCheckpointSeq() >= head.first)
        return;
    AuditChain::Checkpoint checkpoint{m_gatewayId, head.first, head.second, formatTime(m_clock->now()), {}};
    checkpoint.signature = Crypto::ed25519Sign(m_seed, checkpoint.canonicalBytes()).value_or(QByteArray());
    QString error;
    if (!m_store->storeCheckpoint(checkpoint, &error))
        qCCritical(lcStore) << "could not store the checkpoint at" << head.first << ":" << error;
}

} // namespace cs
