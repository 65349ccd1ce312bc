#include "MainWindow.h"

#include "ActionReviewPane.h"
#include "PendingQueueModel.h"
#include "QueueView.h"
#include "ShortcutsDialog.h"

#include <QAction>
#include <QCloseEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cs {

MainWindow::MainWindow(PendingQueueModel *queue, QWidget *parent)
    : QMainWindow(parent), m_queue(queue), m_proxy(new QSortFilterProxyModel(this)), m_filter(new QLineEdit(this)),
      m_queueView(new QueueView(this)), m_review(new ActionReviewPane(this)), m_connection(new QLabel(this)),
      m_pending(new QLabel(this)), m_identity(new QLabel(this))
{
    setObjectName(u"mainWindow"_s);

    m_proxy->setSourceModel(m_queue);
    m_proxy->setFilterRole(PendingQueueModel::SearchTextRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setObjectName(u"queueFilter"_s);
    m_filter->setPlaceholderText(tr("Filter by kind, initiator, target or command (/)"));
    m_filter->setAccessibleName(tr("Filter the queue"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    // Down or Enter in the filter goes to the (filtered) queue.
    connect(m_filter, &QLineEdit::returnPressed, m_queueView,
            [this] { m_queueView->setFocus(Qt::ShortcutFocusReason); });

    m_queueView->setObjectName(u"queueView"_s);
    m_queueView->setAccessibleName(tr("Pending actions"));
    // When the reviewed row goes away, do not slide the selection onto a neighbour: the approver
    // must pick the next action deliberately. QAbstractItemView moves the current index in its own
    // rowsAboutToBeRemoved handler, so this one is connected before setModel() to run first.
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this](const QModelIndex &, int first, int last) {
        const int selected = m_queueView->selectedRow().row();
        if (selected >= first && selected <= last) {
            QSignalBlocker blocker(m_queueView->selectionModel());
            m_queueView->selectionModel()->clear();
        }
    });
    m_queueView->setModel(m_proxy);
    m_queueView->verticalHeader()->hide();
    m_queueView->horizontalHeader()->setStretchLastSection(false);
    m_queueView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_queueView->horizontalHeader()->setSectionResizeMode(PendingQueueModel::TargetColumn, QHeaderView::Stretch);
    m_queueView->setAlternatingRowColors(true);
    m_queueView->setColumnHidden(PendingQueueModel::GatewayColumn, true);
    connect(m_queueView, &QueueView::reviewRequested, m_review, &ActionReviewPane::focusCommand);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_queueView);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(m_review);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({620, 660});
    setCentralWidget(splitter);
    setTabOrder(m_filter, m_queueView);
    setTabOrder(m_queueView, m_review);

    m_connection->setObjectName(u"connectionLabel"_s);
    m_pending->setObjectName(u"pendingLabel"_s);
    m_identity->setObjectName(u"identityLabel"_s);
    statusBar()->addWidget(m_connection, 1);
    statusBar()->addPermanentWidget(m_pending);
    statusBar()->addPermanentWidget(m_identity);

    buildMenus();
    connect(m_queueView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onSelectionChanged);
    resize(1280, 760);
}

