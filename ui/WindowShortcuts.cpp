#include "WindowShortcuts.h"

#include <QKeyEvent>

namespace cs {

bool leavePrintableKeysToWindowShortcuts(QEvent *event)
{
    if (event->type() != QEvent::ShortcutOverride)
        return false;
    const auto *key = static_cast<QKeyEvent *>(event);
    if ((key->modifiers() & ~Qt::ShiftModifier) != Qt::NoModifier || key->text().isEmpty() ||
        !key->text().at(0).isPrint())
        return false;
    event->ignore();
    return true;
}

} // namespace cs
