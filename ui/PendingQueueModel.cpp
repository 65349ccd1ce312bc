#include "PendingQueueModel.h"

#include "RiskStyle.h"
#include "domain/CommandDisplay.h"
#include "wire/ActionCodec.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QHash>
#include <QPalette>

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
    return parent.isValid() ? 0 : int(m_rows.size());
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
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const Action &action = row.action;
    const ActionRequest &request = action.request;
    const bool stale = m_staleGateways.contains(row.gateway);
    switch (role) {
    case ActionIdRole:
        return action.id;
    case UrgencyRole:
        return int(request.urgency);
    case GatewayRole:
        return row.gateway;
    case StaleRole:
        return stale;
    case SearchTextRole:
        return QStringList{request.kind,
                           action.initiator,
                           request.onBehalfOf,
                           request.target.system,
                           request.target.resource,
                           request.target.environment,
                           action.displayCommand(),
                           row.gateway}
            .join(u'\n');
    case Qt::DecorationRole:
        if (index.column() == UrgencyColumn)
            return RiskStyle::urgencyIcon(request.urgency, QGuiApplication::palette());
        return {};
    case Qt::ForegroundRole: {
        const QPalette palette = QGuiApplication::palette();
        if (stale)
            return palette.brush(QPalette::PlaceholderText);
        if (index.column() == UrgencyColumn && request.urgency >= Urgency::High)
            return QBrush(RiskStyle::urgencyColor(request.urgency, palette));
        if (index.column() == EnvironmentColumn && RiskStyle::isProduction(request.target.environment))
            return QBrush(RiskStyle::productionColor(palette));
        return {};
    }
    case Qt::FontRole: {
        QFont font;
        font.setItalic(stale);
        font.setBold((index.column() == UrgencyColumn && request.urgency == Urgency::Critical) ||
                     (index.column() == EnvironmentColumn && RiskStyle::isProduction(request.target.environment)));
        return font;
    }
    case Qt::ToolTipRole:
        return CommandDisplay::singleLine(request);
    case Qt::AccessibleTextRole:
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    const auto text = [](const QString &field) { return CommandDisplay::escape(field, false); };
    switch (index.column()) {
    case UrgencyColumn:
        return urgencyLabel(request.urgency);
    case GatewayColumn:
        return stale ? tr("%1 (offline)").arg(row.gateway) : row.gateway;
    case KindColumn:
        return text(request.kind);
    case InitiatorColumn:
        return request.onBehalfOf.isEmpty() ? text(action.initiator)
                                            : tr("%1 for %2").arg(text(action.initiator), text(request.onBehalfOf));
    case TargetColumn:
        return u"%1 / %2"_s.arg(text(request.target.system), text(request.target.resource));
    case EnvironmentColumn:
        return text(request.target.environment);
    case TimeLeftColumn:
        return stale ? tr("stale") : formatTimeLeft(m_clock->now().secsTo(action.expiresAt));
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
    case GatewayColumn:
        return tr("Gateway");
    case KindColumn:
        return tr("Kind");
    case InitiatorColumn:
        return tr("Initiator");
    case TargetColumn:
        return tr("Target");
    case EnvironmentColumn:
        return tr("Environment");
    case TimeLeftColumn:
        return tr("Time left");
    default:
        return {};
    }
}

