#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>

using namespace Qt::StringLiterals;

namespace cs {

Translations::Translations(const QLocale &locale, const QString &catalogue)
{
    if (m_qt.load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&m_qt);
    if (m_own.load(locale, catalogue, u"_"_s, u":/i18n"_s) || m_own.load(u":/i18n/%1_en.qm"_s.arg(catalogue)))
        QCoreApplication::installTranslator(&m_own);
}

Translations::~Translations()
{
    QCoreApplication::removeTranslator(&m_own);
    QCoreApplication::removeTranslator(&m_qt);
}

} // namespace cs
