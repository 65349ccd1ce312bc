#pragma once

#include <QDialog>
#include <QList>

class QAction;

namespace cs {

// The shortcuts sheet (F1 or ?): every menu command with its keys, taken from the menus
// themselves so the sheet never disagrees with them, and the keys that belong to a widget
// (Tab, Enter in the queue, Ctrl+Enter in the deny dialog, Esc).
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    ShortcutsDialog(const QList<QAction *> &menus, QWidget *parent = nullptr);
};

} // namespace cs
