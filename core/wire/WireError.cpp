#include "WireError.h"

using namespace Qt::StringLiterals;

namespace cs {

QJsonObject WireError::toJson() const
{
    return QJsonObject{{u"code"_s, code}, {u"message"_s, message}};
}

WireError WireError::fromJson(const QJsonObject &object)
{
    return WireError{object.value(u"code"_s).toString(), object.value(u"message"_s).toString()};
}

} // namespace cs
