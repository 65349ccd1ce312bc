#include "AuditExport.h"

#include "json/Jcs.h"
#include "signing/Crypto.h"
#include "signing/DecisionVerifier.h"
#include "wire/ActionCodec.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace cs::AuditExport {

namespace {

const QString kFormat = u"countersign-audit-bundle/1"_s;
const QStringList kColumns{u"seq"_s,           u"time"_s,    u"type"_s,      u"actor"_s,       u"action_id"_s,
                           u"kind"_s,          u"system"_s,  u"resource"_s,  u"environment"_s, u"command"_s,
                           u"justification"_s, u"verdict"_s, u"reason"_s,    u"approver"_s,    u"key_id"_s,
                           u"code"_s,          u"hash"_s,    u"execution"_s, u"exit_code"_s,   u"rule"_s};

// A cell starting with one of these is read as a formula by spreadsheet applications.
constexpr QByteArrayView kFormulaStarts("=+-@\t\r");

// One cell, neutralized and quoted, UTF-8.
void appendCell(QByteArray &row, QByteArrayView cell)
{
    const bool neutralize = !cell.isEmpty() && kFormulaStarts.contains(cell.front());
    const bool quote =
        std::any_of(cell.begin(), cell.end(), [](char c) { return c == ',' || c == '"' || c == '\n' || c == '\r'; });
    if (!row.isEmpty())
        row += ',';
    if (quote)
        row += '"';
    if (neutralize)
        row += '\'';
    if (quote) {
        for (char c : cell) {
            if (c == '"')
                row += '"';
            row += c;
        }
        row += '"';
    } else {
        row += cell;
    }
}

bool writeFile(const QString &path, const QByteArray &content, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit()) {
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

std::optional<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return file.readAll();
}

} // namespace

QString neutralizeCell(const QString &cell)
{
    if (!cell.isEmpty() && cell.front().unicode() < 0x80 && kFormulaStarts.contains(char(cell.front().unicode())))
        return u'\'' + cell;
    return cell;
}

QByteArray csvHeader()
{
    return kColumns.join(u',').toUtf8() + "\r\n";
}

QByteArray csvRow(const Jcs::View::Value &event, QByteArrayView hash)
{
    const auto member = [](const Jcs::View::Value &object, const char *name) {
        return object[QLatin1StringView(name)];
    };
    const Jcs::View::Value payload = member(event, "payload");
    const Jcs::View::Value action = member(payload, "action");
    const Jcs::View::Value target = member(action, "target");
    QByteArray row;
    row.reserve(event.bytes().size());
    QByteArray scratch;
    const auto text = [&](const Jcs::View::Value &object, const char *name) {
        appendCell(row, member(object, name).utf8(&scratch));
    };
    appendCell(row, QByteArray::number(member(event, "seq").toInteger()));
    text(event, "time");
    text(event, "type");
    text(event, "actor");
    text(event, "action_id");
    text(action, "kind");
    text(target, "system");
    text(target, "resource");
    text(target, "environment");
    appendCell(row, ActionCodec::displayCommand(action));
    text(action, "justification");
    text(payload, "verdict");
    text(payload, "reason");
    text(payload, "approver");
    text(payload, "key_id");
    text(payload, "code");
    if (hash.isEmpty())
        text(event, "hash");
    else
        appendCell(row, hash);
    const bool execution = member(event, "type").stringBytes() == "execution.reported";
    appendCell(row, execution ? member(payload, "status").utf8(&scratch) : QByteArrayView());
    appendCell(row, execution ? member(payload, "exit_code").bytes() : QByteArrayView());
    // The policy rule that decided it (allowed, denied by policy) or that it was requested under.
    const Jcs::View::Value rule = member(payload, "rule");
    appendCell(row, (rule.isValid() ? rule : member(member(action, "policy"), "rule")).utf8(&scratch));
    return row + "\r\n";
}

QByteArray csvRow(const QJsonObject &event)
{
    const auto view = Jcs::View::of(event);
    return view ? csvRow(view->root()) : QByteArray();
}

QByteArray jsonLine(const Jcs::View::Value &event)
{
    return event.bytes().toByteArray() + '\n';
}

QByteArray jsonLine(const QJsonObject &event)
{
    const auto view = Jcs::View::of(event);
    return view ? jsonLine(view->root()) : QByteArray();
}

std::optional<QByteArray> storedEventLine(const QByteArray &content, QByteArrayView hash, bool csv)
{
    const auto view = Jcs::View::read(content);
    if (!view)
        return std::nullopt;
    return csv ? csvRow(view->root(), hash) : AuditChain::eventText(view->root(), hash) + '\n';
}