void PendingQueueModel::applySnapshot(const QList<Action> &actions, const QString &gateway)
{
    const bool wasStale = m_staleGateways.remove(gateway);
    const bool hadRows =
        std::any_of(m_rows.cbegin(), m_rows.cend(), [&](const Row &r) { return r.gateway == gateway; });
    if (!hadRows) {
        // The first snapshot of a gateway (perhaps 10,000 rows): one reset, not one insert each,
        // its rows sorted by their keys (moving whole rows about took 50 ms for 10,000), then
        // merged with the other gateways' rows.
        struct Key
        {
            Urgency urgency;
            qint64 expires;
            qsizetype index;
        };
        std::vector<Key> keys;
        keys.reserve(size_t(actions.size()));
        for (qsizetype i = 0; i < actions.size(); ++i) {
            if (actions.at(i).isPending())
                keys.push_back({actions.at(i).request.urgency, actions.at(i).expiresAt.toMSecsSinceEpoch(), i});
        }
        std::sort(keys.begin(), keys.end(), [&actions](const Key &a, const Key &b) {
            if (a.urgency != b.urgency)
                return a.urgency > b.urgency;
            if (a.expires != b.expires)
                return a.expires < b.expires;
            return actions.at(a.index).id < actions.at(b.index).id;
        });
        beginResetModel();
        const qsizetype others = m_rows.size();
        m_rows.reserve(others + qsizetype(keys.size()));
        for (const Key &key : keys)
            m_rows.append({gateway, actions.at(key.index)});
        std::inplace_merge(m_rows.begin(), m_rows.begin() + others, m_rows.end(),
                           [](const Row &a, const Row &b) { return comesBefore(a.action, b.action); });
        endResetModel();
        for (const Key &key : keys)
            Q_EMIT actionArrived(gateway, actions.at(key.index));
        Q_EMIT countsChanged();
        return;
    }
    QHash<QString, const Action *> fresh;
    fresh.reserve(actions.size());
    for (const Action &action : actions) {
        if (action.isPending())
            fresh.insert(action.id, &action);
    }
    // After a reconnect: rows of this gateway that are gone leave, new ones arrive, the rest stay
    // (and so does the approver's selection).
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (m_rows.at(row).gateway == gateway && !fresh.contains(m_rows.at(row).action.id))
            removeRow(row);
    }
    for (const Action &action : actions) {
        if (action.isPending() && rowOf(action.id, gateway) < 0)
            insertSorted(gateway, action);
    }
    if (wasStale && !m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    Q_EMIT countsChanged();
}

void PendingQueueModel::applyEvent(const Event &event, const QString &gateway)
{
    if (event.type == EventType::ActionRequested) {
        WireError error;
        const auto action = ActionCodec::actionFromJson(event.payload.value(u"action"_s).toObject(), &error);
        if (action && action->isPending() && rowOf(action->id, gateway) < 0) {
            insertSorted(gateway, *action);
            Q_EMIT countsChanged();
        }
    } else if (EventType::resolvesAction(event.type)) {
        const int row = rowOf(event.actionId, gateway);
        if (row >= 0) {
            removeRow(row);
            Q_EMIT countsChanged();
        }
    } else if (EventType::changesApprovals(event.type)) {
        const int row = rowOf(event.actionId, gateway);
        if (row >= 0) {
            Action &action = m_rows[row].action;
            action.approvals = ActionCodec::approvalsFromJson(event.payload.value(u"approvals"_s).toArray());
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            Q_EMIT approvalsChanged(gateway, action);
        }
    }
}

void PendingQueueModel::setStale(const QString &gateway, bool stale)
{
    if (stale == m_staleGateways.contains(gateway))
        return;
    if (stale)
        m_staleGateways.insert(gateway);
    else
        m_staleGateways.remove(gateway);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    Q_EMIT countsChanged();
}

void PendingQueueModel::insertSorted(const QString &gateway, const Action &action)
{
    const auto at = std::lower_bound(m_rows.cbegin(), m_rows.cend(), action,
                                     [](const Row &r, const Action &a) { return comesBefore(r.action, a); });
    const int row = int(at - m_rows.cbegin());
    beginInsertRows({}, row, row);
    m_rows.insert(row, {gateway, action});
    endInsertRows();
    Q_EMIT actionArrived(gateway, action);
}

void PendingQueueModel::removeRow(int row)
{
    const Row gone = m_rows.at(row);
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    Q_EMIT actionLeft(gone.gateway, gone.action.id);
}

const Action *PendingQueueModel::actionAt(int row) const
{
    return (row >= 0 && row < m_rows.size()) ? &m_rows.at(row).action : nullptr;
}

QString PendingQueueModel::gatewayAt(int row) const
{
    return (row >= 0 && row < m_rows.size()) ? m_rows.at(row).gateway : QString();
}

const Action *PendingQueueModel::actionById(const QString &id, const QString &gateway) const
{
    return actionAt(rowOf(id, gateway));
}

int PendingQueueModel::rowOf(const QString &id, const QString &gateway) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        const Row &r = m_rows.at(row);
        if (r.action.id == id && (gateway.isEmpty() || r.gateway == gateway))
            return row;
    }
    return -1;
}

int PendingQueueModel::countAtLeast(Urgency urgency) const
{
    // Sorted by urgency: the rows at or above `urgency` are a prefix.
    int count = 0;
    while (count < m_rows.size() && m_rows.at(count).action.request.urgency >= urgency)
        ++count;
    return count;
}

void PendingQueueModel::tick()
{
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, TimeLeftColumn), index(rowCount() - 1, TimeLeftColumn), {Qt::DisplayRole});
}

} // namespace cs
