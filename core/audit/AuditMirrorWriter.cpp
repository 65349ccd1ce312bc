#include "AuditMirrorWriter.h"

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

void AuditMirrorWriter::store(const AuditMirror::CheckedPage &checked, int ticket)
{
    QString error;
    if (AuditMirror *target = mirror(&error))
        target->store(checked, &error);
    Q_EMIT stored(ticket, error);
}

void AuditMirrorWriter::optimize()
{
    QString error;
    if (AuditMirror *target = mirror(&error))
        target->optimize();
}

} // namespace cs
