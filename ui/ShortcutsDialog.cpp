#include "ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cs {

ShortcutsDialog::ShortcutsDialog(const QList<QAction *> &menus, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Keyboard shortcuts"));
    setObjectName(u"shortcutsDialog"_s);
    QList<std::pair<QString, QString>> rows;
    for (QAction *menuAction : menus) {
        if (!menuAction->menu())
            continue;
        for (QAction *action : menuAction->menu()->actions()) {
            if (action->shortcuts().isEmpty())
                continue;
            QStringList keys;
            for (const QKeySequence &sequence : action->shortcuts())
                keys.append(sequence.toString(QKeySequence::NativeText));
            rows.append({keys.join(tr(" or ")), QString(action->text()).remove(u'&')});
        }
    }
    rows.append({tr("↓ / ↑"), tr("Next or previous in queue")});
    rows.append({tr("Enter"), tr("From the queue: read the selected action's command")});
    rows.append({tr("Tab / Shift+Tab"), tr("Move between the filter, the queue, the review pane and its buttons")});
    rows.append({tr("Ctrl+Enter"), tr("In the deny dialog: send the denial")});
    rows.append({tr("Enter / Esc"), tr("In a confirmation: confirm / cancel")});

    auto *table = new QTableWidget(int(rows.size()), 2, this);
    table->setObjectName(u"shortcutsTable"_s);
    table->setHorizontalHeaderLabels({tr("Keys"), tr("Command")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setTabKeyNavigation(false);
    for (int row = 0; row < rows.size(); ++row) {
        auto *keys = new QTableWidgetItem(rows.at(row).first);
        QFont bold = keys->font();
        bold.setBold(true);
        keys->setFont(bold);
        table->setItem(row, 0, keys);
        table->setItem(row, 1, new QTableWidgetItem(rows.at(row).second));
    }
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 480);
}

} // namespace cs
