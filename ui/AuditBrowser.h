#pragma once

#include "audit/AuditMirror.h"
#include "audit/AuditQuery.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressDialog;
class QTableView;

namespace cs {

class AuditTableModel;

// The audit browser: the local mirror's events with filters (time range, event type, initiator,
// approver, verdict, system, environment) and full-text search over command and justification;
// the selected action's whole story as a timeline; CSV and JSON Lines export of what matches,
// in slices on the event loop with a progress dialog that can cancel, and evidence bundles of it
// (BundleExport, off the UI thread). A break in the mirror is
// shown above everything, with its seq. Works offline: it reads only the mirror.
class AuditBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit AuditBrowser(AuditMirror *mirror, QWidget *parent = nullptr);
    ~AuditBrowser() override;

    AuditFilter filter() const;
    AuditTableModel *model() const { return m_model; }
    // Re-reads the mirror (after a sync) and shows its state.
    void refresh(const QString &syncState = {});
    // Writes the matching events to `path` as "csv" or "jsonl"; exportFinished() follows.
    void exportTo(const QString &path, const QString &format);
    // Writes an evidence bundle of the matching events into the new folder `directory`, off the
    // UI thread; exportFinished() follows.
    void exportBundleTo(const QString &directory);
    // Walks the whole local copy's chain again, off the UI thread, to find an edit made to the
    // mirror's own file; verified() follows, and a red banner when it does not verify.
    void verifyMirror();

Q_SIGNALS:
    void exportFinished(bool ok, const QString &message);
    void verified(bool ok, const QString &message);

private:
    void applyFilter();
    void showTimeline(const QModelIndex &index);
    void chooseExport(const QString &format);
    void chooseBundle();
    void finishExport(bool ok, const QString &message);

    AuditMirror *m_mirror;
    AuditTableModel *m_model;
    QLabel *m_breakBanner;
    QLabel *m_state;
    QComboBox *m_type;
    QComboBox *m_verdict;
    QLineEdit *m_text;
    QLineEdit *m_system;
    QLineEdit *m_environment;
    QLineEdit *m_initiator;
    QLineEdit *m_approver;
    QCheckBox *m_timeRange;
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
    QTableView *m_table;
    QPlainTextEdit *m_timeline;
    QTimer m_filterDelay;

    // The export in progress
    QPointer<QObject> m_exportWatcher; // the running CSV/JSON Lines export, on the thread pool
};

} // namespace cs
