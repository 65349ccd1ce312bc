#include "AuditMirror.h"

#include "util/Log.h"
#include "util/Sqlite.h"
#include "wire/ActionCodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

// kSchema[N] brings the mirror from version N to N+1.
const QList<QStringList> kSchema = {
    {
        u"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
        u"CREATE TABLE events (seq INTEGER PRIMARY KEY, time TEXT NOT NULL, type TEXT NOT NULL, actor TEXT NOT NULL,"
        " action_id TEXT, body TEXT NOT NULL, hash TEXT NOT NULL)"_s,
        u"CREATE INDEX events_by_time ON events(time)"_s,
        u"CREATE INDEX events_by_action ON events(action_id)"_s,
        u"CREATE INDEX events_by_type ON events(type, time)"_s,
        u"CREATE INDEX events_by_actor ON events(actor, seq)"_s,
        u"CREATE TABLE actions (id TEXT PRIMARY KEY, kind TEXT, system TEXT, environment TEXT, initiator TEXT,"
        " on_behalf_of TEXT, command TEXT, justification TEXT, status TEXT, approver TEXT, verdict TEXT)"_s,
        u"CREATE INDEX actions_by_target ON actions(system, environment)"_s,
        u"CREATE VIRTUAL TABLE action_text USING fts5(command, justification, action_id UNINDEXED)"_s,
        u"CREATE TABLE checkpoints (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)"_s,
    },
    {
        // The approvers' keys, so the browser can check each signed decision itself.
        u"CREATE TABLE keys (id TEXT PRIMARY KEY, body TEXT NOT NULL)"_s,
    }};

QString sqlError(const QSqlQuery &query)
{
    return query.lastError().text();
}

} // namespace

AuditMirror::AuditMirror(QString connectionName) : m_connectionName(std::move(connectionName))
{
}

AuditMirror::~AuditMirror()
{
    m_insertEvent = QSqlQuery();
    m_upsertAction = QSqlQuery();
    m_insertText = QSqlQuery();
    m_resolveAction = QSqlQuery();
    Sqlite::close(m_db, m_connectionName);
}

bool AuditMirror::open(const QString &path, QString *error)
{
    // NORMAL, not FULL: the mirror is a copy the gateway can always resend.
    m_db = Sqlite::open(
        m_connectionName, path,
        {u"PRAGMA journal_mode = WAL"_s, u"PRAGMA synchronous = NORMAL"_s, u"PRAGMA busy_timeout = 5000"_s}, error);
    if (!m_db.isOpen())
        return false;
    if (!migrate(error))
        return false;
    m_insertEvent = QSqlQuery(m_db);
    m_upsertAction = QSqlQuery(m_db);
    m_insertText = QSqlQuery(m_db);
    m_resolveAction = QSqlQuery(m_db);
    if (!m_resolveAction.prepare(u"UPDATE actions SET status = ?, approver = ?, verdict = ? WHERE id = ?"_s) ||
        !m_insertEvent.prepare(u"INSERT INTO events (seq, time, type, actor, action_id, body, hash)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?)"_s) ||
        !m_upsertAction.prepare(
            u"INSERT OR REPLACE INTO actions (id, kind, system, environment, initiator,"
            " on_behalf_of, command, justification, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')"_s) ||
        !m_insertText.prepare(u"INSERT INTO action_text (command, justification, action_id) VALUES (?, ?, ?)"_s)) {
        *error = m_db.lastError().text();
        return false;
    }
    m_headSeq = meta(u"head_seq"_s).toLongLong();
    m_headHash = meta(u"head_hash"_s);
    if (m_headHash.isEmpty())
        m_headHash = AuditChain::kGenesisHash;
    return true;
}

bool AuditMirror::migrate(QString *error)
{
    QSqlQuery query(m_db);
    query.exec(u"PRAGMA user_version"_s);
    const int version = query.next() ? query.value(0).toInt() : 0;
    if (version == kSchemaVersion)
        return true;
    if (version > kSchemaVersion) {
        *error = u"the audit mirror has schema version %1, newer than this console's"_s.arg(version);
        return false;
    }
    m_db.transaction();
    for (int step = version; step < kSchemaVersion; ++step) {
        for (const QString &statement : kSchema.at(step)) {
            if (!query.exec(statement)) {
                *error = u"cannot create the audit mirror: %1"_s.arg(sqlError(query));
                m_db.rollback();
                return false;
            }
        }
    }
    query.exec(u"PRAGMA user_version = %1"_s.arg(kSchemaVersion));
    return m_db.commit();
}

