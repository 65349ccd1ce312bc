#pragma once

#include "audit/AuditMirror.h"

#include <QObject>

#include <memory>

namespace cs {

// Reads, checks and stores the pages of an AuditSync into an AuditMirror's file, from a thread of
// its own and through a connection of its own (SQLite in WAL mode lets the console's connection
// read meanwhile). Pages arrive in log order; each is checked against the chain as stored by the
// one before it, so the window's thread only fetches: it never parses, hashes or waits for the
// disk. Lives on the thread it is moved to; call its slots with queued invocations only.
class AuditMirrorWriter : public QObject
{
    Q_OBJECT
public:
    AuditMirrorWriter(QString path, QString connectionName);
    ~AuditMirrorWriter() override;

    // Takes the text of one GET /v1/audit page of sync `ticket`: answers with read() once it is
    // parsed (so the next page can be asked for), then with stored(). After a break, the pages of
    // the same ticket still queued are answered without being looked at.
    void take(const QByteArray &text, int ticket);
    void optimize();

Q_SIGNALS:
    // `error` says why the page could not be read; else the gateway's head and the page's last seq.
    void read(int ticket, qint64 gatewayHead, qint64 lastSeq, const QString &error);
    // The chain breaks in the page: what comes before the break is stored, the break recorded.
    void broken(int ticket, const cs::AuditChain::Break &broken);
    // `error` is empty when what the page holds of the chain is stored; `checkNs` is the time it
    // took to read and check it.
    void stored(int ticket, const QString &error, qint64 checkNs);

private:
    AuditMirror *mirror(QString *error);

    QString m_path;
    QString m_connectionName;
    std::unique_ptr<AuditMirror> m_mirror; // opened on first use, on the writer's thread
    int m_brokenTicket = -1;
};

} // namespace cs
