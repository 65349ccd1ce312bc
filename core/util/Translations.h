#pragma once

#include <QLocale>
#include <QString>
#include <QTranslator>

namespace cs {

// The catalogues a program installs at start: Qt's own (qtbase_<lang>.qm, for QCommandLineParser's
// "Usage:" and the standard dialogs, when qt6-translations-l10n is installed) and ours
// (:/i18n/<catalogue>_<lang>.qm, built into the binary). English falls back to <catalogue>_en.qm
// where a program has one (the console's plural forms), else to the source text.
class Translations
{
public:
    Translations(const QLocale &locale, const QString &catalogue);
    ~Translations();
    Translations(const Translations &) = delete;
    Translations &operator=(const Translations &) = delete;

private:
    QTranslator m_qt;
    QTranslator m_own;
};

} // namespace cs