QString AuditMirror::meta(const QString &key) const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT value FROM meta WHERE key = ?"_s);
    query.addBindValue(key);
    return query.exec() && query.next() ? query.value(0).toString() : QString();
}

bool AuditMirror::setMeta(const QString &key, const QString &value)
{
    QSqlQuery query(m_db);
    query.prepare(u"INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"_s);
    query.addBindValue(key);
    query.addBindValue(value);
    return query.exec();
}

qint64 AuditMirror::eventCount() const
{
    QSqlQuery query(u"SELECT COUNT(*) FROM events"_s, m_db);
    return query.next() ? query.value(0).toLongLong() : 0;
}

qint64 AuditMirror::coveredSeq() const
{
    QSqlQuery query(u"SELECT COALESCE(MAX(seq), 0) FROM checkpoints"_s, m_db);
    return query.next() ? query.value(0).toLongLong() : 0;
}

QByteArray AuditMirror::gatewayKey() const
{
    return QByteArray::fromBase64(meta(u"gateway_key"_s).toLatin1());
}

std::optional<AuditChain::Break> AuditMirror::pinGatewayKey(const QByteArray &publicKey)
{
    const QByteArray pinned = gatewayKey();
    if (pinned.isEmpty()) {
        setMeta(u"gateway_key"_s, QString::fromLatin1(publicKey.toBase64()));
        return std::nullopt;
    }
    if (pinned == publicKey)
        return std::nullopt;
    const AuditChain::Break broken{m_headSeq + 1, u"gateway_key_changed"_s,
                                   u"The gateway now signs checkpoints with another key than the one this mirror "
                                   "was made with."_s};
    recordBreak(broken);
    return broken;
}

std::optional<AuditChain::Break> AuditMirror::storedBreak() const
{
    const QString code = meta(u"break_code"_s);
    if (code.isEmpty())
        return std::nullopt;
    return AuditChain::Break{meta(u"break_seq"_s).toLongLong(), code, meta(u"break_message"_s)};
}

void AuditMirror::recordBreak(const AuditChain::Break &broken)
{
    qCCritical(lcStore) << "audit mirror: the log breaks at seq" << broken.seq << broken.code << broken.message;
    setMeta(u"break_seq"_s, QString::number(broken.seq));
    setMeta(u"break_code"_s, broken.code);
    setMeta(u"break_message"_s, broken.message);
}

