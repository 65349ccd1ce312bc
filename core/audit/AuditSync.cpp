#include "AuditSync.h"

#include "signing/Crypto.h"

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
        if (auto changed = m_mirror->pinGatewayKey(*key)) {
            stop();
            return Q_EMIT broken(*changed);
        }
        fetchPage();
    });
}

void AuditSync::fetchPage()
{
    const QString path = u"/v1/audit?after=%1&limit=%2"_s.arg(m_mirror->headSeq()).arg(m_pageSize);
    m_client->get(path, this, [this](const AgentClient::Reply &reply) {
        if (!reply.ok()) {
            stop();
            return Q_EMIT failed(reply.error.message);
        }
        QList<QJsonObject> events;
        const QJsonArray eventArray = reply.body.value(u"events"_s).toArray();
        events.reserve(eventArray.size());
        for (const QJsonValue &value : eventArray)
            events.append(value.toObject());
        QList<AuditChain::Checkpoint> checkpoints;
        for (const QJsonValue &value : reply.body.value(u"checkpoints"_s).toArray()) {
            if (auto checkpoint = AuditChain::Checkpoint::fromJson(value.toObject()))
                checkpoints.append(*checkpoint);
        }
        QString error;
        if (auto breaks = m_mirror->ingest(events, checkpoints, &error)) {
            stop();
            return Q_EMIT broken(*breaks);
        }
        if (!error.isEmpty()) {
            stop();
            return Q_EMIT failed(error);
        }
        const qint64 head = reply.body.value(u"head"_s).toObject().value(u"seq"_s).toInteger();
        Q_EMIT progress(m_mirror->headSeq(), head);
        if (!events.isEmpty() && m_mirror->headSeq() < head)
            return fetchPage();
        stop();
        Q_EMIT upToDate(m_mirror->headSeq());
    });
}

} // namespace cs
