#include "JcsView.h"

#include "Jcs.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace cs::Jcs {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int lowerHexDigit(char c)
{
    return isDigit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

// The canonical text of a string, between its quotes, as UTF-8: the escapes a canonical text can
// hold (\" \\ \b \f \n \r \t \u00xx) all stand for one ASCII byte.
QByteArray unescape(QByteArrayView inner)
{
    QByteArray out;
    out.reserve(inner.size());
    for (qsizetype i = 0; i < inner.size(); ++i) {
        if (inner[i] != '\\') {
            out += inner[i];
            continue;
        }
        const char e = inner[++i];
        switch (e) {
        case 'b':
            out += '\b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case 'u':
            out += char(lowerHexDigit(inner[i + 3]) * 16 + lowerHexDigit(inner[i + 4]));
            i += 4;
            break;
        default: // '"' and '\\'
            out += e;
        }
    }
    return out;
}

QString decode(QByteArrayView inner)
{
    return QString::fromUtf8(inner.contains('\\') ? QByteArrayView(unescape(inner)) : inner);
}

// RFC 8785 orders member names by their UTF-16 code units. Raw UTF-8 bytes sort the same way
// unless an escape or a character beyond the BMP (a 4-byte sequence) is involved.
bool keyLess(QByteArrayView a, QByteArrayView b)
{
    const auto plain = [](QByteArrayView key) {
        return std::none_of(key.begin(), key.end(),
                            [](char c) { return c == '\\' || static_cast<unsigned char>(c) >= 0xF0; });
    };
    if (plain(a) && plain(b))
        return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                            [](char x, char y) { return uchar(x) < uchar(y); });
    const QString x = decode(a);
    const QString y = decode(b);
    return std::lexicographical_compare(x.utf16(), x.utf16() + x.size(), y.utf16(), y.utf16() + y.size());
}

} // namespace

// One pass over the text: refuses at the first byte that serialize() would not have written.
class View::Scanner
{
public:
    Scanner(const QByteArray &text, std::vector<Node> &nodes)
        : m_begin(text.constData()), m_p(m_begin), m_end(m_begin + text.size()), m_nodes(nodes)
    {
    }

    bool document() { return value(0, -1) && m_p == m_end; }

private:
    char peek() const { return m_p < m_end ? *m_p : '\0'; }
    qint32 offset(const char *at) const { return qint32(at - m_begin); }

    bool value(int depth, qint32 key)
    {
        const size_t index = m_nodes.size();
        m_nodes.push_back({offset(m_p), 0, 0, key, Kind::Null});
        Kind kind = Kind::Number;
        bool ok = false;
        switch (peek()) {
        case '{':
            kind = Kind::Object;
            ok = object(depth + 1);
            break;
        case '[':
            kind = Kind::Array;
            ok = array(depth + 1);
            break;
        case '"':
            kind = Kind::String;
            ok = string();
            break;
        case 't':
            kind = Kind::True;
            ok = literal("true");
            break;
        case 'f':
            kind = Kind::False;
            ok = literal("false");
            break;
        case 'n':
            kind = Kind::Null;
            ok = literal("null");
            break;
        default:
            ok = number();
        }
        if (!ok)
            return false;
        Node &node = m_nodes[index];
        node.kind = kind;
        node.end = offset(m_p);
        node.next = qint32(m_nodes.size());
        return true;
    }

    bool object(int depth)
    {
        if (depth > kMaxDepth)
            return false;
        ++m_p; // '{'
        if (peek() == '}') {
            ++m_p;
            return true;
        }
        QByteArrayView previous;
        for (bool first = true;; first = false) {
            if (peek() != '"')
                return false;
            const char *keyAt = m_p;
            if (!string())
                return false;
            const QByteArrayView key(keyAt + 1, m_p - keyAt - 2);
            if (!first && !keyLess(previous, key))
                return false; // out of order, or the same name twice
            previous = key;
            if (peek() != ':')
                return false;
            ++m_p;
            if (!value(depth, offset(keyAt)))
                return false;
            if (peek() == '}') {
                ++m_p;
                return true;
            }
            if (peek() != ',')
                return false;
            ++m_p;
        }
    }

    bool array(int depth)
    {
        if (depth > kMaxDepth)
            return false;
        ++m_p; // '['
        if (peek() == ']') {
            ++m_p;
            return true;
        }
        for (;;) {
            if (!value(depth, -1))
                return false;
            if (peek() == ']') {
                ++m_p;
                return true;
            }
            if (peek() != ',')
                return false;
            ++m_p;
        }
    }

