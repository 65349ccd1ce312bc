#include "QueueView.h"

#include "WindowShortcuts.h"

#include <QKeyEvent>

namespace cs {

QueueView::QueueView(QWidget *parent) : QTableView(parent)
{
    setTabKeyNavigation(false);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
}

QModelIndex QueueView::selectedRow() const
{
    const QModelIndexList rows = selectionModel() ? selectionModel()->selectedRows() : QModelIndexList();
    return rows.isEmpty() ? QModelIndex() : rows.first();
}

void QueueView::selectRow(int row)
{
    if (!model() || row < 0 || row >= model()->rowCount())
        return;
    const QModelIndex index = model()->index(row, 0);
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(index);
}

bool QueueView::event(QEvent *event)
{
    return leavePrintableKeysToWindowShortcuts(event) || QTableView::event(event);
}

void QueueView::keyPressEvent(QKeyEvent *event)
{
    int key = event->key();
    if (event->modifiers() == Qt::NoModifier || event->modifiers() == Qt::KeypadModifier) {
        if (key == Qt::Key_J)
            key = Qt::Key_Down;
        else if (key == Qt::Key_K)
            key = Qt::Key_Up;
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            if (selectedRow().isValid())
                Q_EMIT reviewRequested();
            event->accept();
            return;
        }
        if (key == Qt::Key_Down || key == Qt::Key_Up) {
            if (!selectedRow().isValid()) {
                selectRow(currentIndex().isValid() ? currentIndex().row() : 0);
            } else {
                const int step = key == Qt::Key_Down ? 1 : -1;
                selectRow(std::clamp(selectedRow().row() + step, 0, model()->rowCount() - 1));
            }
            event->accept();
            return;
        }
    }
    QTableView::keyPressEvent(event);
}

} // namespace cs
