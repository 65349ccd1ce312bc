#pragma once

#include "audit/AuditMirror.h"

#include <QObject>

#include <memory>

namespace cs {

// Stores checked pages into an AuditMirror's file from a thread of its own, through a connection
// of its own (SQLite in WAL mode lets the console's connection read meanwhile). AuditSync checks
// a page on its thread and hands it here, so checking the next page, the network and the gateway
// work while this one is written, and the window never waits for the disk.
// Lives on the thread it is moved to; call its slots with queued invocations only.
class AuditMirrorWriter : public QObject
{
    Q_OBJECT
public:
    AuditMirrorWriter(QString path, QString connectionName);
    ~AuditMirrorWriter() override;

    // Stores `checked`; answers with stored(), echoing `ticket`.
    void store(const cs::AuditMirror::CheckedPage &checked, int ticket);
    void optimize();

Q_SIGNALS:
    // `error` is empty when the page is stored.
    void stored(int ticket, const QString &error);

private:
    AuditMirror *mirror(QString *error);

    QString m_path;
    QString m_connectionName;
    std::unique_ptr<AuditMirror> m_mirror; // opened on first use, on the writer's thread
};

} // namespace cs
