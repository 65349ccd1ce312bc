#pragma once

#include "audit/AuditChain.h"
#include "signing/KeyRecord.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <optional>

namespace cs {

// The console's local copy of the gateway's audit log: a SQLite database (WAL) that stores the
// events as received, after checking them. A page is stored only as far as it continues the
// stored chain and agrees with the gateway's signed checkpoints; a break is kept, with its seq,
// and every later sync refuses to go past it. The mirror works offline: the browser reads it
// without a gateway. Actions are summarized in their own table (with full-text search over command
// and justification, SQLite FTS5) so the browser can filter events by what they concern.
class AuditMirror
{
public:
    static constexpr int kSchemaVersion = 2;

    explicit AuditMirror(QString connectionName = QStringLiteral("countersign-mirror"));
    ~AuditMirror();
    AuditMirror(const AuditMirror &) = delete;
    AuditMirror &operator=(const AuditMirror &) = delete;

    bool open(const QString &path, QString *error);
    QSqlDatabase database() const { return m_db; }

    qint64 headSeq() const { return m_headSeq; }
    QString headHash() const { return m_headHash; }
    qint64 eventCount() const;
    // The seq of the last checkpoint the mirror has verified against its events.
    qint64 coveredSeq() const;

    // The gateway's checkpoint key, pinned at the first sync; a gateway that later signs with
    // another key is a break (gateway_key_changed).
    QByteArray gatewayKey() const;
    std::optional<AuditChain::Break> pinGatewayKey(const QByteArray &publicKey);

    // Checks and stores one page from /v1/audit. Returns the break, if the page has one; the
    // events before it are stored.
    std::optional<AuditChain::Break> ingest(const QList<QJsonObject> &events,
                                            const QList<AuditChain::Checkpoint> &checkpoints, QString *error);

    // The break found by an earlier sync, if any: shown loudly until the mirror is rebuilt.
    std::optional<AuditChain::Break> storedBreak() const;

    // The relying party id FIDO2 decisions of this gateway are signed for.
    void setFido2RpId(const QString &rpId) { setMeta(QStringLiteral("fido2_rp_id"), rpId); }
    QString fido2RpId() const;

    // The approvers' keys as the gateway lists them (GET /v1/keys), for checking decisions.
    void storeKeys(const QList<KeyRecord> &keys);
    std::optional<KeyRecord> key(const QString &id) const;

    // Renews the query planner's statistics when the log has grown enough to need it.
    void optimize();

    // An event as /v1/audit served it, from the stored content bytes (`body`) and `hash` columns.
    static QJsonObject eventJson(const QByteArray &content, const QString &hash);

    // Re-walks the whole stored chain: finds a local edit to the mirror's own database.
    std::optional<AuditChain::Break> verifyStored() const;

private:
    bool migrate(QString *error);
    bool storeEvent(const QJsonObject &event, const QByteArray &content, QString *error);
    void recordBreak(const AuditChain::Break &broken);
    QString meta(const QString &key) const;
    bool setMeta(const QString &key, const QString &value);

    QString m_connectionName;
    QSqlDatabase m_db;
    QSqlQuery m_insertEvent;
    QSqlQuery m_upsertAction;
    QSqlQuery m_insertText;
    QSqlQuery m_resolveAction;
    qint64 m_headSeq = 0;
    QString m_headHash;
};

} // namespace cs
