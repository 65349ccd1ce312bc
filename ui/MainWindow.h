#pragma once

#include <QMainWindow>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;

namespace cs {

class ActionReviewPane;
class PendingQueueModel;
class QueueView;

// The console's window: a filter box and the merged pending queue on the left, the review pane on
// the right, each gateway's connection and the pending count in the status bar, and every command
// in a menu with its shortcut (J/K, Enter, A, D, /, Ctrl+L, Ctrl+,, F1). The pane follows the
// selection only: a current index nobody selected shows nothing. It only shows; the Console decides.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(PendingQueueModel *queue, QWidget *parent = nullptr);

    ActionReviewPane *reviewPane() const { return m_review; }
    QueueView *queueView() const { return m_queueView; }
    QLineEdit *filterEdit() const { return m_filter; }
    QSortFilterProxyModel *filteredQueue() const { return m_proxy; }

    void setConnectionText(const QString &text);
    void setIdentityText(const QString &text);
    void setPendingText(const QString &text);
    // More than one gateway: show the gateway column.
    void setGatewayColumnVisible(bool visible);
    // Selects the row of that action (a notification's Review, a countersign:// link).
    bool selectAction(const QString &gateway, const QString &actionId);
    // With a tray, closing the window hides it; without one, closing quits.
    void setClosesToTray(bool closesToTray) { m_closesToTray = closesToTray; }
    void showShortcuts();

Q_SIGNALS:
    // The approver selected a row; both empty when the selection was cleared.
    void actionSelected(const QString &gateway, const QString &actionId);
    void signingKeyRequested();
    void auditLogRequested();
    void settingsRequested();
    void quitRequested();
    // The window was closed into the tray.
    void hiddenToTray();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void onSelectionChanged();
    void focusFilter();

    PendingQueueModel *m_queue;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QueueView *m_queueView;
    ActionReviewPane *m_review;
    QLabel *m_connection;
    QLabel *m_pending;
    QLabel *m_identity;
    bool m_closesToTray = false;
};

} // namespace cs
