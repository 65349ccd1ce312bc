#include "Jcs.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringDecoder>
#include <QVarLengthArray>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

using namespace Qt::StringLiterals;

namespace cs::Jcs {

namespace {

bool isSurrogate(char16_t c)
{
    return c >= 0xD800 && c <= 0xDFFF;
}

// Recursive descent over RFC 8259's grammar; depth-limited so hostile input cannot exhaust the stack.
class Parser
{
public:
    Parser(QByteArrayView text, Error *error) : m_text(text), m_error(error) {}

    std::optional<QJsonValue> document()
    {
        skipSpace();
        auto value = parseValue(0);
        if (!value)
            return std::nullopt;
        skipSpace();
        if (m_pos != m_text.size())
            return fail(u"invalid_json"_s, u"Unexpected text after the JSON value."_s);
        return value;
    }

private:
    std::nullopt_t fail(const QString &code, const QString &message)
    {
        if (m_error->isNull())
            *m_error = {code, message, m_pos};
        return std::nullopt;
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }

    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }

    bool consume(char c)
    {
        skipSpace();
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }

    bool literal(std::string_view word)
    {
        if (m_text.sliced(m_pos).startsWith(QByteArrayView(word.data(), qsizetype(word.size())))) {
            m_pos += qsizetype(word.size());
            return true;
        }
        return false;
    }

    std::optional<QJsonValue> parseValue(int depth)
    {
        skipSpace();
        switch (peek()) {
        case '{':
            return parseObject(depth + 1);
        case '[':
            return parseArray(depth + 1);
        case '"': {
            auto text = parseString();
            if (!text)
                return std::nullopt;
            return QJsonValue(*text);
        }
        case 't':
            if (literal("true"))
                return QJsonValue(true);
            break;
        case 'f':
            if (literal("false"))
                return QJsonValue(false);
            break;
        case 'n':
            if (literal("null"))
                return QJsonValue(QJsonValue::Null);
            break;
        default:
            if (peek() == '-' || (peek() >= '0' && peek() <= '9'))
                return parseNumber();
        }
        return fail(u"invalid_json"_s, atEnd() ? u"The JSON text ends early."_s : u"Expected a JSON value."_s);
    }

    std::optional<QJsonValue> parseObject(int depth)
    {
        if (depth > kMaxDepth)
            return fail(u"too_deep"_s, u"The JSON text nests deeper than %1 levels."_s.arg(kMaxDepth));
        ++m_pos;            // '{'
        QJsonObject object; // keeps its keys sorted: a second one is found without a set beside it
        if (consume('}'))
            return QJsonValue(object);
        do {
            skipSpace();
            if (peek() != '"')
                return fail(u"invalid_json"_s, u"Expected a member name in quotes."_s);
            const qsizetype keyOffset = m_pos;
            auto key = parseString();
            if (!key)
                return std::nullopt;
            if (object.contains(*key)) {
                m_pos = keyOffset;
                return fail(u"duplicate_key"_s, u"The member name \"%1\" appears twice in one object."_s.arg(*key));
            }
            if (!consume(':'))
                return fail(u"invalid_json"_s, u"Expected ':' after a member name."_s);
            auto value = parseValue(depth);
            if (!value)
                return std::nullopt;
            object.insert(*key, *value);
        } while (consume(','));
        if (!consume('}'))
            return fail(u"invalid_json"_s, u"Expected ',' or '}' in an object."_s);
        return QJsonValue(object);
    }

    std::optional<QJsonValue> parseArray(int depth)
    {
        if (depth > kMaxDepth)
            return fail(u"too_deep"_s, u"The JSON text nests deeper than %1 levels."_s.arg(kMaxDepth));
        ++m_pos; // '['
        QJsonArray array;
        if (consume(']'))
            return QJsonValue(array);
        do {
            auto value = parseValue(depth);
            if (!value)
                return std::nullopt;
            array.append(*value);
        } while (consume(','));
        if (!consume(']'))
            return fail(u"invalid_json"_s, u"Expected ',' or ']' in an array."_s);
        return QJsonValue(array);
    }

    std::optional<int> hex4()
    {
        if (m_pos + 4 > m_text.size())
            return std::nullopt;
        int value = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_text[m_pos + i];
            const int digit = (c >= '0' && c <= '9')   ? c - '0'
                              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                              : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                       : -1;
            if (digit < 0)
                return std::nullopt;
            value = value * 16 + digit;
        }
        m_pos += 4;
        return value;
    }

