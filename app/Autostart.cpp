#include "Autostart.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace cs::Autostart {

QString entryPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           u"/autostart/countersign.desktop"_s;
}

bool isEnabled()
{
    return QFile::exists(entryPath());
}

bool setEnabled(bool enabled, QString *error)
{
    const QString path = entryPath();
    if (!enabled) {
        if (!QFile::exists(path) || QFile::remove(path))
            return true;
        *error = QCoreApplication::translate("Autostart", "%1 cannot be removed.").arg(path);
        return false;
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        *error = file.errorString();
        return false;
    }
    // The binary that runs now, so a build tree or a package both start themselves.
    const QString exec = QCoreApplication::applicationFilePath();
    file.write("[Desktop Entry]\nType=Application\nName=Countersign\n"
               "Comment=Review and approve privileged actions requested by AI agents and pipelines\n"
               "Exec=\"" +
               exec.toUtf8() + "\"\nIcon=countersign\nTerminal=false\nX-GNOME-Autostart-enabled=true\n");
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace cs::Autostart
