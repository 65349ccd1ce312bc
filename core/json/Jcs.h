#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace cs {

// RFC 8785, the JSON Canonicalization Scheme: the one byte form of a JSON value that every party
// can recompute, so a signature over it stays checkable. Members are sorted by UTF-16 code units,
// numbers are written as ECMAScript writes them, strings with minimal escaping, UTF-8 out.
//
// The parser is stricter than QJsonDocument on purpose: a document with a duplicate member name
// or a lone surrogate has no single meaning, so it is refused instead of silently resolved.
namespace Jcs {

struct Error
{
    QString code; // invalid_json, invalid_utf8, duplicate_key, lone_surrogate, non_finite_number, too_deep
    QString message;
    qsizetype offset = -1; // byte offset into the input, where known

    bool isNull() const { return code.isEmpty(); }
};

inline constexpr int kMaxDepth = 256;

// Parses one JSON text (RFC 8259) strictly.
std::optional<QJsonValue> parse(QByteArrayView utf8, Error *error);

// The canonical UTF-8 bytes of `value`. Fails on non-finite numbers and lone surrogates.
std::optional<QByteArray> serialize(const QJsonValue &value, Error *error);

// parse() then serialize().
std::optional<QByteArray> canonicalize(QByteArrayView utf8, Error *error);

// Appends the canonical bytes of the string `text` (quoted, escaped) to `out`, as serialize()
// writes it within a document: for callers that join canonical documents from known parts.
bool appendString(QByteArray &out, const QString &text, Error *error);

// ECMAScript Number.prototype.toString() of a finite double: shortest round trip, `1e+21`, `-0` -> `0`.
QByteArray formatNumber(double value);

} // namespace Jcs
} // namespace cs
