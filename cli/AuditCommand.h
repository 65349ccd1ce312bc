#pragma once

#include "CliContext.h"
#include "audit/AuditExport.h"
#include "client/AgentClient.h"

#include <QNetworkAccessManager>
#include <QObject>

namespace cs {

// `countersign-cli audit export --after SEQ --format csv|jsonl|bundle [--out PATH]`: pages through
// GET /v1/audit and writes the events; a bundle also holds the checkpoints and keys to check them.
// `countersign-cli audit verify BUNDLE` (offline) checks a bundle and names the first problem.
class AuditCommand : public QObject
{
    Q_OBJECT
public:
    explicit AuditCommand(QObject *parent = nullptr);

    bool parse(const QStringList &arguments);
    void run();

    static int verify(const QStringList &arguments);

private:
    void fetchPage(qint64 after);
    void fetchKeysAndWrite();
    void write();
    void fail(const QString &message);

    CliContext m_context;
    qint64 m_after = 0;
    QString m_format;
    QString m_out;
    QNetworkAccessManager m_network;
    AgentClient m_client;
    AuditExport::Bundle m_bundle;
};

} // namespace cs
