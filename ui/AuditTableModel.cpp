#include "AuditTableModel.h"

#include "audit/AuditMirror.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace cs {

AuditTableModel::AuditTableModel(const AuditMirror *mirror, QObject *parent)
    : QAbstractTableModel(parent), m_mirror(mirror)
{
    reload();
}

void AuditTableModel::setFilter(const AuditFilter &filter)
{
    m_filter = filter;
    reload();
}

void AuditTableModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_exhausted = false;
    m_rows = page(std::numeric_limits<qint64>::max());
    m_exhausted = m_rows.size() < kPageRows;
    endResetModel();
}

QList<AuditRow> AuditTableModel::page(qint64 beforeSeq) const
{
    return m_mirror->rows(m_filter, beforeSeq, kPageRows);
}

QString AuditTableModel::target(const AuditRow &row)
{
    if (row.system.isEmpty())
        return {};
    const QString target = row.resource.isEmpty() ? row.system : u"%1 / %2"_s.arg(row.system, row.resource);
    return u"%1 (%2)"_s.arg(target, row.environment);
}

QString AuditTableModel::actionIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).actionId : QString();
}

qint64 AuditTableModel::seqAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).seq : 0;
}

int AuditTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || role != Qt::DisplayRole)
        return {};
    const AuditRow &row = m_rows.at(index.row());
    switch (index.column()) {
    case Seq:
        return row.seq;
    case Time:
        return row.time;
    case Type:
        return row.type;
    case Actor:
        return row.actor;
    case Kind:
        return row.kind;
    case Target:
        return target(row);
    case Verdict:
        return row.verdict;
    case Command:
        return row.command;
    }
    return {};
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Seq:
        return tr("Seq");
    case Time:
        return tr("Time (UTC)");
    case Type:
        return tr("Event");
    case Actor:
        return tr("By");
    case Kind:
        return tr("Kind");
    case Target:
        return tr("Target");
    case Verdict:
        return tr("Verdict");
    case Command:
        return tr("Command");
    }
    return {};
}

bool AuditTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted;
}

void AuditTableModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_exhausted || m_rows.isEmpty())
        return;
    const QList<AuditRow> more = page(m_rows.last().seq);
    m_exhausted = more.size() < kPageRows;
    if (more.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + more.size() - 1));
    m_rows.append(more);
    endInsertRows();
}

} // namespace cs
