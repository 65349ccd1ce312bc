#include "AuditTableModel.h"

#include <QSqlError>
#include <QSqlQuery>

#include <limits>

using namespace Qt::StringLiterals;

namespace cs {

AuditTableModel::AuditTableModel(QSqlDatabase mirror, QObject *parent) : QAbstractTableModel(parent), m_db(mirror)
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

QList<AuditTableModel::Row> AuditTableModel::page(qint64 beforeSeq) const
{
    QVariantList binds;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(AuditQuery::pageSql(m_filter, &binds));
    for (const QVariant &value : std::as_const(binds))
        query.addBindValue(value);
    query.addBindValue(beforeSeq);
    query.addBindValue(kPageRows);
    QList<Row> rows;
    if (!query.exec())
        return rows; // a malformed full-text query matches nothing
    while (query.next()) {
        const QString system = query.value(6).toString();
        const QString environment = query.value(7).toString();
        const QString resource = query.value(10).toString();
        const QString target = resource.isEmpty() ? system : u"%1 / %2"_s.arg(system, resource);
        rows.append({query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
                     query.value(3).toString(), query.value(4).toString(), query.value(5).toString(),
                     system.isEmpty() ? QString() : u"%1 (%2)"_s.arg(target, environment), query.value(8).toString(),
                     query.value(9).toString()});
    }
    return rows;
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
    const Row &row = m_rows.at(index.row());
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
        return row.target;
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
    const QList<Row> more = page(m_rows.last().seq);
    m_exhausted = more.size() < kPageRows;
    if (more.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + more.size() - 1));
    m_rows.append(more);
    endInsertRows();
}

} // namespace cs
