#pragma once

#include <QByteArray>

#include <cstddef>
#include <cstdint>

// The libFuzzer input as a QByteArray that does not copy it.
inline QByteArray fuzzInput(const uint8_t *data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}
