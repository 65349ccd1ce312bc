#include "Tokens.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace cs::Tokens {

QString generate()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return u"cs_"_s +
           QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString hash(QStringView token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString fromAuthorizationHeader(const QByteArray &value)
{
    const QByteArray trimmed = value.trimmed();
    constexpr QByteArrayView scheme("bearer ");
    if (trimmed.size() <= scheme.size() || !trimmed.first(scheme.size()).toLower().startsWith(scheme))
        return {};
    return QString::fromLatin1(trimmed.mid(scheme.size()).trimmed());
}

} // namespace cs::Tokens
