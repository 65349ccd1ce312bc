#include "MirrorBundle.h"

#include "audit/AuditExport.h"
#include "audit/AuditMirror.h"

#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

#include <atomic>

using namespace Qt::StringLiterals;

namespace cs::MirrorBundle {

namespace {

QList<qint64> selectedSeqs(const QSqlDatabase &db, const AuditFilter &filter, QString *error)
{
    QVariantList binds;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(AuditQuery::seqSql(filter, &binds));
    for (const QVariant &value : std::as_const(binds))
        query.addBindValue(value);
    QList<qint64> seqs;
    if (!query.exec()) {
        *error = u"the filter cannot be read"_s;
        return seqs;
    }
    while (query.next())
        seqs.append(query.value(0).toLongLong());
    return seqs;
}

} // namespace

Result write(const QString &mirrorPath, const AuditFilter &filter, const QString &directory, const Progress &progress)
{
    static std::atomic<int> connections = 0;
    AuditMirror mirror(u"countersign-bundle-%1"_s.arg(++connections));
    Result result;
    if (!mirror.open(mirrorPath, &result.detail))
        return result;
    const QSqlDatabase db = mirror.database();
    QList<qint64> selected = selectedSeqs(db, filter, &result.detail);
    if (!result.detail.isEmpty())
        return result;
    if (selected.isEmpty()) {
        result.outcome = Result::NothingSelected;
        return result;
    }

    // The bundle ends at the first checkpoint at or after the last selected event; events after
    // the newest checkpoint could still be rewritten and are left out.
    QSqlQuery query(db);
    query.prepare(u"SELECT COALESCE((SELECT MIN(seq) FROM checkpoints WHERE seq >= ?),"
                  " (SELECT MAX(seq) FROM checkpoints), 0)"_s);
    query.addBindValue(selected.last());
    const qint64 last = query.exec() && query.next() ? query.value(0).toLongLong() : 0;
    const qint64 first = selected.first();
    const qsizetype before = selected.size();
    selected.removeIf([last](qint64 seq) { return seq > last; });
    result.leftOut = before - selected.size();
    if (selected.isEmpty()) {
        result.outcome = Result::NotCovered;
        return result;
    }

    AuditExport::Bundle bundle;
    bundle.fido2RpId = mirror.fido2RpId();
    bundle.gatewayPublicKey = mirror.gatewayKey();
    if (selected.size() < last - first + 1)
        bundle.selected = selected;
    QSet<QString> keyIds;
    QSqlQuery rows(db);
    rows.setForwardOnly(true);
    rows.prepare(u"SELECT seq, body, hash FROM events WHERE seq >= ? AND seq <= ? ORDER BY seq"_s);
    rows.addBindValue(first);
    rows.addBindValue(last);
    if (!rows.exec()) {
        result.detail = u"the events cannot be read"_s;
        return result;
    }
    while (rows.next()) {
        const auto content = Jcs::View::read(rows.value(1).toByteArray());
        if (!content) { // the mirror's file was edited: no bundle rather than one with a gap
            result.detail = u"event %1 in the local copy cannot be read"_s.arg(rows.value(0).toLongLong());
            return result;
        }
        const QString keyId = content->root()[QLatin1StringView("payload")][QLatin1StringView("key_id")].toString();
        if (!keyId.isEmpty())
            keyIds.insert(keyId);
        bundle.events.append(AuditChain::eventText(content->root(), rows.value(2).toByteArray()));
        if (bundle.events.size() % 5000 == 0 &&
            !progress(int(90 * bundle.events.size() / std::max<qint64>(1, last - first + 1)))) {
            result.outcome = Result::Cancelled;
            return result;
        }
    }
    QSqlQuery checkpoints(db);
    checkpoints.prepare(u"SELECT body FROM checkpoints WHERE seq >= ? AND seq <= ? ORDER BY seq"_s);
    checkpoints.addBindValue(first);
    checkpoints.addBindValue(last);
    checkpoints.exec();
    while (checkpoints.next()) {
        if (auto checkpoint =
                AuditChain::Checkpoint::fromJson(QJsonDocument::fromJson(checkpoints.value(0).toByteArray()).object()))
            bundle.checkpoints.append(*checkpoint);
    }
    if (!bundle.checkpoints.isEmpty())
        bundle.gatewayId = bundle.checkpoints.first().gatewayId;
    for (const QString &id : std::as_const(keyIds)) {
        if (auto key = mirror.key(id))
            bundle.signerKeys.append(*key);
    }
    if (!progress(95)) {
        result.outcome = Result::Cancelled;
        return result;
    }
    if (!AuditExport::writeBundle(bundle, directory, &result.detail))
        return result;
    progress(100);
    result.outcome = Result::Written;
    result.selected = selected.size();
    result.events = bundle.events.size();
    result.firstSeq = first;
    result.lastSeq = last;
    return result;
}

} // namespace cs::MirrorBundle