bool AuditMirror::storeEvent(const QJsonObject &event, const QByteArray &content, QString *error)
{
    const qint64 seq = event.value(u"seq"_s).toInteger();
    const QString type = event.value(u"type"_s).toString();
    const QString actionId = event.value(u"action_id"_s).toString();
    m_insertEvent.bindValue(0, seq);
    m_insertEvent.bindValue(1, event.value(u"time"_s).toString());
    m_insertEvent.bindValue(2, type);
    m_insertEvent.bindValue(3, event.value(u"actor"_s).toString());
    m_insertEvent.bindValue(4, actionId.isEmpty() ? QVariant() : QVariant(actionId));
    m_insertEvent.bindValue(5, content); // the JCS bytes the hash covers: checked again without parsing
    m_insertEvent.bindValue(6, event.value(u"hash"_s).toString());
    if (!m_insertEvent.exec()) {
        *error = sqlError(m_insertEvent);
        return false;
    }
    const QJsonObject payload = event.value(u"payload"_s).toObject();
    if (type == EventType::ActionRequested) {
        const QJsonObject action = payload.value(u"action"_s).toObject();
        const QJsonObject target = action.value(u"target"_s).toObject();
        const QString command = ActionCodec::displayCommand(action);
        const QString justification = action.value(u"justification"_s).toString();
        m_upsertAction.bindValue(0, actionId);
        m_upsertAction.bindValue(1, action.value(u"kind"_s).toString());
        m_upsertAction.bindValue(2, target.value(u"system"_s).toString());
        m_upsertAction.bindValue(3, target.value(u"environment"_s).toString());
        m_upsertAction.bindValue(4, action.value(u"initiator"_s).toString());
        m_upsertAction.bindValue(5, action.value(u"on_behalf_of"_s).toString());
        m_upsertAction.bindValue(6, command);
        m_upsertAction.bindValue(7, justification);
        m_insertText.bindValue(0, command);
        m_insertText.bindValue(1, justification);
        m_insertText.bindValue(2, actionId);
        if (!m_upsertAction.exec() || !m_insertText.exec()) {
            *error = m_upsertAction.lastError().isValid() ? sqlError(m_upsertAction) : sqlError(m_insertText);
            return false;
        }
    } else if (EventType::resolvesAction(type)) {
        m_resolveAction.bindValue(0, type.section(u'.', 1));
        m_resolveAction.bindValue(1, payload.value(u"approver"_s).toString());
        m_resolveAction.bindValue(2, payload.value(u"verdict"_s).toString());
        m_resolveAction.bindValue(3, actionId);
        if (!m_resolveAction.exec()) {
            *error = sqlError(m_resolveAction);
            return false;
        }
    }
    return true;
}

std::optional<AuditChain::Break> AuditMirror::ingest(const QList<QJsonObject> &events,
                                                     const QList<AuditChain::Checkpoint> &checkpoints, QString *error)
{
    if (auto broken = storedBreak())
        return broken;
    QList<QByteArray> contents;
    std::optional<AuditChain::Break> broken = AuditChain::verify(events, m_headSeq, m_headHash, &contents);
    qint64 validUpTo =
        broken ? broken->seq - 1 : (events.isEmpty() ? m_headSeq : events.last().value(u"seq"_s).toInteger());

    // The checkpoints must be the gateway's and agree with the events they cover.
    QHash<qint64, QString> pageHashes;
    for (const QJsonObject &event : events)
        pageHashes.insert(event.value(u"seq"_s).toInteger(), event.value(u"hash"_s).toString());
    const QByteArray key = gatewayKey();
    QList<AuditChain::Checkpoint> verified;
    for (const AuditChain::Checkpoint &checkpoint : checkpoints) {
        if (checkpoint.seq > validUpTo)
            continue; // covers events not stored yet; it comes again with them
        std::optional<AuditChain::Break> bad;
        if (!checkpoint.verifySignature(key)) {
            bad = AuditChain::Break{
                checkpoint.seq, u"checkpoint_signature_invalid"_s,
                u"The checkpoint at seq %1 is not signed by the gateway's key."_s.arg(checkpoint.seq)};
        } else {
            QString hash = pageHashes.value(checkpoint.seq);
            if (hash.isEmpty()) {
                QSqlQuery stored(m_db);
                stored.prepare(u"SELECT hash FROM events WHERE seq = ?"_s);
                stored.addBindValue(checkpoint.seq);
                hash = stored.exec() && stored.next() ? stored.value(0).toString() : QString();
            }
            if (hash != checkpoint.headHash) {
                bad = AuditChain::Break{
                    checkpoint.seq, u"checkpoint_mismatch"_s,
                    u"The gateway signed another head at seq %1 than the event the mirror has."_s.arg(checkpoint.seq)};
            }
        }
        if (bad) {
            if (!broken || bad->seq < broken->seq)
                broken = bad;
            validUpTo = std::min(validUpTo, bad->seq - 1);
            continue;
        }
        verified.append(checkpoint);
    }

    m_db.transaction();
    qint64 stored = m_headSeq;
    QString storedHash = m_headHash;
    for (qsizetype i = 0; i < contents.size(); ++i) {
        const QJsonObject &event = events.at(i);
        const qint64 seq = event.value(u"seq"_s).toInteger();
        if (seq > validUpTo)
            break;
        if (!storeEvent(event, contents.at(i), error)) {
            m_db.rollback();
            return std::nullopt;
        }
        stored = seq;
        storedHash = event.value(u"hash"_s).toString();
    }
    QSqlQuery insertCheckpoint(m_db);
    insertCheckpoint.prepare(u"INSERT OR IGNORE INTO checkpoints (seq, body) VALUES (?, ?)"_s);
    for (const AuditChain::Checkpoint &checkpoint : std::as_const(verified)) {
        if (checkpoint.seq > stored)
            continue;
        insertCheckpoint.addBindValue(checkpoint.seq);
        insertCheckpoint.addBindValue(
            QString::fromUtf8(QJsonDocument(checkpoint.toJson()).toJson(QJsonDocument::Compact)));
        insertCheckpoint.exec();
    }
    setMeta(u"head_seq"_s, QString::number(stored));
    setMeta(u"head_hash"_s, storedHash);
    if (!m_db.commit()) {
        *error = m_db.lastError().text();
        m_db.rollback();
        return std::nullopt;
    }
    m_headSeq = stored;
    m_headHash = storedHash;
    if (broken)
        recordBreak(*broken);
    return broken;
}

