#include "AuditSync.h"

#include "signing/Crypto.h"

#include <QElapsedTimer>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace cs {

AuditSync::AuditSync(AuditMirror *mirror, AgentClient *client, QObject *parent)
    : QObject(parent), m_mirror(mirror), m_client(client)
{
}

void AuditSync::stop()
{
    m_running = false;
    ++m_generation; // replies to pages asked for before now are dropped
}

void AuditSync::start()
{
    if (m_running)
        return;
    if (auto known = m_mirror->storedBreak()) {
        Q_EMIT broken(*known);
        return;
    }
    m_running = true;
    m_client->get(u"/v1/gateway"_s, this, [this](const AgentClient::Reply &reply) {
        if (!reply.ok()) {
            stop();
            return Q_EMIT failed(reply.error.message);
        }
        const auto key =
            Crypto::spkiFromPem(reply.body.value(u"audit"_s).toObject().value(u"public_key"_s).toString().toLatin1());
        if (!key) {
            stop();
            return Q_EMIT failed(tr("The gateway does not publish an audit key."));
        }
        m_mirror->setFido2RpId(reply.body.value(u"signing"_s).toObject().value(u"fido2_rp_id"_s).toString());
        if (auto changed = m_mirror->pinGatewayKey(*key)) {
            stop();
            return Q_EMIT broken(*changed);
        }
        fetchPage(m_mirror->headSeq());
    });
}

void AuditSync::fetchPage(qint64 after)
{
    const QString path = u"/v1/audit?after=%1&limit=%2"_s.arg(after).arg(m_pageSize);
    const int generation = m_generation;
    ++m_inFlight;
    m_client->get(path, this, [this, generation](const AgentClient::Reply &reply) {
        --m_inFlight;
        if (generation != m_generation)
            return; // the sync stopped (a break, a failure) after this page was asked for
        if (!reply.ok()) {
            stop();
            return Q_EMIT failed(reply.error.message);
        }
        const QJsonArray eventArray = reply.body.value(u"events"_s).toArray();
        const qint64 head = reply.body.value(u"head"_s).toObject().value(u"seq"_s).toInteger();
        const qint64 last = eventArray.isEmpty() ? 0 : eventArray.last().toObject().value(u"seq"_s).toInteger();
        // Ask for the next page before checking this one, so the gateway and the network work
        // while this page is verified and stored.
        if (eventArray.size() == m_pageSize && last < head)
            fetchPage(last);

        QElapsedTimer ingestClock;
        ingestClock.start();
        QList<QJsonObject> events;
        events.reserve(eventArray.size());
        for (const QJsonValue &value : eventArray)
            events.append(value.toObject());
        QList<AuditChain::Checkpoint> checkpoints;
        for (const QJsonValue &value : reply.body.value(u"checkpoints"_s).toArray()) {
            if (auto checkpoint = AuditChain::Checkpoint::fromJson(value.toObject()))
                checkpoints.append(*checkpoint);
        }
        QString error;
        const auto breaks = m_mirror->ingest(events, checkpoints, &error);
        m_ingestNs += ingestClock.nsecsElapsed();
        if (breaks) {
            stop();
            return Q_EMIT broken(*breaks);
        }
        if (!error.isEmpty()) {
            stop();
            return Q_EMIT failed(error);
        }
        Q_EMIT progress(m_mirror->headSeq(), head);
        if (m_inFlight > 0)
            return; // the next page is on its way
        if (!events.isEmpty() && m_mirror->headSeq() < head)
            return fetchPage(m_mirror->headSeq());
        m_mirror->optimize();
        fetchKeys();
    });
}

void AuditSync::fetchKeys()
{
    // Last, so the keys of every decision just mirrored are there; an approver's token lists only
    // their own keys, an auditor's all of them.
    const int generation = m_generation;
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
