#include "audit/AuditExport.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;

// The spreadsheet-safe CSV of the audit export.
class TestAuditExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void neutralizeCell_formulaStarts_getAnApostrophe_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("expected");
        QTest::newRow("equals") << u"=HYPERLINK(\"http://evil\")"_s << u"'=HYPERLINK(\"http://evil\")"_s;
        QTest::newRow("plus") << u"+1+1"_s << u"'+1+1"_s;
        QTest::newRow("minus") << u"-2+3"_s << u"'-2+3"_s;
        QTest::newRow("at") << u"@SUM(A1:A9)"_s << u"'@SUM(A1:A9)"_s;
        QTest::newRow("tab") << u"\t=1"_s << u"'\t=1"_s;
        QTest::newRow("carriage return") << u"\r=1"_s << u"'\r=1"_s;
        QTest::newRow("plain") << u"pg_dump users"_s << u"pg_dump users"_s;
        QTest::newRow("inner equals") << u"a=b"_s << u"a=b"_s;
        QTest::newRow("empty") << QString() << QString();
    }

    void neutralizeCell_formulaStarts_getAnApostrophe()
    {
        QFETCH(QString, cell);
        QFETCH(QString, expected);
        QCOMPARE(AuditExport::neutralizeCell(cell), expected);
    }

    void csvRow_quotesAndNeutralizes()
    {
        const QJsonObject event{
            {u"seq"_s, 7},
            {u"time"_s, u"2026-11-22T01:00:00.000Z"_s},
            {u"type"_s, u"action.requested"_s},
            {u"actor"_s, u"bot"_s},
            {u"action_id"_s, u"a-1"_s},
            {u"hash"_s, u"ab"_s},
            {u"payload"_s,
             QJsonObject{{u"action"_s, QJsonObject{{u"kind"_s, u"db.export"_s},
                                                   {u"command"_s, u"=cmd|' /C calc'!A0"_s},
                                                   {u"justification"_s, u"needs \"quotes\", commas\nand lines"_s},
                                                   {u"target"_s, QJsonObject{{u"system"_s, u"pg"_s}}}}}}}};
        const QByteArray row = AuditExport::csvRow(event);
        QVERIFY(row.endsWith("\r\n"));
        QVERIFY(row.startsWith("7,2026-11-22T01:00:00.000Z,action.requested,bot,a-1,db.export,pg,,,"));
        QVERIFY(row.contains(",'=cmd|' /C calc'!A0,"));
        QVERIFY(row.contains(",\"needs \"\"quotes\"\", commas\nand lines\","));
        QCOMPARE(AuditExport::csvHeader().count(','), row.count(',') - 1); // one comma sits inside the quoted cell
    }
};

QTEST_GUILESS_MAIN(TestAuditExport)
#include "tst_auditexport.moc"
