#include "HttpFraming.h"
#include "wire/WireError.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;
using Verdict = HttpFraming::Verdict;

// The byte-level watch in front of Qt's HTTP parser (Listener): every limit refused as soon as the
// bytes that break it arrive, whether they come at once or one by one.
class TestHttpFraming : public QObject
{
    Q_OBJECT

    static constexpr HttpFraming::Limits kLimits{1000, 512, 10};

    // Feeds `bytes` in pieces of `step` (0: at once) and returns the last verdict.
    static Verdict feed(HttpFraming &framing, const QByteArray &bytes, int step = 0)
    {
        if (step == 0)
            return framing.feed(bytes);
        Verdict verdict = Verdict::Continue;
        for (qsizetype at = 0; at < bytes.size() && verdict == Verdict::Continue; at += step)
            verdict = framing.feed(QByteArrayView(bytes).sliced(at, std::min<qsizetype>(step, bytes.size() - at)));
        return verdict;
    }

private Q_SLOTS:
    void steps_data()
    {
        QTest::addColumn<int>("step");
        QTest::newRow("at once") << 0;
        QTest::newRow("byte by byte") << 1;
        QTest::newRow("in sevens") << 7;
    }

    void pipelinedRequests_withBodies_areFollowed_data() { steps_data(); }
    void pipelinedRequests_withBodies_areFollowed()
    {
        QFETCH(int, step);
        HttpFraming framing(kLimits);
        const QByteArray requests = "\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                                    "POST /v1/actions HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
                                    "POST /v1/x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                    "3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: t\r\n\r\n"
                                    "GET /v1/audit HTTP/1.1\r\n\r\n";
        QCOMPARE(feed(framing, requests, step), Verdict::Continue);
        QCOMPARE(framing.requestCount(), 4);
        QVERIFY(!framing.inHead());
        QVERIFY(!framing.inBody());
    }

    void contentLength_overTheLimit_isRefusedBeforeTheBody_data() { steps_data(); }
    void contentLength_overTheLimit_isRefusedBeforeTheBody()
    {
        QFETCH(int, step);
        HttpFraming framing(kLimits);
        QCOMPARE(feed(framing, "POST /v1/actions HTTP/1.1\r\nContent-Length: 104857600\r\n\r\n", step),
                 Verdict::Refused);
        QCOMPARE(framing.refusal().status, 413);
        QCOMPARE(framing.refusal().code, ErrorCode::PayloadTooLarge);
        QCOMPARE(framing.feed("more bytes"), Verdict::Refused); // and nothing more is read
    }

    void chunkedBody_isCountedAsItArrives()
    {
        HttpFraming framing(kLimits);
        QCOMPARE(framing.feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"), Verdict::Continue);
        QCOMPARE(framing.feed(QByteArray("200\r\n" + QByteArray(0x200, 'a') + "\r\n")), Verdict::Continue);
        QVERIFY(framing.inBody());
        QCOMPARE(framing.feed("200\r\n"), Verdict::Refused); // 1024 > 1000, before its data
        QCOMPARE(framing.refusal().status, 413);
    }

    void malformedChunks_areRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("not hex") << QByteArray("zz\r\n");
        QTest::newRow("negative") << QByteArray("-5\r\n");
        QTest::newRow("too long a size") << QByteArray("1" + QByteArray(2000, '0') + "\r\n");
        QTest::newRow("data longer than its size") << QByteArray("2\r\nabc\r\n");
    }
    void malformedChunks_areRefused()
    {
        QFETCH(QByteArray, body);
        HttpFraming framing(kLimits);
        QCOMPARE(framing.feed(QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + body)),
                 Verdict::Refused);
        QCOMPARE(framing.refusal().status, 400);
        QCOMPARE(framing.refusal().code, ErrorCode::MalformedRequest);
    }

    void heads_overTheLimits_get431_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::newRow("one long field") << QByteArray("GET / HTTP/1.1\r\nX: " + QByteArray(600, 'a') + "\r\n\r\n");
        QTest::newRow("a head that never ends") << QByteArray("GET / HTTP/1.1\r\n" + QByteArray(600, 'a'));
        QByteArray many = "GET / HTTP/1.1\r\n";
        for (int i = 0; i < 11; ++i)
            many += "X" + QByteArray::number(i) + ": y\r\n";
        QTest::newRow("eleven fields") << QByteArray(many + "\r\n");
        QTest::newRow("a long trailer") << QByteArray(
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: " + QByteArray(600, 'a') + "\r\n\r\n");
    }
    void heads_overTheLimits_get431()
    {
        QFETCH(QByteArray, head);
        HttpFraming framing(kLimits);
        QCOMPARE(feed(framing, head, 3), Verdict::Refused);
        QCOMPARE(framing.refusal().status, 431);
        QCOMPARE(framing.refusal().code, ErrorCode::HeadersTooLarge);
    }

    void ambiguousFraming_isRefused_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("code");
        QTest::newRow("length and chunked")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n")
            << ErrorCode::AmbiguousLength;
        QTest::newRow("two lengths") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 4\r\ncontent-length: 5\r\n\r\n")
                                     << ErrorCode::AmbiguousLength;
        QTest::newRow("not a number") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 4x\r\n\r\n")
                                      << ErrorCode::MalformedRequest;
        QTest::newRow("a sign") << QByteArray("POST / HTTP/1.1\r\nContent-Length: +4\r\n\r\n")
                                << ErrorCode::MalformedRequest;
        QTest::newRow("gzip last") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n")
                                   << ErrorCode::MalformedRequest;
        QTest::newRow("folded field") << QByteArray("GET / HTTP/1.1\r\nX: a\r\n  b\r\n\r\n")
                                      << ErrorCode::MalformedRequest;
        QTest::newRow("no name") << QByteArray("GET / HTTP/1.1\r\n: a\r\n\r\n") << ErrorCode::MalformedRequest;
    }
    void ambiguousFraming_isRefused()
    {
        QFETCH(QByteArray, head);
        QFETCH(QString, code);
        HttpFraming framing(kLimits);
        QCOMPARE(framing.feed(head), Verdict::Refused);
        QCOMPARE(framing.refusal().status, 400);
        QCOMPARE(framing.refusal().code, code);
    }

    void websocketUpgrade_endsTheWatch()
    {
        HttpFraming framing(kLimits);
        QCOMPARE(framing.feed("GET /v1/feed HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"),
                 Verdict::Upgraded);
        // Frames follow, of any size: QWebSocket bounds them.
        QCOMPARE(framing.feed(QByteArray(5000, '\x82')), Verdict::Upgraded);
    }

    void partialHead_isInHead_andACompleteBodyIsNot()
    {
        HttpFraming framing(kLimits);
        QVERIFY(!framing.inHead());
        framing.feed("POST / HTTP/1.1\r\nContent-");
        QVERIFY(framing.inHead());
        framing.feed("Length: 3\r\n\r\nab");
        QVERIFY(framing.inBody());
        framing.feed("c");
        QVERIFY(!framing.inBody());
        QCOMPARE(framing.requestCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestHttpFraming)
#include "tst_httpframing.moc"