namespace {

qint64 seqOf(const QByteArray &eventText)
{
    const auto view = Jcs::View::read(eventText);
    return view ? view->root()[QLatin1StringView("seq")].toInteger() : 0;
}

} // namespace

qsizetype Bundle::keepCovered()
{
    qint64 covered = 0;
    for (const AuditChain::Checkpoint &checkpoint : std::as_const(checkpoints))
        covered = std::max(covered, checkpoint.seq);
    const qsizetype before = events.size();
    while (!events.isEmpty() && seqOf(events.last()) > covered)
        events.removeLast();
    selected.removeIf([covered](qint64 seq) { return seq > covered; });
    return before - events.size();
}

bool writeBundle(const Bundle &bundle, const QString &directory, QString *error)
{
    if (!QDir().mkpath(directory)) {
        *error = u"cannot create %1"_s.arg(directory);
        return false;
    }
    qsizetype size = 0;
    for (const QByteArray &event : bundle.events)
        size += event.size() + 1;
    QByteArray events;
    events.reserve(size);
    for (const QByteArray &event : bundle.events)
        events.append(event).append('\n');
    QJsonArray checkpoints;
    for (const AuditChain::Checkpoint &checkpoint : bundle.checkpoints)
        checkpoints.append(checkpoint.toJson());
    QJsonArray keys;
    for (const KeyRecord &key : bundle.signerKeys)
        keys.append(key.toJson());
    const QList<std::pair<QString, QByteArray>> files{{u"events.jsonl"_s, events},
                                                      {u"checkpoints.json"_s, QJsonDocument(checkpoints).toJson()},
                                                      {u"gateway.pem"_s, Crypto::pemFromSpki(bundle.gatewayPublicKey)},
                                                      {u"keys.json"_s, QJsonDocument(keys).toJson()}};
    QJsonObject digests;
    const QDir dir(directory);
    for (const auto &[name, content] : files) {
        if (!writeFile(dir.filePath(name), content, error))
            return false;
        digests.insert(name, QString::fromLatin1(Crypto::sha256(content).toHex()));
    }
    QJsonObject manifest{{u"format"_s, kFormat},
                         {u"gateway_id"_s, bundle.gatewayId},
                         {u"fido2_rp_id"_s, bundle.fido2RpId},
                         {u"first_seq"_s, bundle.events.isEmpty() ? 0 : seqOf(bundle.events.first())},
                         {u"last_seq"_s, bundle.events.isEmpty() ? 0 : seqOf(bundle.events.last())},
                         {u"event_count"_s, bundle.events.size()},
                         {u"files"_s, digests}};
    if (!bundle.selected.isEmpty()) {
        QJsonArray selected;
        for (qint64 seq : bundle.selected)
            selected.append(seq);
        manifest.insert(u"selected_seqs"_s, selected);
    }
    return writeFile(dir.filePath(u"manifest.json"_s), QJsonDocument(manifest).toJson(), error);
}