QString AuditMirror::fido2RpId() const
{
    const QString rpId = meta(u"fido2_rp_id"_s);
    return rpId.isEmpty() ? u"countersign"_s : rpId;
}

void AuditMirror::storeKeys(const QList<KeyRecord> &keys)
{
    QSqlQuery insert(m_db);
    insert.prepare(u"INSERT OR REPLACE INTO keys (id, body) VALUES (?, ?)"_s);
    for (const KeyRecord &key : keys) {
        insert.addBindValue(key.id);
        insert.addBindValue(QString::fromUtf8(QJsonDocument(key.toJson()).toJson(QJsonDocument::Compact)));
        insert.exec();
    }
}

std::optional<KeyRecord> AuditMirror::key(const QString &id) const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT body FROM keys WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    WireError error;
    return KeyRecord::fromJson(QJsonDocument::fromJson(query.value(0).toByteArray()).object(), &error);
}

void AuditMirror::optimize()
{
    // Fresh statistics let SQLite pick the index a filter needs (a week of one event type, the
    // actions of one system); they are renewed when the log has grown by a quarter.
    const qint64 analyzedAt = meta(u"analyzed_at_seq"_s).toLongLong();
    if (m_headSeq < 1000 || m_headSeq < analyzedAt + analyzedAt / 4)
        return;
    QSqlQuery(u"ANALYZE"_s, m_db);
    setMeta(u"analyzed_at_seq"_s, QString::number(m_headSeq));
}

QJsonObject AuditMirror::eventJson(const QByteArray &content, const QString &hash)
{
    QJsonObject event = QJsonDocument::fromJson(content).object();
    event.insert(u"hash"_s, hash);
    return event;
}

std::optional<AuditChain::Break> AuditMirror::verifyStored() const
{
    constexpr int kChunk = 20000;
    qint64 previousSeq = 0;
    QString previousHash = AuditChain::kGenesisHash;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT body, hash FROM events WHERE seq > ? ORDER BY seq LIMIT ?"_s);
    for (;;) {
        query.addBindValue(previousSeq);
        query.addBindValue(kChunk);
        if (!query.exec())
            return AuditChain::Break{previousSeq + 1, u"unreadable_event"_s, sqlError(query)};
        QList<AuditChain::StoredEvent> chunk;
        while (query.next())
            chunk.append({query.value(0).toByteArray(), query.value(1).toString()});
        if (auto broken = AuditChain::verifyStored(chunk, previousSeq, previousHash))
            return broken;
        if (!chunk.isEmpty()) {
            previousSeq += chunk.size();
            previousHash = chunk.last().hash;
        }
        if (chunk.size() < kChunk)
            break;
    }
    // Events cut off the end leave a chain that is whole but short of the head that was synced.
    if (previousSeq != m_headSeq || previousHash != m_headHash) {
        return AuditChain::Break{
            previousSeq + 1, u"missing_event"_s,
            u"The mirror's events end at seq %1, but it had synced up to seq %2."_s.arg(previousSeq).arg(m_headSeq)};
    }
    return std::nullopt;
}

} // namespace cs