    bool literal(QByteArrayView word)
    {
        if (QByteArrayView(m_p, m_end - m_p).startsWith(word)) {
            m_p += word.size();
            return true;
        }
        return false;
    }

    bool string()
    {
        ++m_p; // opening quote
        while (m_p < m_end) {
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                ++m_p;
                return true;
            }
            if (c < 0x20)
                return false;
            if (c == '\\') {
                if (!escape())
                    return false;
            } else if (c < 0x80) {
                ++m_p;
            } else if (!multibyte()) {
                return false;
            }
        }
        return false;
    }

    // Only the escapes serialize() writes: the two-letter ones, and \u00xx (lower-case hex) for
    // the other control characters.
    bool escape()
    {
        if (m_end - m_p < 2)
            return false;
        switch (m_p[1]) {
        case '"':
        case '\\':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
            m_p += 2;
            return true;
        case 'u': {
            if (m_end - m_p < 6 || m_p[2] != '0' || m_p[3] != '0' || (m_p[4] != '0' && m_p[4] != '1'))
                return false;
            const int low = lowerHexDigit(m_p[5]);
            if (low < 0)
                return false;
            const int unit = (m_p[4] - '0') * 16 + low;
            if (unit == '\b' || unit == '\t' || unit == '\n' || unit == '\f' || unit == '\r')
                return false;
            m_p += 6;
            return true;
        }
        default:
            return false;
        }
    }

    // One UTF-8 sequence of two to four bytes (RFC 3629): no overlong forms, no surrogates,
    // nothing beyond U+10FFFF.
    bool multibyte()
    {
        const auto at = [this](int i) { return m_p + i < m_end ? static_cast<unsigned char>(m_p[i]) : 0; };
        const unsigned char lead = at(0);
        const auto inRange = [](unsigned char c, unsigned char low, unsigned char high) {
            return c >= low && c <= high;
        };
        int length = 0;
        bool ok = false;
        if (inRange(lead, 0xC2, 0xDF)) {
            length = 2;
            ok = inRange(at(1), 0x80, 0xBF);
        } else if (inRange(lead, 0xE0, 0xEF)) {
            length = 3;
            const unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;
            const unsigned char high = lead == 0xED ? 0x9F : 0xBF;
            ok = inRange(at(1), low, high) && inRange(at(2), 0x80, 0xBF);
        } else if (inRange(lead, 0xF0, 0xF4)) {
            length = 4;
            const unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
            const unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
            ok = inRange(at(1), low, high) && inRange(at(2), 0x80, 0xBF) && inRange(at(3), 0x80, 0xBF);
        }
        m_p += length;
        return ok;
    }

    bool number()
    {
        const char *start = m_p;
        bool integer = true;
        if (peek() == '-')
            ++m_p;
        if (peek() == '0') {
            ++m_p;
        } else if (peek() >= '1' && peek() <= '9') {
            while (isDigit(peek()))
                ++m_p;
        } else {
            return false;
        }
        if (peek() == '.') {
            integer = false;
            ++m_p;
            if (!isDigit(peek()))
                return false;
            while (isDigit(peek()))
                ++m_p;
        }
        if (peek() == 'e' || peek() == 'E') {
            integer = false;
            ++m_p;
            if (peek() == '+' || peek() == '-')
                ++m_p;
            if (!isDigit(peek()))
                return false;
            while (isDigit(peek()))
                ++m_p;
        }
        const QByteArrayView text(start, m_p - start);
        // An integer of at most 15 digits is exact in a double and written as it is; only -0 is not.
        if (integer && text.size() <= 15)
            return text != "-0";
        double value = 0;
        const auto [end, ec] = std::from_chars(start, m_p, value);
        return ec == std::errc() && end == m_p && std::isfinite(value) && formatNumber(value) == text;
    }

    const char *m_begin;
    const char *m_p;
    const char *m_end;
    std::vector<Node> &m_nodes;
};

std::optional<View> View::read(QByteArray text)
{
    auto data = std::make_shared<Data>();
    data->text = std::move(text);
    if (data->text.size() >= std::numeric_limits<qint32>::max())
        return std::nullopt;
    if (!Scanner(data->text, data->nodes).document())
        return std::nullopt;
    return View(std::move(data));
}

