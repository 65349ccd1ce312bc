#pragma once

#include <QMainWindow>

class QLabel;
class QTableView;

namespace cs {

class ActionReviewPane;
class PendingQueueModel;

// The console's window: the pending queue on the left, the review pane on the right, the
// connection state in the status bar. It only shows; the ConsoleController decides.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(PendingQueueModel *queue, QWidget *parent = nullptr);

    ActionReviewPane *reviewPane() const { return m_review; }
    QTableView *queueView() const { return m_queueView; }

    void setConnectionText(const QString &text);
    void setIdentityText(const QString &text);

Q_SIGNALS:
    // The approver picked a row; empty when the selection was cleared.
    void actionSelected(const QString &actionId);
    // File > Signing key…
    void signingKeyRequested();
    // File > Audit log…
    void auditLogRequested();

private:
    void onCurrentRowChanged(const QModelIndex &current);

    PendingQueueModel *m_queue;
    QTableView *m_queueView;
    ActionReviewPane *m_review;
    QLabel *m_connection;
    QLabel *m_identity;
};

} // namespace cs
