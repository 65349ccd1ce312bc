#pragma once

#include "wire/GatewayInfo.h"
#include "audit/AuditChain.h"
#include "signing/KeyRecord.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace cs {

// What the console and `countersign-cli audit export` write, and what `audit verify` checks:
// CSV (safe to open in a spreadsheet), JSON Lines, and evidence bundles (docs/audit.md).
namespace AuditExport {

// --- CSV ---
QByteArray csvHeader();
// One event as a CSV row; cells an application would read as a formula (=, +, -, @, tab, CR at
// the start) are neutralized with a leading apostrophe.
// `hash`, when given, is the hash of an event stored without it (the mirror's content bytes).
QByteArray csvRow(const Jcs::View::Value &event, QByteArrayView hash = {});
QByteArray csvRow(const QJsonObject &event);
QString neutralizeCell(const QString &cell);

// --- JSON Lines: each event in its canonical form, as /v1/audit serves it ---
QByteArray jsonLine(const Jcs::View::Value &event);
QByteArray jsonLine(const QJsonObject &event);

// A stored event (the mirror's content bytes and hash) as a CSV row or a JSON line, its bytes read
// once; nothing when they are not canonical JSON (the mirror's file was edited).
std::optional<QByteArray> storedEventLine(const QByteArray &content, QByteArrayView hash, bool csv);

// --- Evidence bundle: a directory ---
//   manifest.json      {"format","gateway_id","fido2_rp_id","first_seq","last_seq","event_count",
//                       "selected_seqs" (when not every event was asked for),"files":{name: sha256}}
//   events.jsonl       the selected events and every event between them, up to the covering
//                      checkpoint: what it takes to check their chain; one canonical event a line
//   checkpoints.json   the gateway's signed checkpoints over them
//   gateway.pem        the key that signs checkpoints
//   keys.json          the signing keys of the decisions in the events
struct Bundle
{
    QString gatewayId;
    QString fido2RpId = kDefaultFido2RpId;
    QList<QByteArray> events; // canonical event texts, as /v1/audit serves them, in seq order
    QList<qint64> selected;   // the seqs asked for; empty when they are all of `events`
    QList<AuditChain::Checkpoint> checkpoints;
    QByteArray gatewayPublicKey; // SPKI DER
    QList<KeyRecord> signerKeys;

    // Drops the events after the last one a checkpoint covers (they could still be rewritten)
    // and the selected seqs among them. Returns how many events were dropped.
    qsizetype keepCovered();
};

bool writeBundle(const Bundle &bundle, const QString &directory, QString *error);

// The first thing wrong with a bundle, with the seq where there is one.
struct Problem
{
    qint64 seq = 0; // 0: not about one event
    QString code;
    QString message;
};

// Checks the manifest's digests, the chain, every checkpoint's signature and head, that the last
// event is covered by a checkpoint, and every signed decision in the events. `summary` says what
// was checked when all is well.
std::optional<Problem> verifyBundle(const QString &directory, QString *summary);

} // namespace AuditExport
} // namespace cs