std::optional<View> View::of(const QJsonValue &value)
{
    Error error;
    auto text = serialize(value, &error);
    return text ? read(std::move(*text)) : std::nullopt;
}

View::Kind View::Value::kind() const
{
    return isValid() ? node().kind : Kind::Null;
}

QByteArrayView View::Value::bytes() const
{
    if (!isValid())
        return {};
    return QByteArrayView(m_data->text.constData() + node().begin, node().end - node().begin);
}

View::Value View::Value::operator[](QLatin1StringView key) const
{
    if (kind() != Kind::Object)
        return {};
    const QByteArrayView wanted(key.data(), key.size());
    const qint32 stop = node().next;
    for (qint32 i = m_index + 1; i < stop; i = m_data->nodes[size_t(i)].next) {
        const Node &member = m_data->nodes[size_t(i)];
        // The name runs from its opening quote to the `":` just before the value.
        const QByteArrayView name(m_data->text.constData() + member.key + 1, member.begin - member.key - 3);
        if (name == wanted)
            return Value(m_data, i, stop);
    }
    return {};
}

std::vector<View::Value> View::Value::children() const
{
    std::vector<Value> values;
    if (kind() != Kind::Object && kind() != Kind::Array)
        return values;
    const qint32 stop = node().next;
    for (qint32 i = m_index + 1; i < stop; i = m_data->nodes[size_t(i)].next)
        values.push_back(Value(m_data, i, stop));
    return values;
}

QByteArray View::Value::bytesWithout(QLatin1StringView key) const
{
    const QByteArrayView whole = bytes();
    const Value member = (*this)[key];
    if (!member.isValid())
        return whole.toByteArray();
    qint32 cutFrom = member.node().key - node().begin;
    qint32 cutTo = member.node().end - node().begin;
    if (whole[cutFrom - 1] == ',')
        --cutFrom; // not the first member: its comma goes with it
    else if (whole[cutTo] == ',')
        ++cutTo; // the first of several: the comma after it goes
    QByteArray out;
    out.reserve(whole.size() - (cutTo - cutFrom));
    out.append(whole.first(cutFrom));
    out.append(whole.sliced(cutTo));
    return out;
}

QByteArray View::Value::bytesWith(QLatin1StringView key, QByteArrayView value) const
{
    const QByteArrayView whole = bytes();
    const QByteArrayView name(key.data(), key.size());
    qint32 at = qint32(whole.size()) - 1; // before the closing brace, unless a later name comes first
    const qint32 stop = node().next;
    for (qint32 i = m_index + 1; i < stop; i = m_data->nodes[size_t(i)].next) {
        const Node &member = m_data->nodes[size_t(i)];
        const QByteArrayView memberName(m_data->text.constData() + member.key + 1, member.begin - member.key - 3);
        if (keyLess(name, memberName)) {
            at = member.key - node().begin;
            break;
        }
    }
    const bool last = at == whole.size() - 1;
    const bool empty = whole.size() == 2;
    QByteArray out;
    out.reserve(whole.size() + name.size() + value.size() + 4);
    out.append(whole.first(at));
    if (last && !empty)
        out.append(',');
    out.append('"').append(name).append("\":").append(value);
    if (!last)
        out.append(',');
    out.append(whole.sliced(at));
    return out;
}

QByteArrayView View::Value::stringBytes() const
{
    if (kind() != Kind::String)
        return {};
    const QByteArrayView quoted = bytes();
    return quoted.sliced(1, quoted.size() - 2);
}

QByteArrayView View::Value::utf8(QByteArray *scratch) const
{
    const QByteArrayView inner = stringBytes();
    if (!inner.contains('\\'))
        return inner;
    *scratch = unescape(inner);
    return *scratch;
}

QString View::Value::toString() const
{
    return kind() == Kind::String ? decode(stringBytes()) : QString();
}

qint64 View::Value::toInteger(qint64 fallback) const
{
    if (kind() != Kind::Number)
        return fallback;
    const QByteArrayView text = bytes();
    qint64 integer = 0;
    if (const auto [end, ec] = std::from_chars(text.begin(), text.end(), integer);
        ec == std::errc() && end == text.end())
        return integer;
    double value = 0;
    std::from_chars(text.begin(), text.end(), value);
    return std::trunc(value) == value && std::abs(value) < 9.2e18 ? qint64(value) : fallback;
}

} // namespace cs::Jcs
