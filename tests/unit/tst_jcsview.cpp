#include "json/Jcs.h"
#include "json/JcsView.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;

namespace {

// What the view must agree with: a text is canonical exactly when canonicalize() gives it back.
bool isCanonical(const QByteArray &text)
{
    Jcs::Error error;
    const auto canonical = Jcs::canonicalize(text, &error);
    return canonical && *canonical == text;
}

// (No backslash in a raw string: moc 6.4 misreads it.)
const QByteArray kEvent = QByteArray(R"({"action_id":"act-1","actor":"agent","hash":")") +
                          R"(0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","payload":)" +
                          "{\"action\":{\"argv\":[\"psql\",\"-c\",\"DROP TABLE \\\"users\\\"\\n\"],"
                          "\"n\":[1.5,-2,1e+21,0]}}," +
                          R"("prev_hash":"ff","seq":7,"time":"2026-11-22T10:00:00.000Z","type":"action.requested"})";

} // namespace

class TestJcsView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void read_rfc8785Outputs_areAccepted_data()
    {
        QTest::addColumn<QString>("name");
        const QDir outputs(QStringLiteral(COUNTERSIGN_TESTDATA_DIR "/jcs/output"));
        for (const QString &file : outputs.entryList({u"*.json"_s}, QDir::Files))
            QTest::newRow(qPrintable(file)) << file;
    }

    void read_rfc8785Outputs_areAccepted()
    {
        QFETCH(QString, name);
        QFile output(QStringLiteral(COUNTERSIGN_TESTDATA_DIR "/jcs/output/") + name);
        QVERIFY(output.open(QIODevice::ReadOnly));
        const QByteArray text = output.readAll();
        const auto view = Jcs::View::read(text);
        QVERIFY(view);
        QCOMPARE(view->root().bytes(), QByteArrayView(text));
        // ...and their inputs, which are not canonical, are refused.
        QFile input(QStringLiteral(COUNTERSIGN_TESTDATA_DIR "/jcs/input/") + name);
        QVERIFY(input.open(QIODevice::ReadOnly));
        QVERIFY(!Jcs::View::read(input.readAll()));
    }

    void read_nonCanonicalForms_areRefused_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("space") << QByteArray(R"({"a": 1})");
        QTest::newRow("trailing newline") << QByteArray("{}\n");
        QTest::newRow("members out of order") << QByteArray(R"({"b":1,"a":2})");
        QTest::newRow("duplicate member") << QByteArray(R"({"a":1,"a":1})");
        QTest::newRow("escaped slash") << QByteArray(R"(["a\/b"])");
        QTest::newRow("escaped letter") << QByteArray(R"(["\u0041"])");
        QTest::newRow("upper-case hex escape") << QByteArray(R"(["\u001F"])");
        QTest::newRow("long form of a short escape") << QByteArray(R"(["\u000a"])");
        QTest::newRow("lone surrogate escape") << QByteArray(R"(["\ud800"])");
        QTest::newRow("raw control character") << QByteArray("[\"a\x01\"]");
        QTest::newRow("encoded surrogate") << QByteArray("[\"\xed\xa0\x80\"]");
        QTest::newRow("overlong UTF-8") << QByteArray("[\"\xc0\xaf\"]");
        QTest::newRow("truncated UTF-8") << QByteArray("[\"\xe2\x82\"]");
        QTest::newRow("minus zero") << QByteArray("[-0]");
        QTest::newRow("trailing fraction zero") << QByteArray("[1.0]");
        QTest::newRow("exponent not ECMAScript's") << QByteArray("[1e21]");
        QTest::newRow("large integer written out") << QByteArray("[1000000000000000000000]");
        QTest::newRow("leading zero") << QByteArray("[01]");
        QTest::newRow("infinite") << QByteArray("[1e999]");
        QTest::newRow("two values") << QByteArray("[1][2]");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("unclosed") << QByteArray(R"({"a":[1,2})");
        QTest::newRow("bad literal") << QByteArray("[tru]");
    }

    void read_nonCanonicalForms_areRefused()
    {
        QFETCH(QByteArray, text);
        QVERIFY(!isCanonical(text));
        QVERIFY(!Jcs::View::read(text));
    }

    void read_agreesWithCanonicalize_onMutatedTexts()
    {
        // Every one-byte change of a canonical event: the view accepts it exactly when
        // canonicalize() returns it unchanged.
        QVERIFY(isCanonical(kEvent));
        const QByteArray alphabet = " \"\\,:{}[]0123456789-+.eEabuntrfl/\x01\x7f\xc3\xa9\xed";
        QRandomGenerator random(4242);
        int accepted = 0;
        for (int round = 0; round < 20000; ++round) {
            QByteArray text = kEvent;
            const int position = int(random.bounded(text.size()));
            const int choice = int(random.bounded(3));
            if (choice == 0)
                text.remove(position, 1);
            else if (choice == 1)
                text.insert(position, alphabet.at(random.bounded(alphabet.size())));
            else
                text[position] = alphabet.at(random.bounded(alphabet.size()));
            const bool canonical = isCanonical(text);
            accepted += canonical;
            QVERIFY2(bool(Jcs::View::read(text)) == canonical, text.constData());
        }
        QVERIFY(accepted > 100); // the mutations also hit values that stay canonical
    }

    void value_lookupAndSlices_readTheTextInPlace()
    {
        const auto view = Jcs::View::read(kEvent);
        QVERIFY(view);
        const Jcs::View::Value event = view->root();
        QCOMPARE(event[QLatin1StringView("seq")].toInteger(), 7);
        QCOMPARE(event[QLatin1StringView("type")].toString(), u"action.requested"_s);
        QVERIFY(!event[QLatin1StringView("missing")].isValid());
        const auto argv = event[QLatin1StringView("payload")][QLatin1StringView("action")][QLatin1StringView("argv")];
        QCOMPARE(argv.children().size(), 3u);
        QCOMPARE(argv.children().at(2).toString(), u"DROP TABLE \"users\"\n"_s);
        const auto numbers = event[QLatin1StringView("payload")][QLatin1StringView("action")][QLatin1StringView("n")];
        QCOMPARE(numbers.bytes(), QByteArrayView("[1.5,-2,1e+21,0]"));
        QCOMPARE(numbers.children().at(1).toInteger(), -2);

        // Removing a member leaves the canonical form of the rest, wherever the member stands.
        const auto withoutHash = event.bytesWithout(QLatin1StringView("hash"));
        QVERIFY(isCanonical(withoutHash));
        QVERIFY(!withoutHash.contains("\"hash\""));
        QCOMPARE(withoutHash.size(), kEvent.size() - qsizetype(strlen(R"(,"hash":"")")) - 64);
        const auto pair = Jcs::View::read(R"({"a":1,"b":2})");
        const auto first = pair->root();
        QCOMPARE(first.bytesWithout(QLatin1StringView("a")), QByteArray(R"({"b":2})"));
        QCOMPARE(first.bytesWithout(QLatin1StringView("b")), QByteArray(R"({"a":1})"));
        QCOMPARE(Jcs::View::read(R"({"a":1})")->root().bytesWithout(QLatin1StringView("a")), QByteArray("{}"));
    }

    void read_keysBeyondTheBmp_sortByUtf16()
    {
        // U+1F600 (UTF-16 D83D DE00) sorts before U+FB33 (FB33) in UTF-16, after it in UTF-8.
        const QByteArray text = "{\"\xf0\x9f\x98\x80\":1,\"\xef\xac\xb3\":2}";
        QVERIFY(isCanonical(text));
        QVERIFY(Jcs::View::read(text));
        QVERIFY(!Jcs::View::read("{\"\xef\xac\xb3\":2,\"\xf0\x9f\x98\x80\":1}"));
    }
};

QTEST_GUILESS_MAIN(TestJcsView)
#include "tst_jcsview.moc"
