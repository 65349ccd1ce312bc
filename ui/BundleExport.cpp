#include "BundleExport.h"

#include <QDir>
#include <QProgressDialog>
#include <QPromise>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace cs {

BundleExport::BundleExport(QString mirrorPath, AuditFilter filter, QString directory, QWidget *dialogParent)
    : QObject(dialogParent), m_mirrorPath(std::move(mirrorPath)), m_filter(std::move(filter)),
      m_directory(std::move(directory)),
      m_progress(new QProgressDialog(tr("Writing the evidence bundle…"), tr("Cancel"), 0, 100, dialogParent))
{
    m_progress->setObjectName(u"bundleProgress"_s);
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(300);
    connect(m_progress, &QProgressDialog::canceled, &m_watcher, &QFutureWatcher<MirrorBundle::Result>::cancel);
    connect(&m_watcher, &QFutureWatcher<MirrorBundle::Result>::progressValueChanged, m_progress,
            &QProgressDialog::setValue);
    connect(&m_watcher, &QFutureWatcher<MirrorBundle::Result>::finished, this, &BundleExport::done);
}

void BundleExport::start()
{
    const QDir target(m_directory);
    if (target.exists() && !target.isEmpty()) {
        m_progress->close();
        Q_EMIT finished(false, tr("%1 is not empty; choose a new folder for the bundle.").arg(m_directory));
        deleteLater();
        return;
    }
    m_watcher.setFuture(QtConcurrent::run(
        [path = m_mirrorPath, filter = m_filter, directory = m_directory](QPromise<MirrorBundle::Result> &promise) {
            promise.setProgressRange(0, 100);
            promise.addResult(MirrorBundle::write(path, filter, directory, [&promise](int percent) {
                promise.setProgressValue(percent);
                return !promise.isCanceled();
            }));
        }));
}

void BundleExport::done()
{
    const bool haveResult = !m_watcher.isCanceled() && m_watcher.future().resultCount() > 0;
    MirrorBundle::Result result;
    result.outcome = MirrorBundle::Result::Cancelled;
    if (haveResult)
        result = m_watcher.result();
    if (result.outcome != MirrorBundle::Result::Written)
        QDir(m_directory).removeRecursively(); // no half bundle that looks whole
    if (m_progress) {
        m_progress->disconnect(this);
        m_progress->disconnect(&m_watcher);
        m_progress->close();
    }
    Q_EMIT finished(result.outcome == MirrorBundle::Result::Written, describe(result));
    deleteLater();
}

QString BundleExport::describe(const MirrorBundle::Result &result) const
{
    switch (result.outcome) {
    case MirrorBundle::Result::Written: {
        QString text = tr("Wrote an evidence bundle of %n matching event(s) to %1 (seq %2 to %3, %4 events with "
                          "their chain); check it with countersign-cli audit verify.",
                          nullptr, int(result.selected))
                           .arg(m_directory)
                           .arg(result.firstSeq)
                           .arg(result.lastSeq)
                           .arg(result.events);
        if (result.leftOut > 0)
            text += u' ' + tr("%n later event(s) are not covered by a gateway checkpoint yet and were left out.",
                              nullptr, int(result.leftOut));
        return text;
    }
    case MirrorBundle::Result::Cancelled:
        return tr("Bundle export cancelled.");
    case MirrorBundle::Result::NothingSelected:
        return tr("No event matches the filter: there is nothing to bundle.");
    case MirrorBundle::Result::NotCovered:
        return tr("No gateway checkpoint covers the matching events yet; sync and try again in a minute.");
    case MirrorBundle::Result::Failed:
        break;
    }
    return tr("The bundle could not be written: %1").arg(result.detail);
}

} // namespace cs
