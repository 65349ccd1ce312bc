#pragma once

#include <QTableView>

namespace cs {

// The pending queue's table, for the keyboard: J/K and the arrows move by row, Enter asks for the
// review pane, and Tab leaves the table instead of walking its cells. With no row selected (after
// a dialog closed, or the reviewed row went away) the first move selects the row the focus frame
// is on, the first row when there is none, instead of jumping past it.
class QueueView : public QTableView
{
    Q_OBJECT
public:
    explicit QueueView(QWidget *parent = nullptr);

    // The selected row's index in column 0, or an invalid index: the only row the pane shows.
    QModelIndex selectedRow() const;
    void selectRow(int row);

Q_SIGNALS:
    void reviewRequested();

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
};

} // namespace cs
