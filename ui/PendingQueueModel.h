#pragma once

#include "domain/Action.h"
#include "domain/Event.h"
#include "util/Clock.h"

#include <QAbstractTableModel>
#include <QList>

namespace cs {

// The console's pending queue, derived from the feed: a snapshot replaces it, an
// action.requested event adds a row, and an event that resolves an action removes it.
// Rows are kept sorted by urgency (highest first), then by deadline (soonest first).
class PendingQueueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { UrgencyColumn, KindColumn, InitiatorColumn, TargetColumn, TimeLeftColumn, ColumnCount };
    enum Role { ActionIdRole = Qt::UserRole + 1, UrgencyRole };

    explicit PendingQueueModel(const Clock *clock, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void applySnapshot(const QList<Action> &actions);
    void applyEvent(const Event &event);

    const Action *actionAt(int row) const;
    const Action *actionById(const QString &id) const;
    int rowOf(const QString &id) const;

    // Refreshes the time-left column; the console calls it every second.
    void tick();

    static QString formatTimeLeft(qint64 seconds);
    static QString urgencyLabel(Urgency urgency);

private:
    void insertSorted(const Action &action);
    void removeAction(const QString &id);

    const Clock *m_clock;
    QList<Action> m_actions;
};

} // namespace cs
