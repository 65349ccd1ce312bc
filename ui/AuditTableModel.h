#pragma once

#include "audit/AuditQuery.h"

#include <QAbstractTableModel>

namespace cs {

class AuditMirror;

// The audit browser's table: the mirror's events matching a filter, newest first, loaded a page
// at a time as the view scrolls (fetchMore with keyset paging), so a million-event mirror opens
// at once and scrolls smoothly; only the rows seen are ever in memory.
class AuditTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Seq, Time, Type, Actor, Kind, Target, Verdict, Command, ColumnCount };
    static constexpr int kPageRows = 500;

    explicit AuditTableModel(const AuditMirror *mirror, QObject *parent = nullptr);

    void setFilter(const AuditFilter &filter);
    // Reloads from the top, e.g. after a sync added events.
    void reload();
    QString actionIdAt(int row) const;
    qint64 seqAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    QList<AuditRow> page(qint64 beforeSeq) const;
    static QString target(const AuditRow &row);

    const AuditMirror *m_mirror;
    AuditFilter m_filter;
    QList<AuditRow> m_rows;
    bool m_exhausted = false;
};

} // namespace cs
