#include "ActionIds.h"

#include <QRandomGenerator>
#include <QUuid>

#include <array>
#include <cstring>

namespace cs {

QString timeOrderedActionId(qint64 unixMilliseconds)
{
    std::array<quint32, 4> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    std::array<char, 16> bytes{};
    static_assert(sizeof(words) == sizeof(bytes));
    std::memcpy(bytes.data(), words.data(), bytes.size());
    const auto ms = quint64(unixMilliseconds);
    for (int i = 0; i < 6; ++i)
        bytes[size_t(i)] = char((ms >> (8 * (5 - i))) & 0xff);
    bytes[6] = char(0x70 | (bytes[6] & 0x0f)); // version 7
    bytes[8] = char(0x80 | (bytes[8] & 0x3f)); // the RFC's variant
    return QUuid::fromRfc4122(QByteArrayView(bytes.data(), qsizetype(bytes.size()))).toString(QUuid::WithoutBraces);
}

} // namespace cs
