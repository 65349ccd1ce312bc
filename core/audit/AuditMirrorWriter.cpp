#include "AuditMirrorWriter.h"

#include <QElapsedTimer>

namespace cs {

AuditMirrorWriter::AuditMirrorWriter(QString path, QString connectionName)
    : m_path(std::move(path)), m_connectionName(std::move(connectionName))
{
}

AuditMirrorWriter::~AuditMirrorWriter() = default;

AuditMirror *AuditMirrorWriter::mirror(QString *error)
{
    if (!m_mirror) {
        auto mirror = std::make_unique<AuditMirror>(m_connectionName);
        if (!mirror->open(m_path, error))
            return nullptr;
        m_mirror = std::move(mirror);
    }
    // Pages from before another connection's writes (a break recorded, keys stored) start from
    // the head as the file has it now.
    m_mirror->reload();
    return m_mirror.get();
}

void AuditMirrorWriter::take(const QByteArray &text, int ticket)
{
    if (ticket == m_brokenTicket) {
        Q_EMIT read(ticket, 0, 0, {});
        Q_EMIT stored(ticket, {}, 0);
        return;
    }
    QElapsedTimer clock;
    clock.start();
    QString error = tr("The gateway sent an empty audit page.");
    std::optional<AuditPage> page = text.isEmpty() ? std::nullopt : AuditPage::read(text, &error);
    if (!page) {
        Q_EMIT read(ticket, 0, 0, error);
        Q_EMIT stored(ticket, {}, clock.nsecsElapsed());
        return;
    }
    AuditMirror *target = mirror(&error);
    const qint64 head = target ? target->headSeq() : 0;
    Q_EMIT read(ticket, page->headSeq, page->events.empty() ? page->headSeq : page->lastSeq(head), {});
    if (!target) {
        Q_EMIT stored(ticket, error, clock.nsecsElapsed());
        return;
    }
    const AuditMirror::CheckedPage checked = target->check(std::move(*page), head, target->headHash());
    const qint64 checkNs = clock.nsecsElapsed();
    error.clear();
    if (target->store(checked, &error) && checked.broken) {
        m_brokenTicket = ticket;
        Q_EMIT broken(ticket, *checked.broken);
    }
    Q_EMIT stored(ticket, error, checkNs);
}

void AuditMirrorWriter::optimize()
{
    QString error;
    if (AuditMirror *target = mirror(&error))
        target->optimize();
}

} // namespace cs
