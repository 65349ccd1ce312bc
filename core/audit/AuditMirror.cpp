#include "AuditMirror.h"

#include "MirrorSchema.h"
#include "wire/GatewayInfo.h"

#include "util/Log.h"
#include "util/Sqlite.h"
#include "wire/ActionCodec.h"

#include <QFuture>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QtConcurrent>

#include <atomic>
#include <deque>

using namespace Qt::StringLiterals;

namespace cs {

AuditMirror::AuditMirror(QString connectionName) : m_connectionName(std::move(connectionName))
{
}

AuditMirror::~AuditMirror()
{
    m_insertEvent.finalize();
    m_upsertAction.finalize();
    m_insertText.finalize();
    m_resolveAction.finalize();
    Sqlite::close(m_db, m_connectionName);
}

bool AuditMirror::open(const QString &path, QString *error)
{
    // NORMAL, not FULL: the mirror is a copy the gateway can always resend.
    m_db = Sqlite::open(m_connectionName, path,
                        {u"PRAGMA journal_mode = WAL"_s, u"PRAGMA synchronous = NORMAL"_s,
                         u"PRAGMA busy_timeout = 5000"_s, u"PRAGMA cache_size = -32768"_s},
                        error);
    if (!m_db.isOpen())
        return false;
    if (!MirrorSchema::migrate(m_db, kSchemaVersion, error))
        return false;
    if (!m_resolveAction.prepare(m_db, "UPDATE actions SET status = ?, approver = ?, verdict = ? WHERE id = ?",
                                 error) ||
        !m_insertEvent.prepare(m_db,
                               "INSERT INTO events (seq, time, type, actor, action_id, body, hash)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?)",
                               error) ||
        !m_upsertAction.prepare(m_db,
                                "INSERT OR REPLACE INTO actions (id, kind, system, environment, initiator,"
                                " on_behalf_of, command, justification, resource, status)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')",
                                error) ||
        !m_insertText.prepare(m_db, "INSERT INTO action_text (command, justification, action_id) VALUES (?, ?, ?)",
                              error))
        return false;
    m_path = path;
    reload();
    return true;
}

QList<AuditRow> AuditMirror::rows(const AuditFilter &filter, qint64 beforeSeq, int limit) const
{
    QVariantList binds;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(AuditQuery::pageSql(filter, &binds));
    for (const QVariant &value : std::as_const(binds))
        query.addBindValue(value);
    query.addBindValue(beforeSeq);
    query.addBindValue(limit);
    QList<AuditRow> rows;
    if (!query.exec())
        return rows;
    while (query.next()) {
        rows.append({query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
                     query.value(3).toString(), query.value(4).toString(), query.value(5).toString(),
                     query.value(6).toString(), query.value(7).toString(), query.value(10).toString(),
                     query.value(8).toString(), query.value(9).toString()});
    }
    return rows;
}

QList<QJsonObject> AuditMirror::story(const QString &actionId, qint64 seq) const
{
    QSqlQuery query(m_db);
    if (actionId.isEmpty()) {
        query.prepare(u"SELECT body, hash FROM events WHERE seq = ?"_s);
        query.addBindValue(seq);
    } else {
        query.prepare(u"SELECT body, hash FROM events WHERE action_id = ? ORDER BY seq"_s);
        query.addBindValue(actionId);
    }
    QList<QJsonObject> events;
    if (query.exec()) {
        while (query.next())
            events.append(eventJson(query.value(0).toByteArray(), query.value(1).toString()));
    }
    return events;
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

namespace {

// The UTF-8 text of string members, for binding: slices of the page, or decoded copies kept here
// until the statement has run.
class Texts
{
public:
    QByteArrayView of(const Jcs::View::Value &object, const char *name)
    {
        return object[QLatin1StringView(name)].utf8(&m_scratch.emplace_back());
    }
    QByteArrayView command(const Jcs::View::Value &action)
    {
        return m_scratch.emplace_back(ActionCodec::displayCommand(action));
    }

private:
    std::deque<QByteArray> m_scratch; // a deque: growing it moves no buffer already handed out
};

} // namespace

bool AuditMirror::storeEvent(const Jcs::View::Value &event, const QByteArray &content, QString *error)
{
    Texts texts;
    const QByteArrayView type = texts.of(event, "type");
    const QByteArrayView actionId = texts.of(event, "action_id");
    m_insertEvent.bindInteger(1, event[QLatin1StringView("seq")].toInteger());
    m_insertEvent.bindText(2, texts.of(event, "time"));
    m_insertEvent.bindText(3, type);
    m_insertEvent.bindText(4, texts.of(event, "actor"));
    if (actionId.isEmpty())
        m_insertEvent.bindNull(5);
    else
        m_insertEvent.bindText(5, actionId);
    m_insertEvent.bindBlob(6, content); // the JCS bytes the hash covers: checked again without parsing
    m_insertEvent.bindText(7, texts.of(event, "hash"));
    if (!m_insertEvent.exec(error))
        return false;
    const Jcs::View::Value payload = event[QLatin1StringView("payload")];
    const QString typeName = QString::fromUtf8(type);
    if (EventType::carriesAction(typeName)) {
        const Jcs::View::Value action = payload[QLatin1StringView("action")];
        const Jcs::View::Value target = action[QLatin1StringView("target")];
        const QByteArrayView command = texts.command(action);
        const QByteArrayView justification = texts.of(action, "justification");
        m_upsertAction.bindText(1, actionId);
        m_upsertAction.bindText(2, texts.of(action, "kind"));
        m_upsertAction.bindText(3, texts.of(target, "system"));
        m_upsertAction.bindText(4, texts.of(target, "environment"));
        m_upsertAction.bindText(5, texts.of(action, "initiator"));
        m_upsertAction.bindText(6, texts.of(action, "on_behalf_of"));
        m_upsertAction.bindText(7, command);
        m_upsertAction.bindText(8, justification);
        m_upsertAction.bindText(9, texts.of(target, "resource"));
        m_insertText.bindText(1, command);
        m_insertText.bindText(2, justification);
        m_insertText.bindText(3, actionId);
        if (!m_upsertAction.exec(error) || !m_insertText.exec(error))
            return false;
        if (typeName == EventType::ActionRequested)
            return true;
    }
    if (EventType::resolvesAction(typeName)) {
        m_resolveAction.bindText(1, type.sliced(type.indexOf('.') + 1));
        m_resolveAction.bindText(2, texts.of(payload, "approver"));
        m_resolveAction.bindText(3, texts.of(payload, "verdict"));
        m_resolveAction.bindText(4, actionId);
        return m_resolveAction.exec(error);
    }
    return true;
}

AuditMirror::CheckedPage AuditMirror::check(AuditPage page, qint64 seq, const QString &hash) const
{
    CheckedPage checked;
    checked.page = std::move(page);
    checked.validUpTo = seq;
    checked.validHash = hash;
    if ((checked.broken = storedBreak()))
        return checked;
    const std::vector<Jcs::View::Value> &events = checked.page.events;
    checked.broken = AuditChain::verify(events, seq, hash, &checked.contents);
    qint64 validUpTo = seq + checked.contents.size();

    // The checkpoints must be the gateway's and agree with the events they cover.
    const QByteArray key = gatewayKey();
    for (const AuditChain::Checkpoint &checkpoint : std::as_const(checked.page.checkpoints)) {
        if (checkpoint.seq > validUpTo)
            continue; // covers events not stored yet; it comes again with them
        std::optional<AuditChain::Break> bad;
        if (!checkpoint.verifySignature(key)) {
            bad = AuditChain::Break{
                checkpoint.seq, u"checkpoint_signature_invalid"_s,
                u"The checkpoint at seq %1 is not signed by the gateway's key."_s.arg(checkpoint.seq)};
        } else if ((checkpoint.seq == seq ? hash : hashAt(checked.page, checkpoint.seq)) != checkpoint.headHash) {
            bad = AuditChain::Break{
                checkpoint.seq, u"checkpoint_mismatch"_s,
                u"The gateway signed another head at seq %1 than the event the mirror has."_s.arg(checkpoint.seq)};
        }
        if (bad) {
            if (!checked.broken || bad->seq < checked.broken->seq)
                checked.broken = bad;
            validUpTo = std::max(seq, std::min(validUpTo, bad->seq - 1)); // what is stored stays
            continue;
        }
        checked.checkpoints.append(checkpoint);
    }
    checked.contents.resize(validUpTo - seq);
    checked.validUpTo = validUpTo;
    if (validUpTo > seq)
        checked.validHash = events.at(size_t(validUpTo - seq - 1))[QLatin1StringView("hash")].toString();
    return checked;
}

bool AuditMirror::store(const CheckedPage &checked, QString *error)
{
    const qint64 first = checked.validUpTo - checked.contents.size() + 1;
    if (!checked.contents.isEmpty() && first != m_headSeq + 1) {
        *error = u"the page checked after seq %1 does not continue the mirror's head, seq %2"_s.arg(first - 1).arg(
            m_headSeq);
        return false;
    }
    m_db.transaction();
    for (qsizetype i = 0; i < checked.contents.size(); ++i) {
        if (!storeEvent(checked.page.events.at(size_t(i)), checked.contents.at(i), error)) {
            m_db.rollback();
            return false;
        }
    }
    QSqlQuery insertCheckpoint(m_db);
    insertCheckpoint.prepare(u"INSERT OR IGNORE INTO checkpoints (seq, body) VALUES (?, ?)"_s);
    for (const AuditChain::Checkpoint &checkpoint : checked.checkpoints) {
        insertCheckpoint.addBindValue(checkpoint.seq);
        insertCheckpoint.addBindValue(
            QString::fromUtf8(QJsonDocument(checkpoint.toJson()).toJson(QJsonDocument::Compact)));
        insertCheckpoint.exec();
    }
    setMeta(u"head_seq"_s, QString::number(checked.validUpTo));
    setMeta(u"head_hash"_s, checked.validHash);
    if (!m_db.commit()) {
        *error = m_db.lastError().text();
        m_db.rollback();
        return false;
    }
    m_headSeq = checked.validUpTo;
    m_headHash = checked.validHash;
    if (checked.broken)
        recordBreak(*checked.broken);
    return true;
}

void AuditMirror::reload()
{
    m_headSeq = meta(u"head_seq"_s).toLongLong();
    m_headHash = meta(u"head_hash"_s);
    if (m_headHash.isEmpty())
        m_headHash = AuditChain::kGenesisHash;
}

QString AuditMirror::hashAt(const AuditPage &page, qint64 seq) const
{
    // In the page (seqs run on from the page's first), or stored before it.
    if (!page.events.empty()) {
        const qint64 first = page.events.front()[QLatin1StringView("seq")].toInteger();
        const qint64 index = seq - first;
        if (index >= 0 && index < qint64(page.events.size())) {
            const Jcs::View::Value &event = page.events.at(size_t(index));
            if (event[QLatin1StringView("seq")].toInteger() == seq)
                return event[QLatin1StringView("hash")].toString();
        }
    }
    QSqlQuery stored(m_db);
    stored.prepare(u"SELECT hash FROM events WHERE seq = ?"_s);
    stored.addBindValue(seq);
    return stored.exec() && stored.next() ? stored.value(0).toString() : QString();
}

QString AuditMirror::fido2RpId() const
{
    const QString rpId = meta(u"fido2_rp_id"_s);
    return rpId.isEmpty() ? kDefaultFido2RpId : rpId;
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
    QSqlQuery analyze(m_db);
    analyze.exec(u"ANALYZE"_s);
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
    // Reading rows and hashing them take about as long as each other, so they overlap: this
    // thread reads the next slice while a pool thread checks the last one (slices in order, one at
    // a time, so the chain is walked exactly as it is stored).
    constexpr int kSlice = 8192;
    struct Slice
    {
        QByteArray bytes; // the rows' content and hash, one after the other: one allocation
        std::vector<std::pair<qsizetype, qsizetype>> rows; // where each content ends, and its hash
    };
    AuditChain::StoredChain chain(0, AuditChain::kGenesisHash);
    const auto check = [&chain](const Slice &slice) -> std::optional<AuditChain::Break> {
        const QByteArrayView bytes(slice.bytes);
        qsizetype at = 0;
        for (const auto &[contentEnd, hashEnd] : slice.rows) {
            if (auto broken =
                    chain.add(bytes.sliced(at, contentEnd - at), bytes.sliced(contentEnd, hashEnd - contentEnd)))
                return broken;
            at = hashEnd;
        }
        return std::nullopt;
    };
    SqliteStatement statement;
    QString error;
    if (!statement.prepare(m_db, "SELECT body, hash FROM events ORDER BY seq", &error))
        return AuditChain::Break{1, u"unreadable_event"_s, error};
    QFuture<std::optional<AuditChain::Break>> checking;
    bool more = true;
    while (more) {
        Slice slice;
        slice.bytes.reserve(kSlice * 768);
        slice.rows.reserve(kSlice);
        while (slice.rows.size() < kSlice && (more = statement.next())) {
            slice.bytes.append(statement.columnBytes(0));
            const qsizetype contentEnd = slice.bytes.size();
            slice.bytes.append(statement.columnBytes(1));
            slice.rows.emplace_back(contentEnd, slice.bytes.size());
        }
        if (checking.isValid()) {
            if (auto broken = checking.result())
                return broken;
        }
        checking = QtConcurrent::run([check, slice = std::move(slice)] { return check(slice); });
    }
    if (auto broken = checking.result())
        return broken;
    if (!statement.error().isEmpty())
        return AuditChain::Break{chain.seq() + 1, u"unreadable_event"_s, statement.error()};
    // Events cut off the end leave a chain that is whole but short of the head that was synced.
    if (chain.seq() != m_headSeq || chain.hash() != m_headHash) {
        return AuditChain::Break{
            chain.seq() + 1, u"missing_event"_s,
            u"The mirror's events end at seq %1, but it had synced up to seq %2."_s.arg(chain.seq()).arg(m_headSeq)};
    }
    return std::nullopt;
}

std::optional<AuditChain::Break> AuditMirror::verifyFile(const QString &path, QString *error)
{
    static std::atomic<int> connections = 0;
    AuditMirror mirror(u"countersign-verify-%1"_s.arg(++connections));
    if (!mirror.open(path, error))
        return std::nullopt;
    return mirror.verifyStored();
}

} // namespace cs
