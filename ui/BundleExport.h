#pragma once

#include "audit/MirrorBundle.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>

class QProgressDialog;
class QWidget;

namespace cs {

// One evidence bundle written from the audit mirror off the UI thread (MirrorBundle::write on the
// thread pool), with a progress dialog whose Cancel stops it. Deletes itself when done, after
// finished(), whose message says what was written or why not.
class BundleExport : public QObject
{
    Q_OBJECT
public:
    BundleExport(QString mirrorPath, AuditFilter filter, QString directory, QWidget *dialogParent);
    void start();

Q_SIGNALS:
    void finished(bool ok, const QString &message);

private:
    void done();
    QString describe(const MirrorBundle::Result &result) const;

    QString m_mirrorPath;
    AuditFilter m_filter;
    QString m_directory;
    QPointer<QProgressDialog> m_progress;
    QFutureWatcher<MirrorBundle::Result> m_watcher;
};

} // namespace cs
