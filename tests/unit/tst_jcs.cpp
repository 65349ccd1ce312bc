#include "json/Jcs.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <bit>
#include <cmath>

using namespace Qt::StringLiterals;
using namespace cs;

class TestJcs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void canonicalize_rfc8785Vectors_matchExpectedBytes_data()
    {
        QTest::addColumn<QString>("name");
        const QDir inputs(QStringLiteral(COUNTERSIGN_TESTDATA_DIR "/jcs/input"));
        const QStringList files = inputs.entryList({u"*.json"_s}, QDir::Files);
        QVERIFY(files.size() >= 6);
        for (const QString &file : files)
            QTest::newRow(qPrintable(file)) << file;
    }

    void canonicalize_rfc8785Vectors_matchExpectedBytes()
    {
        QFETCH(QString, name);
        QFile input(QStringLiteral(COUNTERSIGN_TESTDATA_DIR "/jcs/input/") + name);
        QFile output(QStringLiteral(COUNTERSIGN_TESTDATA_DIR "/jcs/output/") + name);
        QVERIFY(input.open(QIODevice::ReadOnly));
        QVERIFY(output.open(QIODevice::ReadOnly));
        Jcs::Error error;
        const auto canonical = Jcs::canonicalize(input.readAll(), &error);
        QVERIFY2(canonical, qPrintable(error.message));
        QCOMPARE(*canonical, output.readAll());
    }

    // ECMAScript's Number::toString, including the IEEE 754 bit patterns of RFC 8785 appendix B.
    void formatNumber_followsEcmaScript_data()
    {
        QTest::addColumn<quint64>("bits");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("zero") << quint64(0x0000000000000000) << QByteArray("0");
        QTest::newRow("minus zero") << quint64(0x8000000000000000) << QByteArray("0");
        QTest::newRow("min subnormal") << quint64(0x0000000000000001) << QByteArray("5e-324");
        QTest::newRow("-min subnormal") << quint64(0x8000000000000001) << QByteArray("-5e-324");
        QTest::newRow("max") << quint64(0x7fefffffffffffff) << QByteArray("1.7976931348623157e+308");
        QTest::newRow("-max") << quint64(0xffefffffffffffff) << QByteArray("-1.7976931348623157e+308");
        QTest::newRow("2^53") << quint64(0x4340000000000000) << QByteArray("9007199254740992");
        QTest::newRow("-2^53") << quint64(0xc340000000000000) << QByteArray("-9007199254740992");
        QTest::newRow("1e23") << quint64(0x44b52d02c7e14af6) << QByteArray("1e+23");
        QTest::newRow("below 1e23") << quint64(0x44b52d02c7e14af5) << QByteArray("9.999999999999997e+22");
        QTest::newRow("1e21") << quint64(0x444b1ae4d6e2ef50) << QByteArray("1e+21");
        QTest::newRow("1e20") << quint64(0x4415af1d78b58c40) << QByteArray("100000000000000000000");
        QTest::newRow("below 1e20") << quint64(0x4415af1d78b58c3f) << QByteArray("99999999999999980000");
        QTest::newRow("1e-6") << quint64(0x3eb0c6f7a0b5ed8d) << QByteArray("0.000001");
        QTest::newRow("below 1e-6") << quint64(0x3eb0c6f7a0b5ed8c) << QByteArray("9.999999999999997e-7");
        QTest::newRow("1e-7") << std::bit_cast<quint64>(1e-7) << QByteArray("1e-7");
        QTest::newRow("0.1+0.2") << std::bit_cast<quint64>(0.1 + 0.2) << QByteArray("0.30000000000000004");
        QTest::newRow("4.5") << std::bit_cast<quint64>(4.5) << QByteArray("4.5");
        QTest::newRow("-1.5e-10") << std::bit_cast<quint64>(-1.5e-10) << QByteArray("-1.5e-10");
        QTest::newRow("333333333.3333333")
            << std::bit_cast<quint64>(333333333.33333329) << QByteArray("333333333.3333333");
    }

    void formatNumber_followsEcmaScript()
    {
        QFETCH(quint64, bits);
        QFETCH(QByteArray, expected);
        QCOMPARE(Jcs::formatNumber(std::bit_cast<double>(bits)), expected);
    }

    void serialize_escapesOnlyWhatItMust()
    {
        Jcs::Error error;
        const QJsonObject object{{u"b"_s, u"tab\there \"q\" back\\slash \u0001 \u001f / \u007f é 😂"_s},
                                 {u"a"_s, QJsonArray{1, 2.5, true, QJsonValue::Null}}};
        const auto bytes = Jcs::serialize(object, &error);
        QVERIFY(bytes);
        QCOMPARE(*bytes, QByteArray(R"({"a":[1,2.5,true,null],"b":"tab\there \"q\" back\\slash \u0001 \u001f / )"
                                    "\x7f \xc3\xa9 \xf0\x9f\x98\x82\"}"));
    }

    void serialize_sortsByUtf16CodeUnitsNotCodePoints()
    {
        // U+FB33 sorts after U+1F602 by code point but before it by UTF-16 (0xFB33 < 0xD83D).
        Jcs::Error error;
        const auto bytes = Jcs::serialize(QJsonObject{{u"\U0001F602"_s, 1}, {u"\uFB33"_s, 2}}, &error);
        QVERIFY(bytes);
        QCOMPARE(*bytes, u"{\"\U0001F602\":1,\"\uFB33\":2}"_s.toUtf8());
    }

    void parse_duplicateKey_isRefused()
    {
        Jcs::Error error;
        QVERIFY(!Jcs::parse(R"({"a":1,"b":{"c":1,"c":2}})", &error));
        QCOMPARE(error.code, u"duplicate_key"_s);
        QVERIFY(error.message.contains(u"\"c\""_s));
        QCOMPARE(error.offset, 18);
    }

    void parse_loneSurrogate_isRefused_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("high alone") << QByteArray(R"(["\ud83d"])");
        QTest::newRow("low alone") << QByteArray(R"(["\ude02x"])");
        QTest::newRow("high then text") << QByteArray(R"(["\ud83dA"])");
        QTest::newRow("in a key") << QByteArray(R"({"\udc00":1})");
    }

    void parse_loneSurrogate_isRefused()
    {
        QFETCH(QByteArray, text);
        Jcs::Error error;
        QVERIFY(!Jcs::parse(text, &error));
        QCOMPARE(error.code, u"lone_surrogate"_s);
    }

    void serialize_loneSurrogateInQString_isRefused()
    {
        Jcs::Error error;
        QVERIFY(!Jcs::serialize(QJsonArray{QString(QChar(0xD800))}, &error));
        QCOMPARE(error.code, u"lone_surrogate"_s);
    }

    void parse_nonFiniteNumber_isRefused()
    {
        Jcs::Error error;
        QVERIFY(!Jcs::parse("[1e400]", &error));
        QCOMPARE(error.code, u"non_finite_number"_s);
        QVERIFY(!Jcs::parse("[-1e400]", &error));
        QCOMPARE(error.code, u"non_finite_number"_s);
        QVERIFY(!Jcs::parse("[NaN]", &error));
        QCOMPARE(error.code, u"invalid_json"_s);
        QVERIFY(!Jcs::serialize(QJsonArray{std::nan("")}, &error));
        QCOMPARE(error.code, u"non_finite_number"_s);
        QVERIFY(!Jcs::serialize(QJsonArray{HUGE_VAL}, &error));
        QCOMPARE(error.code, u"non_finite_number"_s);
    }

    void parse_underflow_roundsToZero()
    {
        Jcs::Error error;
        QCOMPARE(Jcs::canonicalize("[1e-400,-0.0]", &error).value_or(QByteArray()), QByteArray("[0,0]"));
    }

    void parse_invalidJson_isRefused_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("code");
        QTest::newRow("empty") << QByteArray() << u"invalid_json"_s;
        QTest::newRow("trailing comma") << QByteArray("[1,]") << u"invalid_json"_s;
        QTest::newRow("leading zero") << QByteArray("[01]") << u"invalid_json"_s;
        QTest::newRow("bare dot") << QByteArray("[1.]") << u"invalid_json"_s;
        QTest::newRow("plus sign") << QByteArray("[+1]") << u"invalid_json"_s;
        QTest::newRow("single quotes") << QByteArray("['a']") << u"invalid_json"_s;
        QTest::newRow("raw newline") << QByteArray("[\"a\nb\"]") << u"invalid_json"_s;
        QTest::newRow("bad escape") << QByteArray(R"(["\x41"])") << u"invalid_json"_s;
        QTest::newRow("short unicode escape") << QByteArray(R"(["\u12"])") << u"invalid_json"_s;
        QTest::newRow("two values") << QByteArray("{} {}") << u"invalid_json"_s;
        QTest::newRow("unclosed") << QByteArray(R"({"a":1)") << u"invalid_json"_s;
        QTest::newRow("bad utf8") << QByteArray("[\"\xc3\x28\"]") << u"invalid_utf8"_s;
        QTest::newRow("encoded surrogate") << QByteArray("[\"\xed\xa0\x80\"]") << u"invalid_utf8"_s;
        QTest::newRow("too deep") << QByteArray(100000, '[') << u"too_deep"_s;
    }

    void parse_invalidJson_isRefused()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, code);
        Jcs::Error error;
        QVERIFY(!Jcs::parse(text, &error));
        QCOMPARE(error.code, code);
        QVERIFY(!error.message.isEmpty());
    }

    void canonicalize_isIdempotent()
    {
        Jcs::Error error;
        const QByteArray text = R"({"z":[{"b":1e3,"a":"\u00e9"}],"a":-0.5E-3,"m":{"":null}})";
        const auto once = Jcs::canonicalize(text, &error);
        QVERIFY(once);
        QCOMPARE(*once, QByteArray(R"({"a":-0.0005,"m":{"":null},"z":[{"a":"é","b":1000}]})"));
        QCOMPARE(Jcs::canonicalize(*once, &error).value_or(QByteArray()), *once);
    }
};

QTEST_GUILESS_MAIN(TestJcs)
#include "tst_jcs.moc"
