#include "AuditSync.h"

#include "audit/AuditMirrorWriter.h"
#include "signing/Crypto.h"

#include <QElapsedTimer>
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
    m_fetchedSeq = m_checkedSeq = m_mirror->headSeq();
    m_checkedHash = m_mirror->headHash();
    const int generation = m_generation;
    m_client->get(u"/v1/gateway"_s, this, [this, generation](const AgentClient::Reply &reply) {
        if (generation != m_generation)
            return;
        if (!reply.ok())
            return finish(std::nullopt, reply.error.message);
        const auto key =
            Crypto::spkiFromPem(reply.body.value(u"audit"_s).toObject().value(u"public_key"_s).toString().toLatin1());
        if (!key)
            return finish(std::nullopt, tr("The gateway does not publish an audit key."));
        m_mirror->setFido2RpId(reply.body.value(u"signing"_s).toObject().value(u"fido2_rp_id"_s).toString());
        if (auto changed = m_mirror->pinGatewayKey(*key))
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
    m_fetching = true;
    m_client->getText(path, this, [this, generation](const AgentClient::Reply &reply) {
        if (generation != m_generation)
            return; // the sync stopped (a break, a failure) after this page was asked for
        m_fetching = false;
        if (!reply.ok())
            m_failure = reply.error.message;
        else if (!m_break && m_failure.isEmpty())
            onPage(reply.text); // else it was asked for before the break showed: nothing to store
        pump();
    });
}

void AuditSync::onPage(const QByteArray &text)
{
    QElapsedTimer clock;
    clock.start();
    QString error = tr("The gateway sent an empty audit page.");
    std::optional<AuditPage> page = text.isEmpty() ? std::nullopt : AuditPage::read(text, &error);
    if (!page) {
        m_failure = error;
        return;
    }
    m_gatewayHead = page->headSeq;
    // An empty page ends the sync even if the gateway claims more: nothing else would end it.
    m_fetchedSeq = page->events.empty() ? m_gatewayHead : page->lastSeq(m_fetchedSeq);
    // Ask for the next page before checking this one, so the gateway and the network work
    // meanwhile; this page counts as being stored from here on.
    ++m_storing;
    pump();
    AuditMirror::CheckedPage checked = m_mirror->check(std::move(*page), m_checkedSeq, m_checkedHash);
    m_checkedSeq = checked.validUpTo;
    m_checkedHash = checked.validHash;
    m_break = checked.broken;
    m_checkNs += clock.nsecsElapsed();
    QMetaObject::invokeMethod(
        m_writer,
        [writer = m_writer, checked = std::move(checked), ticket = m_generation] { writer->store(checked, ticket); },
        Qt::QueuedConnection);
}

void AuditSync::onStored(int ticket, const QString &error)
{
    if (ticket != m_generation)
        return;
    --m_storing;
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
