#include "AuditSync.h"

#include "audit/AuditMirrorWriter.h"
#include "signing/Crypto.h"
#include "wire/GatewayInfo.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace cs {

AuditSync::AuditSync(AuditMirror *mirror, AgentClient *client, QObject *parent)
    : QObject(parent), m_mirror(mirror), m_client(client),
      m_writer(new AuditMirrorWriter(mirror->path(),
                                     u"%1-writer-%2"_s.arg(mirror->connectionName()).arg(quintptr(this), 0, 16)))
{
    m_writer->moveToThread(&m_writerThread);
    connect(&m_writerThread, &QThread::finished, m_writer, &QObject::deleteLater);
    connect(m_writer, &AuditMirrorWriter::read, this, &AuditSync::onRead);
    connect(m_writer, &AuditMirrorWriter::broken, this, [this](int ticket, const AuditChain::Break &broken) {
        if (ticket == m_generation)
            m_break = broken;
    });
    connect(m_writer, &AuditMirrorWriter::stored, this, &AuditSync::onStored);
    m_writerThread.setObjectName(u"audit-mirror-writer"_s);
    m_writerThread.start();
}

AuditSync::~AuditSync()
{
    m_writerThread.quit();
    m_writerThread.wait(); // a page being written is finished, not torn
}

void AuditSync::stop()
{
    m_running = false;
    ++m_generation; // answers to pages asked for or stored before now are dropped
    m_fetching = false;
    m_storing = 0;
}

void AuditSync::start()
{
    if (m_running)
        return;
    m_mirror->reload();
    if (auto known = m_mirror->storedBreak()) {
        Q_EMIT broken(*known);
        return;
    }
    m_running = true;
    m_break.reset();
    m_failure.clear();
    m_gatewayHead = -1;
    m_fetchedSeq = m_mirror->headSeq();
    const int generation = m_generation;
    m_client->get(u"/v1/gateway"_s, this, [this, generation](const AgentClient::Reply &reply) {
        if (generation != m_generation)
            return;
        if (!reply.ok())
            return finish(std::nullopt, reply.error.message);
        WireError error;
        const auto info = GatewayInfo::fromJson(reply.body, &error);
        if (!info)
            return finish(std::nullopt, tr("The gateway does not publish an audit key."));
        m_mirror->setFido2RpId(info->fido2RpId);
        if (auto changed = m_mirror->pinGatewayKey(info->auditPublicKey))
            return finish(changed, {});
        pump();
    });
}

void AuditSync::pump()
{
    if (!m_running)
        return;
    if (m_break || !m_failure.isEmpty()) {
        if (!m_fetching && m_storing == 0) // what came before the break or failure is stored
            finish(m_break, m_failure);
        return;
    }
    const bool more = m_gatewayHead < 0 || m_fetchedSeq < m_gatewayHead;
    if (more && !m_fetching && m_storing < kMaxQueued)
        return fetchPage(m_fetchedSeq);
    if (!more && !m_fetching && m_storing == 0) {
        QMetaObject::invokeMethod(m_writer, &AuditMirrorWriter::optimize, Qt::QueuedConnection);
        fetchKeys();
    }
}

void AuditSync::fetchPage(qint64 after)
{
    const QString path = u"/v1/audit?after=%1&limit=%2"_s.arg(after).arg(m_pageSize);
    const int generation = m_generation;
    m_fetching = true; // until the writer has read the page and knows where the next one starts
    m_client->getText(path, this, [this, generation](const AgentClient::Reply &reply) {
        if (generation != m_generation)
            return; // the sync stopped (a break, a failure) after this page was asked for
        if (!reply.ok()) {
            m_fetching = false;
            m_failure = reply.error.message;
            return pump();
        }
        ++m_storing;
        QMetaObject::invokeMethod(
            m_writer, [writer = m_writer, text = reply.text, generation] { writer->take(text, generation); },
            Qt::QueuedConnection);
    });
}

void AuditSync::onRead(int ticket, qint64 gatewayHead, qint64 lastSeq, const QString &error)
{
    if (ticket != m_generation)
        return;
    m_fetching = false;
    if (!error.isEmpty()) {
        m_failure = error;
    } else if (!m_break) {
        m_gatewayHead = gatewayHead;
        // An empty page ends the sync even if the gateway claims more: nothing else would end it.
        m_fetchedSeq = lastSeq;
    }
    pump(); // the next page is fetched while the writer checks and stores this one
}

void AuditSync::onStored(int ticket, const QString &error, qint64 checkNs)
{
    if (ticket != m_generation)
        return;
    --m_storing;
    m_checkNs += checkNs;
    m_mirror->reload();
    if (!error.isEmpty() && m_failure.isEmpty())
        m_failure = error;
    Q_EMIT progress(m_mirror->headSeq(), m_gatewayHead);
    pump();
}

void AuditSync::finish(const std::optional<AuditChain::Break> &broken, const QString &failure)
{
    stop();
    m_mirror->reload();
    if (broken)
        return Q_EMIT this->broken(*broken);
    Q_EMIT failed(failure);
}

void AuditSync::fetchKeys()
{
    // Last, so the keys of every decision just mirrored are there; an approver's token lists only
    // their own keys, an auditor's all of them.
    const int generation = m_generation;
    m_fetching = true;
    m_client->get(u"/v1/keys"_s, this, [this, generation](const AgentClient::Reply &reply) {
        if (generation != m_generation)
            return;
        QList<KeyRecord> keys;
        for (const QJsonValue &value : reply.body.value(u"keys"_s).toArray()) {
            WireError error;
            if (auto key = KeyRecord::fromJson(value.toObject(), &error))
                keys.append(*key);
        }
        m_mirror->storeKeys(keys);
        stop();
        Q_EMIT upToDate(m_mirror->headSeq());
    });
}

} // namespace cs
