#pragma once

#include "audit/AuditChain.h"
#include "audit/AuditPage.h"
#include "audit/AuditQuery.h"
#include "signing/KeyRecord.h"
#include "util/SqliteStatement.h"

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
    static constexpr int kSchemaVersion = 4;

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

    // A page from /v1/audit, checked against the chain it must continue: how far it is good.
    struct CheckedPage
    {
        AuditPage page;
        QList<QByteArray> contents;                // the content bytes of the events verified, in order
        qint64 validUpTo = 0;                      // the last seq that may be stored
        QString validHash;                         // its hash
        QList<AuditChain::Checkpoint> checkpoints; // the ones verified, up to validUpTo
        std::optional<AuditChain::Break> broken;
    };
    // Checks `page` as the continuation of the chain at `seq`/`hash` (the head, or the last page
    // checked): the chain, and the checkpoints' signatures and heads. Writes nothing.
    CheckedPage check(AuditPage page, qint64 seq, const QString &hash) const;
    // Stores what `checked` found good, and records its break. False, with `error`, when the
    // database refuses; nothing of the page is stored then.
    bool store(const CheckedPage &checked, QString *error);
    // Reads the head again, after another connection (AuditMirrorWriter's) has stored pages.
    void reload();
    QString path() const { return m_path; }
    QString connectionName() const { return m_connectionName; }

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

    // An event as /v1/audit served it, from the stored content bytes (`body`) and `hash` columns
    // (AuditExport::storedEventLine() and AuditChain::eventText() give its canonical text).
    static QJsonObject eventJson(const QByteArray &content, const QString &hash);
    // Up to `limit` events matching `filter` before `beforeSeq`, newest first (keyset paging: the
    // next page starts before the last row's seq). A malformed full-text query matches nothing.
    QList<AuditRow> rows(const AuditFilter &filter, qint64 beforeSeq, int limit) const;
    // An action's story: its events in seq order, or the one event `seq` when it has no action.
    QList<QJsonObject> story(const QString &actionId, qint64 seq) const;

    // Re-walks the whole stored chain: finds a local edit to the mirror's own database.
    std::optional<AuditChain::Break> verifyStored() const;
    // The same through a connection of its own, on any thread; `error` when the file cannot be
    // opened at all.
    static std::optional<AuditChain::Break> verifyFile(const QString &path, QString *error);

private:
    bool storeEvent(const Jcs::View::Value &event, const QByteArray &content, QString *error);
    void recordBreak(const AuditChain::Break &broken);
    // The hash of event `seq`, from `page` or the stored events.
    QString hashAt(const AuditPage &page, qint64 seq) const;
    QString meta(const QString &key) const;
    bool setMeta(const QString &key, const QString &value);

    QString m_connectionName;
    QString m_path;
    QSqlDatabase m_db;
    // What every stored event runs (SqliteStatement: no QVariant or UTF-16 copy per value).
    SqliteStatement m_insertEvent;
    SqliteStatement m_upsertAction;
    SqliteStatement m_insertText;
    SqliteStatement m_resolveAction;
    qint64 m_headSeq = 0;
    QString m_headHash;
};

} // namespace cs