std::optional<Problem> verifyBundle(const QString &directory, QString *summary)
{
    const QDir dir(directory);
    const auto manifestBytes = readFile(dir.filePath(u"manifest.json"_s));
    const QJsonObject manifest = QJsonDocument::fromJson(manifestBytes.value_or(QByteArray())).object();
    if (manifest.value(u"format"_s).toString() != kFormat)
        return Problem{0, u"not_a_bundle"_s, u"%1 holds no Countersign evidence bundle manifest."_s.arg(directory)};
    const QJsonObject digests = manifest.value(u"files"_s).toObject();
    QHash<QString, QByteArray> contents;
    for (auto it = digests.begin(); it != digests.end(); ++it) {
        const auto content = readFile(dir.filePath(it.key()));
        if (!content)
            return Problem{0, u"missing_file"_s, u"The bundle lacks %1."_s.arg(it.key())};
        if (QString::fromLatin1(Crypto::sha256(*content).toHex()) != it.value().toString())
            return Problem{0, u"file_digest_mismatch"_s,
                           u"%1 is not the file the manifest lists (SHA-256 differs)."_s.arg(it.key())};
        contents.insert(it.key(), *content);
    }
    // The events, in file order.
    QList<QJsonObject> events;
    for (const QByteArray &line : contents.value(u"events.jsonl"_s).split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        Jcs::Error error;
        const auto value = Jcs::parse(line, &error);
        if (!value || !value->isObject())
            return Problem{0, u"unreadable_event"_s,
                           u"A line of events.jsonl is not a JSON object: %1"_s.arg(error.message)};
        events.append(value->toObject());
    }
    if (events.isEmpty())
        return Problem{0, u"no_events"_s, u"The bundle holds no events."_s};
    const qint64 firstSeq = events.first().value(u"seq"_s).toInteger();
    if (auto broken = AuditChain::verify(events, firstSeq - 1, events.first().value(u"prev_hash"_s).toString()))
        return Problem{broken->seq, broken->code, broken->message};
    QHash<qint64, QString> hashBySeq;
    for (const QJsonObject &event : events)
        hashBySeq.insert(event.value(u"seq"_s).toInteger(), event.value(u"hash"_s).toString());
    const qint64 lastSeq = events.last().value(u"seq"_s).toInteger();

    // Checkpoints: signed by the gateway, over heads that are in the chain.
    const auto gatewayKey = Crypto::spkiFromPem(contents.value(u"gateway.pem"_s));
    if (!gatewayKey)
        return Problem{0, u"unreadable_key"_s, u"gateway.pem is not a public key."_s};
    qint64 covered = 0;
    for (const QJsonValue &value : QJsonDocument::fromJson(contents.value(u"checkpoints.json"_s)).array()) {
        const auto checkpoint = AuditChain::Checkpoint::fromJson(value.toObject());
        if (!checkpoint)
            return Problem{0, u"unreadable_checkpoint"_s, u"checkpoints.json holds an unreadable checkpoint."_s};
        if (!checkpoint->verifySignature(*gatewayKey)) {
            return Problem{checkpoint->seq, u"checkpoint_signature_invalid"_s,
                           u"The checkpoint at seq %1 is not signed by the gateway's key."_s.arg(checkpoint->seq)};
        }
        if (hashBySeq.contains(checkpoint->seq) && hashBySeq.value(checkpoint->seq) != checkpoint->headHash) {
            return Problem{
                checkpoint->seq, u"checkpoint_mismatch"_s,
                u"The gateway signed a different head at seq %1 than the bundle's event."_s.arg(checkpoint->seq)};
        }
        if (hashBySeq.contains(checkpoint->seq))
            covered = std::max(covered, checkpoint->seq);
    }
    if (covered < lastSeq) {
        return Problem{
            lastSeq, u"not_covered"_s,
            u"No gateway checkpoint covers the events after seq %1, so they could have been rewritten."_s.arg(covered)};
    }

    // Signed decisions inside the events, under the keys the bundle carries.
    QHash<QString, KeyRecord> keys;
    for (const QJsonValue &value : QJsonDocument::fromJson(contents.value(u"keys.json"_s)).array()) {
        WireError error;
        if (auto key = KeyRecord::fromJson(value.toObject(), &error))
            keys.insert(key->id, *key);
    }
    int decisions = 0;
    for (const QJsonObject &event : events) {
        const QJsonObject payload = event.value(u"payload"_s).toObject();
        if (!payload.contains(u"signature"_s))
            continue;
        const qint64 seq = event.value(u"seq"_s).toInteger();
        WireError error;
        const auto submission = DecisionSubmission::fromJson(payload, &error);
        if (!submission)
            return Problem{seq, u"unreadable_decision"_s,
                           u"The decision in event %1 cannot be read: %2"_s.arg(seq).arg(error.message)};
        const auto key = keys.constFind(submission->decision.keyId);
        if (key == keys.cend())
            return Problem{seq, u"unknown_key"_s,
                           u"The bundle lacks key %1 that signed event %2."_s.arg(submission->decision.keyId).arg(seq)};
        if (auto refusal = DecisionVerifier::check(submission->decision, submission->signature, *key,
                                                   manifest.value(u"fido2_rp_id"_s).toString(kDefaultFido2RpId))) {
            return Problem{seq, refusal->code, u"The decision in event %1: %2"_s.arg(seq).arg(refusal->message)};
        }
        ++decisions;
    }
    // The events the bundle was made for, when not all of them.
    const QJsonArray selected = manifest.value(u"selected_seqs"_s).toArray();
    for (const QJsonValue &value : selected) {
        const qint64 seq = value.toInteger();
        if (!hashBySeq.contains(seq))
            return Problem{seq, u"selected_event_missing"_s,
                           u"The manifest names event %1, which the bundle does not hold."_s.arg(seq)};
    }
    *summary = u"%1 events (seq %2 to %3) chain correctly and are covered by the gateway's checkpoint at seq %4; "
               "%5 signed decisions verify."_s.arg(events.size())
                   .arg(firstSeq)
                   .arg(lastSeq)
                   .arg(covered)
                   .arg(decisions);
    if (!selected.isEmpty())
        *summary +=
            u" The bundle was made for %1 of these events (manifest.json, selected_seqs)."_s.arg(selected.size());
    return std::nullopt;
}

} // namespace cs::AuditExport
