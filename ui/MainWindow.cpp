#include "MainWindow.h"

#include "ActionReviewPane.h"
#include "PendingQueueModel.h"

#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace cs {

MainWindow::MainWindow(PendingQueueModel *queue, QWidget *parent)
    : QMainWindow(parent), m_queue(queue), m_queueView(new QTableView(this)), m_review(new ActionReviewPane(this)),
      m_connection(new QLabel(this)), m_identity(new QLabel(this))
{
    setWindowTitle(tr("Countersign"));
    setObjectName(u"mainWindow"_s);

    m_queueView->setObjectName(u"queueView"_s);
    // When the reviewed row goes away, do not slide the selection onto a neighbour: the approver
    // must pick the next action deliberately. QAbstractItemView moves the current index in its own
    // rowsAboutToBeRemoved handler, so this one is connected before setModel() to run first.
    connect(m_queue, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this](const QModelIndex &, int first, int last) {
        QItemSelectionModel *selection = m_queueView->selectionModel();
        const int current = selection ? selection->currentIndex().row() : -1;
        if (current >= first && current <= last) {
            QSignalBlocker blocker(selection);
            selection->clear();
        }
    });
    m_queueView->setModel(m_queue);
    m_queueView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_queueView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_queueView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_queueView->verticalHeader()->hide();
    m_queueView->horizontalHeader()->setStretchLastSection(false);
    m_queueView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_queueView->horizontalHeader()->setSectionResizeMode(PendingQueueModel::TargetColumn, QHeaderView::Stretch);
    m_queueView->setAlternatingRowColors(true);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_queueView);
    splitter->addWidget(m_review);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({560, 640});
    setCentralWidget(splitter);

    m_connection->setObjectName(u"connectionLabel"_s);
    statusBar()->addWidget(m_connection, 1);
    statusBar()->addPermanentWidget(m_identity);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *signingKey = file->addAction(tr("&Signing key…"), this, &MainWindow::signingKeyRequested);
    signingKey->setObjectName(u"signingKeyAction"_s);
    QAction *auditLog = file->addAction(tr("&Audit log…"), this, &MainWindow::auditLogRequested);
    auditLog->setObjectName(u"auditLogAction"_s);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    connect(m_queueView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::onCurrentRowChanged);
    resize(1200, 720);
}

void MainWindow::onCurrentRowChanged(const QModelIndex &current)
{
    Q_EMIT actionSelected(current.isValid() ? current.data(PendingQueueModel::ActionIdRole).toString() : QString());
}

void MainWindow::setConnectionText(const QString &text)
{
    m_connection->setText(text);
}

void MainWindow::setIdentityText(const QString &text)
{
    m_identity->setText(text);
}

} // namespace cs
