#pragma once

class QEvent;

namespace cs {

// The console's single-letter shortcuts (A, D, J, K, /, ?) belong to the window. A widget that
// would claim printable keys for itself (an item view's type-ahead, a read-only text's
// selection) calls this from event(): a ShortcutOverride for a printable key without modifiers is
// ignored, so the window's shortcut fires. True when it was that event.
bool leavePrintableKeysToWindowShortcuts(QEvent *event);

} // namespace cs
