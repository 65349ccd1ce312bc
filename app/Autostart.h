#pragma once

#include <QString>

namespace cs::Autostart {

// Start at login, the XDG way: a desktop entry in ~/.config/autostart that runs this binary.
QString entryPath();
bool isEnabled();
// False (and `error` says why) when the entry cannot be written or removed.
bool setEnabled(bool enabled, QString *error);

} // namespace cs::Autostart
