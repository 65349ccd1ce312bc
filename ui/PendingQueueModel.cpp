#include "PendingQueueModel.h"

#include "wire/ActionCodec.h"

#include <QBrush>
#include <QColor>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

bool comesBefore(const Action &a, const Action &b)
{
    if (a.request.urgency != b.request.urgency)
        return a.request.urgency > b.request.urgency;
    if (a.expiresAt != b.expiresAt)
        return a.expiresAt < b.expiresAt;
    return a.id < b.id;
}

} // namespace

PendingQueueModel::PendingQueueModel(const Clock *clock, QObject *parent) : QAbstractTableModel(parent), m_clock(clock)
{
}

int PendingQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_actions.size());
}

int PendingQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString PendingQueueModel::formatTimeLeft(qint64 seconds)
{
    if (seconds <= 0)
        return tr("expired");
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString PendingQueueModel::urgencyLabel(Urgency urgency)
{
    switch (urgency) {
    case Urgency::Low:
        return tr("Low");
    case Urgency::Normal:
        return tr("Normal");
    case Urgency::High:
        return tr("High");
    case Urgency::Critical:
        return tr("Critical");
    }
    return {};
}

QVariant PendingQueueModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_actions.size())
        return {};
    const Action &action = m_actions.at(index.row());
    if (role == ActionIdRole)
        return action.id;
    if (role == UrgencyRole)
        return int(action.request.urgency);
    if (role == Qt::ForegroundRole && index.column() == UrgencyColumn && action.request.urgency >= Urgency::High)
        return QBrush(action.request.urgency == Urgency::Critical ? QColor(0xc6, 0x28, 0x28)
                                                                  : QColor(0xd8, 0x6c, 0x00));
    if (role == Qt::ToolTipRole && index.column() == TargetColumn)
        return action.displayCommand();
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case UrgencyColumn:
        return urgencyLabel(action.request.urgency);
    case KindColumn:
        return action.request.kind;
    case InitiatorColumn:
        return action.request.onBehalfOf.isEmpty() ? action.initiator
                                                   : tr("%1 for %2").arg(action.initiator, action.request.onBehalfOf);
    case TargetColumn:
        return u"%1 / %2 (%3)"_s.arg(action.request.target.system, action.request.target.resource,
                                     action.request.target.environment);
    case TimeLeftColumn:
        return formatTimeLeft(m_clock->now().secsTo(action.expiresAt));
    default:
        return {};
    }
}

QVariant PendingQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case UrgencyColumn:
        return tr("Urgency");
    case KindColumn:
        return tr("Kind");
    case InitiatorColumn:
        return tr("Initiator");
    case TargetColumn:
        return tr("Target");
    case TimeLeftColumn:
        return tr("Time left");
    default:
        return {};
    }
}

void PendingQueueModel::applySnapshot(const QList<Action> &actions)
{
    beginResetModel();
    m_actions.clear();
    for (const Action &action : actions) {
        if (action.isPending())
            m_actions.append(action);
    }
    std::sort(m_actions.begin(), m_actions.end(), comesBefore);
    endResetModel();
}

void PendingQueueModel::applyEvent(const Event &event)
{
    if (event.type == EventType::ActionRequested) {
        WireError error;
        const auto action = ActionCodec::actionFromJson(event.payload.value(u"action"_s).toObject(), &error);
        if (action && rowOf(action->id) < 0)
            insertSorted(*action);
    } else if (EventType::resolvesAction(event.type)) {
        removeAction(event.actionId);
    }
}

void PendingQueueModel::insertSorted(const Action &action)
{
    const auto at = std::lower_bound(m_actions.cbegin(), m_actions.cend(), action, comesBefore);
    const int row = int(at - m_actions.cbegin());
    beginInsertRows({}, row, row);
    m_actions.insert(row, action);
    endInsertRows();
}

void PendingQueueModel::removeAction(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_actions.removeAt(row);
    endRemoveRows();
}

const Action *PendingQueueModel::actionAt(int row) const
{
    return (row >= 0 && row < m_actions.size()) ? &m_actions.at(row) : nullptr;
}

const Action *PendingQueueModel::actionById(const QString &id) const
{
    return actionAt(rowOf(id));
}

int PendingQueueModel::rowOf(const QString &id) const
{
    for (int row = 0; row < m_actions.size(); ++row) {
        if (m_actions.at(row).id == id)
            return row;
    }
    return -1;
}

void PendingQueueModel::tick()
{
    if (!m_actions.isEmpty())
        Q_EMIT dataChanged(index(0, TimeLeftColumn), index(rowCount() - 1, TimeLeftColumn), {Qt::DisplayRole});
}

} // namespace cs