void MainWindow::buildMenus()
{
    const auto add = [this](QMenu *menu, const QString &text, const QString &name, const QKeySequence &keys,
                            auto receiver, auto slot) {
        QAction *action = menu->addAction(text);
        action->setObjectName(name);
        if (!keys.isEmpty()) {
            action->setShortcut(keys);
            action->setToolTip(u"%1 (%2)"_s.arg(QString(text).remove(u'&'), keys.toString(QKeySequence::NativeText)));
        }
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, receiver, slot);
        return action;
    };
    QMenu *file = menuBar()->addMenu(tr("&File"));
    add(file, tr("&Audit log…"), u"auditLogAction"_s, QKeySequence(Qt::CTRL | Qt::Key_L), this,
        &MainWindow::auditLogRequested);
    add(file, tr("&Signing key…"), u"signingKeyAction"_s, {}, this, &MainWindow::signingKeyRequested);
    add(file, tr("S&ettings…"), u"settingsAction"_s, QKeySequence(Qt::CTRL | Qt::Key_Comma), this,
        &MainWindow::settingsRequested);
    file->addSeparator();
    add(file, tr("&Quit"), u"quitAction"_s, QKeySequence::Quit, this, &MainWindow::quitRequested);

    QMenu *action = menuBar()->addMenu(tr("&Action"));
    add(action, tr("&Next in queue"), u"nextAction"_s, QKeySequence(Qt::Key_J), m_queueView, [this] {
        const int row = m_queueView->selectedRow().isValid() ? m_queueView->selectedRow().row() + 1 : 0;
        m_queueView->selectRow(std::min(row, m_proxy->rowCount() - 1));
        m_queueView->setFocus(Qt::ShortcutFocusReason);
    });
    add(action, tr("&Previous in queue"), u"previousAction"_s, QKeySequence(Qt::Key_K), m_queueView, [this] {
        const int row = m_queueView->selectedRow().isValid() ? m_queueView->selectedRow().row() - 1 : 0;
        m_queueView->selectRow(std::max(row, 0));
        m_queueView->setFocus(Qt::ShortcutFocusReason);
    });
    add(action, tr("&Review the command"), u"reviewAction"_s, {}, m_review, &ActionReviewPane::focusCommand);
    action->addSeparator();
    add(action, tr("&Approve…"), u"approveAction"_s, QKeySequence(Qt::Key_A), m_review,
        &ActionReviewPane::approveFromKeyboard);
    add(action, tr("&Deny…"), u"denyAction"_s, QKeySequence(Qt::Key_D), m_review, &ActionReviewPane::denyFromKeyboard);
    action->addSeparator();
    add(action, tr("&Filter the queue"), u"filterAction"_s, QKeySequence(Qt::Key_Slash), this,
        &MainWindow::focusFilter);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *shortcuts = add(help, tr("&Keyboard shortcuts"), u"shortcutsAction"_s, QKeySequence(Qt::Key_F1), this,
                             &MainWindow::showShortcuts);
    shortcuts->setShortcuts({QKeySequence(Qt::Key_F1), QKeySequence(Qt::Key_Question)});
}

void MainWindow::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void MainWindow::showShortcuts()
{
    auto *sheet = findChild<ShortcutsDialog *>();
    if (!sheet) {
        sheet = new ShortcutsDialog(menuBar()->actions(), this);
        sheet->setAttribute(Qt::WA_DeleteOnClose);
    }
    sheet->open();
}

void MainWindow::onSelectionChanged()
{
    const QModelIndex selected = m_queueView->selectedRow();
    if (!selected.isValid())
        return Q_EMIT actionSelected({}, {});
    Q_EMIT actionSelected(selected.data(PendingQueueModel::GatewayRole).toString(),
                          selected.data(PendingQueueModel::ActionIdRole).toString());
}

bool MainWindow::selectAction(const QString &gateway, const QString &actionId)
{
    const int sourceRow = m_queue->rowOf(actionId, gateway);
    if (sourceRow < 0)
        return false;
    QModelIndex index = m_proxy->mapFromSource(m_queue->index(sourceRow, 0));
    if (!index.isValid()) {
        m_filter->clear(); // filtered out: show it anyway, the approver asked for it
        index = m_proxy->mapFromSource(m_queue->index(sourceRow, 0));
    }
    m_queueView->selectRow(index.row());
    return true;
}

void MainWindow::setGatewayColumnVisible(bool visible)
{
    m_queueView->setColumnHidden(PendingQueueModel::GatewayColumn, !visible);
}

void MainWindow::setConnectionText(const QString &text)
{
    m_connection->setText(text);
}

void MainWindow::setIdentityText(const QString &text)
{
    m_identity->setText(text);
}

void MainWindow::setPendingText(const QString &text)
{
    m_pending->setText(text);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_closesToTray) {
        hide();
        event->ignore();
        Q_EMIT hiddenToTray();
        return;
    }
    QMainWindow::closeEvent(event);
}

} // namespace cs