    std::optional<QString> parseString()
    {
        ++m_pos; // opening quote
        QString out;
        qsizetype runStart = m_pos;
        const auto flushRun = [&]() -> bool {
            if (m_pos == runStart)
                return true;
            QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            out += decoder.decode(m_text.sliced(runStart, m_pos - runStart));
            if (decoder.hasError()) {
                m_pos = runStart;
                fail(u"invalid_utf8"_s, u"A string is not valid UTF-8."_s);
                return false;
            }
            return true;
        };
        for (;;) {
            if (atEnd())
                return fail(u"invalid_json"_s, u"A string is not closed."_s);
            const unsigned char c = static_cast<unsigned char>(peek());
            if (c == '"') {
                if (!flushRun())
                    return std::nullopt;
                ++m_pos;
                break;
            }
            if (c < 0x20)
                return fail(u"invalid_json"_s, u"A string holds an unescaped control character."_s);
            if (c != '\\') {
                ++m_pos;
                continue;
            }
            if (!flushRun())
                return std::nullopt;
            const qsizetype escapeOffset = m_pos;
            ++m_pos;
            const char e = peek();
            ++m_pos;
            switch (e) {
            case '"':
                out += u'"';
                break;
            case '\\':
                out += u'\\';
                break;
            case '/':
                out += u'/';
                break;
            case 'b':
                out += u'\b';
                break;
            case 'f':
                out += u'\f';
                break;
            case 'n':
                out += u'\n';
                break;
            case 'r':
                out += u'\r';
                break;
            case 't':
                out += u'\t';
                break;
            case 'u': {
                const auto unit = hex4();
                if (!unit)
                    return fail(u"invalid_json"_s, u"A \\u escape needs four hex digits."_s);
                out += QChar(char16_t(*unit));
                break;
            }
            default:
                m_pos = escapeOffset;
                return fail(u"invalid_json"_s, u"A string holds an unknown escape."_s);
            }
            runStart = m_pos;
        }
        if (const auto lone = loneSurrogateAt(out); lone >= 0)
            return fail(u"lone_surrogate"_s, u"A string holds a lone surrogate (U+%1)."_s.arg(
                                                 int(out.at(lone).unicode()), 4, 16, QLatin1Char('0')));
        return out;
    }

    std::optional<QJsonValue> parseNumber()
    {
        const qsizetype start = m_pos;
        if (peek() == '-')
            ++m_pos;
        if (peek() == '0') {
            ++m_pos;
        } else if (peek() >= '1' && peek() <= '9') {
            while (peek() >= '0' && peek() <= '9')
                ++m_pos;
        } else {
            return fail(u"invalid_json"_s, u"A number needs a digit."_s);
        }
        if (peek() == '.') {
            ++m_pos;
            if (!(peek() >= '0' && peek() <= '9'))
                return fail(u"invalid_json"_s, u"A number needs a digit after '.'."_s);
            while (peek() >= '0' && peek() <= '9')
                ++m_pos;
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            if (peek() == '+' || peek() == '-')
                ++m_pos;
            if (!(peek() >= '0' && peek() <= '9'))
                return fail(u"invalid_json"_s, u"A number needs a digit in its exponent."_s);
            while (peek() >= '0' && peek() <= '9')
                ++m_pos;
        }
        double value = 0;
        const char *first = m_text.data() + start;
        const auto [end, ec] = std::from_chars(first, m_text.data() + m_pos, value);
        if (ec == std::errc::result_out_of_range) {
            // from_chars leaves `value` alone when out of range; strtod tells overflow from underflow.
            const std::string copy(first, size_t(m_pos - start));
            if (std::isinf(std::strtod(copy.c_str(), nullptr))) {
                m_pos = start;
                return fail(u"non_finite_number"_s, u"A number is too large for an IEEE 754 double."_s);
            }
            value = 0; // underflow rounds to zero, as ECMAScript's JSON.parse does
        } else if (end != m_text.data() + m_pos) {
            return fail(u"invalid_json"_s, u"A number could not be read."_s);
        }
        return QJsonValue(value);
    }

public:
    // Index of the first unpaired surrogate in `text`, or -1.
    static qsizetype loneSurrogateAt(QStringView text)
    {
        for (qsizetype i = 0; i < text.size(); ++i) {
            const char16_t c = text[i].unicode();
            if (!isSurrogate(c))
                continue;
            if (c <= 0xDBFF && i + 1 < text.size() && text[i + 1].unicode() >= 0xDC00 &&
                text[i + 1].unicode() <= 0xDFFF) {
                ++i;
                continue;
            }
            return i;
        }
        return -1;
    }

private:
    QByteArrayView m_text;
    Error *m_error;
    qsizetype m_pos = 0;
};

bool lessByUtf16(const QString &a, const QString &b)
{
    return std::lexicographical_compare(a.utf16(), a.utf16() + a.size(), b.utf16(), b.utf16() + b.size());
}

