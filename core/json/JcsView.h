#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QLatin1StringView>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace cs::Jcs {

// A JSON text that is already in its RFC 8785 canonical form, read in place. One pass checks that
// the bytes are exactly what serialize() writes for their value (so they are also valid, strict
// JSON: no duplicate member, no lone surrogate, no whitespace) and indexes every value, without
// copying a string or building a QJsonValue. Values then hand out their own canonical bytes, so a
// member's hashable form is a slice of the text as received.
//
// The audit mirror reads the gateway's pages this way; anything not canonical is read with
// parse() and serialize() instead, which also says what is wrong with it.
class View
{
public:
    enum class Kind : quint8 { Null, False, True, Number, String, Array, Object };

private:
    struct Node
    {
        qint32 begin; // first byte of the value
        qint32 end;   // one past its last byte
        qint32 next;  // index of the node after this value and everything inside it
        qint32 key;   // first byte of the member name (its quote), -1 outside objects
        Kind kind;
    };
    struct Data
    {
        QByteArray text;
        std::vector<Node> nodes;
    };

public:
    // One value inside the text. Cheap to copy; stays valid as long as any View of the text lives.
    class Value
    {
    public:
        Value() = default;
        bool isValid() const { return m_data != nullptr; }
        Kind kind() const;
        bool isObject() const { return kind() == Kind::Object; }
        bool isArray() const { return kind() == Kind::Array; }
        bool isString() const { return kind() == Kind::String; }

        // The canonical bytes of this value.
        QByteArrayView bytes() const;
        // The member `key` of an object; invalid when absent or when this is not an object.
        Value operator[](QLatin1StringView key) const;
        bool contains(QLatin1StringView key) const { return (*this)[key].isValid(); }
        // The members' values or the elements, in order.
        std::vector<Value> children() const;
        // The canonical bytes of this object without the member `key`: still canonical, since
        // removing a member keeps the others in order.
        QByteArray bytesWithout(QLatin1StringView key) const;
        // The canonical bytes of this object with the member `key` (a plain ASCII name it does
        // not have yet) set to `value` (canonical bytes), in its place in the order.
        QByteArray bytesWith(QLatin1StringView key, QByteArrayView value) const;

        // A string's text (a null QString for anything else), and its bytes between the quotes
        // as written (its UTF-8 text when it holds no backslash).
        QString toString() const;
        QByteArrayView stringBytes() const;
        // A string's UTF-8 text: stringBytes() when it holds no escape, else decoded into `scratch`.
        QByteArrayView utf8(QByteArray *scratch) const;
        qint64 toInteger(qint64 fallback = 0) const;

    private:
        friend class View;
        Value(const Data *data, qint32 index, qint32 stop) : m_data(data), m_index(index), m_stop(stop) {}
        const Node &node() const { return m_data->nodes[size_t(m_index)]; }

        const Data *m_data = nullptr;
        qint32 m_index = 0;
        qint32 m_stop = 0; // the end of the parent's subtree: where siblings stop
    };

    // The view of `text`, or nothing when `text` is not exactly the canonical form of a JSON value.
    static std::optional<View> read(QByteArray text);
    // The view of `value`'s canonical form; nothing when it has none (a lone surrogate).
    static std::optional<View> of(const QJsonValue &value);

    Value root() const { return Value(m_data.get(), 0, qint32(m_data->nodes.size())); }
    const QByteArray &text() const { return m_data->text; }

private:
    class Scanner;
    explicit View(std::shared_ptr<const Data> data) : m_data(std::move(data)) {}

    std::shared_ptr<const Data> m_data;
};

} // namespace cs::Jcs
