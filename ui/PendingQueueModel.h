#pragma once

#include "domain/Action.h"
#include "domain/Event.h"
#include "util/Clock.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSet>

namespace cs {

// The console's one pending queue, merged from every gateway's feed: a gateway's snapshot replaces
// that gateway's rows, an action.requested event adds a row, and an event that resolves an action
// removes it. Rows are sorted by urgency (highest first), then by deadline (soonest first). The
// rows of a gateway whose feed is down are stale: shown, marked, and not to be decided until the
// feed confirms them again. A gateway is named by the console (its label, e.g. "prod").
class PendingQueueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        UrgencyColumn,
        GatewayColumn,
        KindColumn,
        InitiatorColumn,
        TargetColumn,
        EnvironmentColumn,
        TimeLeftColumn,
        ColumnCount
    };
    enum Role { ActionIdRole = Qt::UserRole + 1, UrgencyRole, GatewayRole, StaleRole, SearchTextRole };

    explicit PendingQueueModel(const Clock *clock, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // `gateway` empty: the console has one gateway.
    void applySnapshot(const QList<Action> &actions, const QString &gateway = {});
    void applyEvent(const Event &event, const QString &gateway = {});
    void setStale(const QString &gateway, bool stale);
    bool isStale(const QString &gateway) const { return m_staleGateways.contains(gateway); }

    const Action *actionAt(int row) const;
    QString gatewayAt(int row) const;
    // An empty `gateway` matches an action of that id on any gateway.
    const Action *actionById(const QString &id, const QString &gateway = {}) const;
    int rowOf(const QString &id, const QString &gateway = {}) const;

    // What the tray and the title say: how many wait, and the most urgent of them (row 0).
    int pendingCount() const { return int(m_rows.size()); }
    int countAtLeast(Urgency urgency) const;

    // Refreshes the time-left column; the console calls it every second.
    void tick();

    static QString formatTimeLeft(qint64 seconds);
    static QString urgencyLabel(Urgency urgency);

Q_SIGNALS:
    // A row that was not in the queue before: from an event, or from a snapshot after a reconnect.
    void actionArrived(const QString &gateway, const cs::Action &action);
    // A row left the queue (decided, expired, cancelled, or gone from a fresh snapshot).
    void actionLeft(const QString &gateway, const QString &actionId);
    void countsChanged();
    // A pending row's approvals changed (a quorum's approval, or its withdrawal).
    void approvalsChanged(const QString &gateway, const cs::Action &action);

private:
    struct Row
    {
        QString gateway;
        Action action;
    };
    void insertSorted(const QString &gateway, const Action &action);
    void removeRow(int row);

    const Clock *m_clock;
    QList<Row> m_rows;
    QSet<QString> m_staleGateways;
};

} // namespace cs
