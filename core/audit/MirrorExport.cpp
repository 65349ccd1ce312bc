#include "MirrorExport.h"

#include "audit/AuditExport.h"
#include "audit/AuditMirror.h"

#include <QSaveFile>
#include <QSqlQuery>

#include <atomic>

using namespace Qt::StringLiterals;

namespace cs::MirrorExport {

Result write(const QString &mirrorPath, const AuditFilter &filter, bool csv, const QString &outputPath,
             const Progress &progress, int slice)
{
    static std::atomic<int> connections = 0;
    AuditMirror mirror(u"countersign-export-%1"_s.arg(++connections));
    Result result;
    if (!mirror.open(mirrorPath, &result.detail))
        return result;
    // QSaveFile: the file appears only when it is whole; a cancelled or failed export leaves none.
    QSaveFile file(outputPath);
    if (!file.open(QIODevice::WriteOnly)) {
        result.detail = file.errorString();
        return result;
    }
    if (csv)
        file.write(AuditExport::csvHeader());
    qint64 after = 0;
    for (;;) {
        QVariantList binds;
        QSqlQuery query(mirror.database());
        query.setForwardOnly(true);
        query.prepare(AuditQuery::exportSql(filter, &binds));
        for (const QVariant &value : std::as_const(binds))
            query.addBindValue(value);
        query.addBindValue(after);
        query.addBindValue(slice);
        if (!query.exec()) {
            result.detail = u"the filter cannot be read"_s;
            file.cancelWriting();
            return result;
        }
        int rows = 0;
        while (query.next()) {
            const auto line =
                AuditExport::storedEventLine(query.value(1).toByteArray(), query.value(2).toByteArray(), csv);
            if (!line) { // the mirror's file was edited: export nothing rather than a silent gap
                result.outcome = Result::Unreadable;
                result.badSeq = query.value(0).toLongLong();
                file.cancelWriting();
                return result;
            }
            file.write(*line);
            after = query.value(0).toLongLong();
            ++rows;
        }
        result.written += rows;
        if (progress && !progress(result.written)) {
            result.outcome = Result::Cancelled;
            file.cancelWriting();
            return result;
        }
        if (rows < slice)
            break;
    }
    if (!file.commit()) {
        result.detail = file.errorString();
        return result;
    }
    result.outcome = Result::Written;
    return result;
}

} // namespace cs::MirrorExport