bool writeString(QByteArray &out, const QString &text, Error *error)
{
    if (const auto lone = Parser::loneSurrogateAt(text); lone >= 0) {
        *error = {u"lone_surrogate"_s, u"A string holds a lone surrogate (U+%1)."_s.arg(int(text.at(lone).unicode()), 4,
                                                                                        16, QLatin1Char('0'))};
        return false;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    qsizetype runStart = 0;
    const auto flush = [&](qsizetype end) {
        if (end > runStart)
            out += QStringView(text).sliced(runStart, end - runStart).toUtf8();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c >= 0x20 && c != u'"' && c != u'\\')
            continue;
        flush(i);
        runStart = i + 1;
        switch (c) {
        case u'"':
            out += "\\\"";
            break;
        case u'\\':
            out += "\\\\";
            break;
        case u'\b':
            out += "\\b";
            break;
        case u'\f':
            out += "\\f";
            break;
        case u'\n':
            out += "\\n";
            break;
        case u'\r':
            out += "\\r";
            break;
        case u'\t':
            out += "\\t";
            break;
        default:
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        }
    }
    flush(text.size());
    out += '"';
    return true;
}

bool writeValue(QByteArray &out, const QJsonValue &value, Error *error, int depth)
{
    if (depth > kMaxDepth) {
        *error = {u"too_deep"_s, u"The value nests deeper than %1 levels."_s.arg(kMaxDepth)};
        return false;
    }
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        return true;
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        return true;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (!std::isfinite(number)) {
            *error = {u"non_finite_number"_s, u"NaN and infinities have no JSON form."_s};
            return false;
        }
        out += formatNumber(number);
        return true;
    }
    case QJsonValue::String:
        return writeString(out, value.toString(), error);
    case QJsonValue::Array: {
        out += '[';
        bool first = true;
        for (const QJsonValue &element : value.toArray()) {
            if (!first)
                out += ',';
            first = false;
            if (!writeValue(out, element, error, depth + 1))
                return false;
        }
        out += ']';
        return true;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        // QJsonObject keeps its members sorted by key already, which is UTF-16 order for almost
        // every key; sort only when that does not hold.
        QVarLengthArray<std::pair<QString, QJsonValue>, 16> members;
        members.reserve(object.size());
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            members.append({it.key(), it.value()});
        const auto byKey = [](const auto &a, const auto &b) { return lessByUtf16(a.first, b.first); };
        if (!std::is_sorted(members.begin(), members.end(), byKey))
            std::sort(members.begin(), members.end(), byKey);
        out += '{';
        bool first = true;
        for (const auto &[key, member] : members) {
            if (!first)
                out += ',';
            first = false;
            if (!writeString(out, key, error))
                return false;
            out += ':';
            if (!writeValue(out, member, error, depth + 1))
                return false;
        }
        out += '}';
        return true;
    }
    }
    return false;
}

} // namespace

std::optional<QJsonValue> parse(QByteArrayView utf8, Error *error)
{
    *error = {};
    return Parser(utf8, error).document();
}

bool appendString(QByteArray &out, const QString &text, Error *error)
{
    *error = {};
    return writeString(out, text, error);
}

std::optional<QByteArray> serialize(const QJsonValue &value, Error *error)
{
    *error = {};
    QByteArray out;
    if (!writeValue(out, value, error, 0))
        return std::nullopt;
    return out;
}

std::optional<QByteArray> canonicalize(QByteArrayView utf8, Error *error)
{
    const auto value = parse(utf8, error);
    if (!value)
        return std::nullopt;
    return serialize(*value, error);
}

QByteArray formatNumber(double value)
{
    if (value == 0)
        return "0"; // both zeros
    // The shortest digits that round-trip, as d.ddde±x, then laid out by ECMAScript's rules
    // (Number::toString, ECMA-262 7.1.12.1) with n the decimal point position.
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    const std::string_view text(buffer, size_t(result.ptr - buffer));
    const bool negative = text.front() == '-';
    const size_t ePos = text.find('e');
    std::string digits;
    for (char c : text.substr(negative ? 1 : 0, ePos - (negative ? 1 : 0))) {
        if (c != '.')
            digits += c;
    }
    int exponent = 0;
    std::from_chars(text.data() + ePos + (text[ePos + 1] == '+' ? 2 : 1), text.data() + text.size(), exponent);
    const int k = int(digits.size());
    const int n = exponent + 1;

    std::string out = negative ? "-" : "";
    if (k <= n && n <= 21) {
        out += digits + std::string(size_t(n - k), '0');
    } else if (0 < n && n <= 21) {
        out += digits.substr(0, size_t(n)) + '.' + digits.substr(size_t(n));
    } else if (-6 < n && n <= 0) {
        out += "0." + std::string(size_t(-n), '0') + digits;
    } else {
        out += digits.substr(0, 1);
        if (k > 1)
            out += '.' + digits.substr(1);
        out += 'e';
        out += n - 1 >= 0 ? '+' : '-';
        out += std::to_string(std::abs(n - 1));
    }
    return QByteArray(out.data(), qsizetype(out.size()));
}

} // namespace cs::Jcs
