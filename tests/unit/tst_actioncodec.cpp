#include "SampleActions.h"
#include "wire/ActionCodec.h"
#include "audit/AuditChain.h"
#include "signing/SignedDecision.h"
#include "json/Jcs.h"
#include "wire/FeedMessages.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace cs;

class TestActionCodec : public QObject
{
    Q_OBJECT

    static QJsonObject valid()
    {
        return QJsonObject{
            {u"kind"_s, u"deploy"_s},
            {u"command"_s, u"kubectl apply -f prod.yaml"_s},
            {u"target"_s,
             QJsonObject{{u"system"_s, u"k8s"_s}, {u"resource"_s, u"checkout"_s}, {u"environment"_s, u"production"_s}}},
            {u"justification"_s, u"Release 2.14"_s}};
    }

private Q_SLOTS:
    // formatTime writes what Qt::ISODateWithMs writes, in UTC, and parseTime reads it back.
    void formatTime_isIsoDateWithMsInUtc_data()
    {
        QTest::addColumn<QDateTime>("time");
        QTest::newRow("epoch") << QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
        QTest::newRow("whole second") << QDateTime(QDate(2026, 12, 4), QTime(2, 8, 43), Qt::UTC);
        QTest::newRow("milliseconds") << QDateTime(QDate(2026, 1, 31), QTime(23, 59, 59, 7), Qt::UTC);
        QTest::newRow("another zone") << QDateTime(QDate(2026, 3, 29), QTime(1, 30, 0, 120),
                                                   QTimeZone(5 * 3600 + 1800));
        QTest::newRow("year 1") << QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC);
        QTest::newRow("year 9999") << QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC);
        QTest::newRow("year 10000") << QDateTime(QDate(10000, 1, 1), QTime(0, 0), Qt::UTC);
        QTest::newRow("invalid") << QDateTime();
    }
    void formatTime_isIsoDateWithMsInUtc()
    {
        QFETCH(QDateTime, time);
        const QString text = formatTime(time);
        QCOMPARE(text, time.toUTC().toString(Qt::ISODateWithMs));
        if (time.isValid() && time.date().year() >= 1970 && time.date().year() <= 9999)
            QCOMPARE(parseTime(text), time);
    }

    // The snapshot is joined from each action's text; its bytes are those of the one whole object.
    void snapshot_isTheDocumentOfTheWholeObject_andReadsBack()
    {
        for (int count : {0, 1, 3}) {
            FeedMessages::Snapshot snapshot;
            snapshot.seq = 9007199254740991; // 2^53 - 1: still printed as an integer
            for (int i = 0; i < count; ++i) {
                Action action;
                action.id = u"a-%1"_s.arg(i);
                action.initiator = u"deploy-bot"_s;
                action.request.kind = u"deploy"_s;
                action.request.command = u"echo \"quoted\" \u202E 1e20"_s;
                action.request.target = {u"k8s"_s, u"svc"_s, u"prod"_s};
                action.request.justification = u"why"_s;
                action.request.context = QJsonObject{{u"n"_s, 1e20}, {u"list"_s, QJsonArray{1, u"two"_s}}};
                action.createdAt = QDateTime(QDate(2026, 12, 4), QTime(2, 8, 43, 123), Qt::UTC);
                action.expiresAt = action.createdAt.addSecs(900);
                action.digest = action.computeDigest();
                snapshot.actions.append(action);
            }
            QJsonArray actions;
            for (const Action &action : std::as_const(snapshot.actions))
                actions.append(ActionCodec::toJson(action));
            Jcs::Error jsonError;
            const auto whole = Jcs::serialize(
                QJsonObject{{u"type"_s, u"snapshot"_s}, {u"seq"_s, snapshot.seq}, {u"actions"_s, actions}}, &jsonError);
            QVERIFY(whole);
            const QByteArray written = FeedMessages::snapshot(snapshot);
            QCOMPARE(written, *whole); // canonical: what a console reads in place

            WireError error;
            const auto inPlace = FeedMessages::readCanonicalSnapshot(written, &error);
            QVERIFY2(inPlace, qPrintable(error.message));
            QString type;
            const auto message = FeedMessages::parse(written, &type, &error);
            QVERIFY2(message, qPrintable(error.message));
            const auto read = FeedMessages::parseSnapshot(*message, &error);
            QVERIFY(read);
            for (const auto &snapshotRead : {*inPlace, *read}) {
                QCOMPARE(snapshotRead.seq, snapshot.seq);
                QCOMPARE(int(snapshotRead.actions.size()), count);
                if (count > 0) {
                    QCOMPARE(snapshotRead.actions.last().digest, snapshot.actions.last().digest);
                    QCOMPARE(snapshotRead.actions.last().computeDigest(), snapshot.actions.last().digest);
                    QCOMPARE(snapshotRead.actions.last().request.command, snapshot.actions.last().request.command);
                }
            }
        }
    }

    // A sealed event's body is the canonical form of the event with its hash, and the hash is
    // SHA-256 of the canonical form without it.
    void seal_bodyIsTheCanonicalEventWithItsHash()
    {
        Event event{42,
                    QDateTime(QDate(2026, 12, 5), QTime(18, 30, 1, 250), Qt::UTC),
                    EventType::ActionRequested,
                    u"deploy-bot"_s,
                    u"a-\u00e9"_s,
                    QJsonObject{{u"action"_s, QJsonObject{{u"zeta"_s, 1e21}, {u"alpha"_s, u"\u202E \"x\""_s}}}}};
        event.prevHash = QString(64, u'0');
        const AuditChain::Sealed sealed = AuditChain::seal(event);
        QJsonObject json = ActionCodec::toJson(event);
        json.remove(u"hash"_s);
        Jcs::Error error;
        const auto content = Jcs::serialize(json, &error);
        QVERIFY(content);
        QCOMPARE(sealed.hash,
                 QString::fromLatin1(QCryptographicHash::hash(*content, QCryptographicHash::Sha256).toHex()));
        json.insert(u"hash"_s, sealed.hash);
        QCOMPARE(sealed.body, *Jcs::serialize(json, &error));

        // Joined from the payload's canonical bytes at hand: the same.
        const QByteArray payloadText = *Jcs::serialize(event.payload, &error);
        const AuditChain::Sealed joined = AuditChain::seal(event, payloadText);
        QCOMPARE(joined.hash, sealed.hash);
        QCOMPARE(joined.body, sealed.body);

        // Without an action or a previous hash (the first event, a gateway event).
        Event first{1, event.time, EventType::PolicyLoaded, u"gateway"_s, {}, QJsonObject{{u"rules"_s, 3}}};
        const AuditChain::Sealed bare = AuditChain::seal(first);
        QCOMPARE(bare.hash, AuditChain::hashOf(first));
        QJsonObject firstJson = ActionCodec::toJson(first);
        firstJson.insert(u"hash"_s, bare.hash);
        QCOMPARE(bare.body, *Jcs::serialize(firstJson, &error));

        // No canonical form (a lone surrogate): no hash and no body.
        first.actor = QString(QChar(0xD800));
        QVERIFY(AuditChain::seal(first).hash.isEmpty());
        QVERIFY(AuditChain::seal(first).body.isEmpty());
    }

    // A page of a large snapshot is canonical too, says "more" unless it is the last, and reads back.
    void snapshotPage_isCanonical_andSaysWhetherMoreFollows()
    {
        const QList<QByteArray> texts = cs::test::sampleActionTexts(5);
        QStringList ids;
        for (qsizetype from = 0; from < texts.size(); from += 2) {
            const QByteArray page = FeedMessages::snapshotPage(7, texts, from, 2);
            WireError error;
            const auto inPlace = FeedMessages::readCanonicalSnapshot(page, &error);
            QVERIFY2(inPlace, qPrintable(error.message));
            QString type;
            const auto parsed = FeedMessages::parseSnapshot(*FeedMessages::parse(page, &type, &error), &error);
            QVERIFY(parsed);
            const bool more = from + 2 < texts.size();
            QCOMPARE(inPlace->more, more);
            QCOMPARE(parsed->more, more);
            QCOMPARE(inPlace->seq, 7);
            QCOMPARE(inPlace->actions.size(), more ? 2 : 1);
            for (const Action &action : std::as_const(inPlace->actions))
                ids.append(action.id);
        }
        QCOMPARE(ids, (QStringList{u"a-0"_s, u"a-1"_s, u"a-2"_s, u"a-3"_s, u"a-4"_s}));
        QCOMPARE(FeedMessages::snapshotPage(7, texts, 0, 5), FeedMessages::snapshot(7, texts));
    }

    // Only a canonical snapshot is read in place; any other text goes to the strict parser (and
    // says nothing), and a canonical snapshot holding a broken action is refused with its reason.
    void readCanonicalSnapshot_takesOnlyCanonicalSnapshots()
    {
        WireError error;
        QVERIFY(!FeedMessages::readCanonicalSnapshot(R"({"actions": [], "seq": 1, "type": "snapshot"})", &error));
        QVERIFY(error.isNull());
        QVERIFY(!FeedMessages::readCanonicalSnapshot(R"({"actions":[],"seq":1,"type":"event"})", &error));
        QVERIFY(error.isNull());
        QVERIFY(!FeedMessages::readCanonicalSnapshot(R"({"actions":[],"seq":1,"seq":2,"type":"snapshot"})", &error));
        QVERIFY(error.isNull()); // a duplicate member is not canonical: parse() refuses it
        const auto empty = FeedMessages::readCanonicalSnapshot(R"({"actions":[],"seq":7,"type":"snapshot"})", &error);
        QVERIFY(empty);
        QCOMPARE(empty->seq, 7);
        QVERIFY(!FeedMessages::readCanonicalSnapshot(R"({"actions":[{"id":"a"}],"seq":7,"type":"snapshot"})", &error));
        QVERIFY(!error.isNull());
    }

    void parseTime_readsTheGatewaysFormat_andEveryOtherIsoForm_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime at(QDate(2026, 12, 4), QTime(2, 8, 43, 123), Qt::UTC);
        QTest::newRow("gateway's own") << u"2026-12-04T02:08:43.123Z"_s << at;
        QTest::newRow("no milliseconds") << u"2026-12-04T02:08:43Z"_s << at.addMSecs(-123);
        QTest::newRow("an offset") << u"2026-12-04T03:08:43.123+01:00"_s << at;
        QTest::newRow("month 13") << u"2026-13-04T02:08:43.123Z"_s << QDateTime();
        QTest::newRow("not digits") << u"2026-1x-04T02:08:43.123Z"_s << QDateTime();
        QTest::newRow("empty") << QString() << QDateTime();
    }

    void parseTime_readsTheGatewaysFormat_andEveryOtherIsoForm()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const QDateTime parsed = parseTime(text);
        QCOMPARE(parsed.isValid(), expected.isValid());
        if (expected.isValid()) {
            QCOMPARE(parsed, expected);
            QCOMPARE(parseTime(formatTime(parsed)), parsed);
        }
    }

    void parseRequest_validBody_isAccepted()
    {
        WireError error;
        QJsonObject body = valid();
        body.insert(u"urgency"_s, u"critical"_s);
        body.insert(u"ttl_seconds"_s, 60);
        body.insert(u"on_behalf_of"_s, u"alice"_s);
        body.insert(u"context"_s, QJsonObject{{u"ticket"_s, u"INC-1"_s}});
        const auto request = ActionCodec::parseRequest(body, &error);
        QVERIFY2(request, qPrintable(error.message));
        QCOMPARE(request->kind, u"deploy"_s);
        QCOMPARE(request->urgency, Urgency::Critical);
        QCOMPARE(request->ttlSeconds, 60);
        QCOMPARE(request->onBehalfOf, u"alice"_s);
        QCOMPARE(request->target.environment, u"production"_s);
        QCOMPARE(request->context.value(u"ticket"_s).toString(), u"INC-1"_s);
    }

    void parseRequest_argvInsteadOfCommand_isAccepted()
    {
        QJsonObject body = valid();
        body.remove(u"command"_s);
        body.insert(u"argv"_s, QJsonArray{u"rm"_s, u"-rf"_s, u"/var/lib/old data"_s});
        WireError error;
        const auto request = ActionCodec::parseRequest(body, &error);
        QVERIFY(request);
        QCOMPARE(request->argv.size(), 3);
    }

    void parseRequest_badBodies_areRefusedWithCode_data()
    {
        QTest::addColumn<QString>("member");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("code");
        QTest::newRow("kind missing") << u"kind"_s << QJsonValue(QJsonValue::Undefined) << ErrorCode::MissingField;
        QTest::newRow("kind empty") << u"kind"_s << QJsonValue(u"  "_s) << ErrorCode::MissingField;
        QTest::newRow("kind number") << u"kind"_s << QJsonValue(3) << ErrorCode::InvalidField;
        QTest::newRow("command missing") << u"command"_s << QJsonValue(QJsonValue::Undefined)
                                         << ErrorCode::MissingField;
        QTest::newRow("command array") << u"command"_s << QJsonValue(QJsonArray{1}) << ErrorCode::InvalidField;
        QTest::newRow("justification empty") << u"justification"_s << QJsonValue(u""_s) << ErrorCode::MissingField;
        QTest::newRow("justification missing")
            << u"justification"_s << QJsonValue(QJsonValue::Undefined) << ErrorCode::MissingField;
        QTest::newRow("target missing") << u"target"_s << QJsonValue(QJsonValue::Undefined) << ErrorCode::MissingField;
        QTest::newRow("target string") << u"target"_s << QJsonValue(u"prod"_s) << ErrorCode::InvalidField;
        QTest::newRow("target without env")
            << u"target"_s << QJsonValue(QJsonObject{{u"system"_s, u"a"_s}, {u"resource"_s, u"b"_s}})
            << ErrorCode::MissingField;
        QTest::newRow("urgency unknown") << u"urgency"_s << QJsonValue(u"asap"_s) << ErrorCode::InvalidField;
        QTest::newRow("ttl zero") << u"ttl_seconds"_s << QJsonValue(0) << ErrorCode::InvalidField;
        QTest::newRow("ttl fraction") << u"ttl_seconds"_s << QJsonValue(1.5) << ErrorCode::InvalidField;
        QTest::newRow("ttl string") << u"ttl_seconds"_s << QJsonValue(u"60"_s) << ErrorCode::InvalidField;
        QTest::newRow("context array") << u"context"_s << QJsonValue(QJsonArray{}) << ErrorCode::InvalidField;
        QTest::newRow("on_behalf_of number") << u"on_behalf_of"_s << QJsonValue(7) << ErrorCode::InvalidField;
        QTest::newRow("argv with command") << u"argv"_s << QJsonValue(QJsonArray{u"ls"_s}) << ErrorCode::InvalidField;
    }

    void parseRequest_badBodies_areRefusedWithCode()
    {
        QFETCH(QString, member);
        QFETCH(QJsonValue, value);
        QFETCH(QString, code);
        QJsonObject body = valid();
        if (value.isUndefined())
            body.remove(member);
        else
            body.insert(member, value);
        WireError error;
        QVERIFY(!ActionCodec::parseRequest(body, &error));
        QCOMPARE(error.code, code);
        QVERIFY(!error.message.isEmpty());
    }

    void parseRequest_argvOfNonStrings_isInvalid()
    {
        QJsonObject body = valid();
        body.remove(u"command"_s);
        body.insert(u"argv"_s, QJsonArray{u"ls"_s, 3});
        WireError error;
        QVERIFY(!ActionCodec::parseRequest(body, &error));
        QCOMPARE(error.code, ErrorCode::InvalidField);
    }

    void action_roundTripsThroughJson()
    {
        Action action;
        action.id = u"a1"_s;
        action.initiator = u"bot"_s;
        WireError error;
        action.request = *ActionCodec::parseRequest(valid(), &error);
        action.createdAt = QDateTime::fromMSecsSinceEpoch(1'700'000'000'123, Qt::UTC);
        action.expiresAt = action.createdAt.addSecs(600);
        action.digest = action.computeDigest();
        action.status = ActionStatus::Denied;
        action.resolution = Resolution{u"alice"_s, u"not now"_s, action.createdAt.addSecs(5)};
        const auto back = ActionCodec::actionFromJson(ActionCodec::toJson(action), &error);
        QVERIFY2(back, qPrintable(error.message));
        QCOMPARE(back->createdAt, action.createdAt);
        QCOMPARE(back->status, ActionStatus::Denied);
        QCOMPARE(back->resolution->reason, u"not now"_s);
        QCOMPARE(back->computeDigest(), action.digest);
    }

    void digest_changesWithAnyRequestField()
    {
        Action action;
        action.id = u"a1"_s;
        action.initiator = u"bot"_s;
        WireError error;
        action.request = *ActionCodec::parseRequest(valid(), &error);
        action.createdAt = QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
        action.expiresAt = action.createdAt.addSecs(60);
        const QString digest = action.computeDigest();
        QCOMPARE(digest.size(), 64);
        Action changed = action;
        changed.request.command += u" --all"_s;
        QVERIFY(changed.computeDigest() != digest);
        changed = action;
        changed.request.target.environment = u"staging"_s;
        QVERIFY(changed.computeDigest() != digest);
        changed = action;
        changed.status = ActionStatus::Approved; // status is not part of the request
        QCOMPARE(changed.computeDigest(), digest);
    }

    void digest_isSha256OfTheJcsBytesOfTheRequest()
    {
        Action action;
        action.id = u"a-1"_s;
        action.initiator = u"bot"_s;
        action.request.kind = u"deploy"_s;
        action.request.command = u"make deploy"_s;
        // 1e20 is where JCS (ECMAScript) and QJsonDocument print a number differently.
        action.request.context = {{u"rows"_s, 1e20}, {u"note"_s, u"caf\u00e9"_s}};
        action.createdAt = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000, Qt::UTC);
        action.expiresAt = action.createdAt.addSecs(60);
        // Built without raw strings: moc 6.4 does not get along with a raw string cut in pieces.
        const QByteArray expected = QByteArray("{'command':'make deploy','context':{'note':'caf\xc3\xa9',"
                                               "'rows':100000000000000000000},'created_at':'2027-01-15T08:00:00.000Z',"
                                               "'expires_at':'2027-01-15T08:01:00.000Z','id':'a-1','initiator':'bot',"
                                               "'justification':'','kind':'deploy','target':{'environment':'',"
                                               "'resource':'','system':''},'urgency':'normal'}")
                                        .replace('\'', '"');
        QCOMPARE(action.computeDigest(),
                 QString::fromLatin1(QCryptographicHash::hash(expected, QCryptographicHash::Sha256).toHex()));
    }

    // The request's canonical bytes, joined member by member, are those of its document serialized.
    void canonicalRequest_isTheJcsFormOfTheRequestDocument_data()
    {
        QTest::addColumn<QStringList>("argv");
        QTest::addColumn<QString>("onBehalfOf");
        QTest::addColumn<QJsonObject>("context");
        QTest::addColumn<QString>("text"); // in every string field
        QTest::newRow("command") << QStringList() << QString() << QJsonObject() << u"make deploy"_s;
        QTest::newRow("argv") << QStringList{u"psql"_s, u"-c"_s, u"DROP \"x\";\n"_s} << QString() << QJsonObject()
                              << u"x"_s;
        QTest::newRow("one argv word") << QStringList{u"ls"_s} << QString() << QJsonObject() << QString();
        QTest::newRow("on behalf of, nested context")
            << QStringList() << u"alice"_s
            << QJsonObject{{u"n"_s, 1e21},
                           {u"list"_s, QJsonArray{1, u"two"_s, QJsonObject{{u"\u00e9"_s, true}}}},
                           {u"\u20ac"_s, QJsonValue::Null}}
            << u"caf\u00e9 \u202E \t\x01 \U0001F600 </script>"_s;
    }
    void canonicalRequest_isTheJcsFormOfTheRequestDocument()
    {
        QFETCH(QStringList, argv);
        QFETCH(QString, onBehalfOf);
        QFETCH(QJsonObject, context);
        QFETCH(QString, text);
        Action action;
        action.id = u"a-"_s + text;
        action.initiator = u"bot "_s + text;
        action.request.kind = text;
        action.request.command = text;
        action.request.argv = argv;
        action.request.onBehalfOf = onBehalfOf;
        action.request.context = context;
        action.request.justification = text + text;
        action.request.target = {text, u"r"_s + text, text + u"e"_s};
        action.request.urgency = Urgency::Critical;
        action.createdAt = QDateTime::fromMSecsSinceEpoch(1'800'000'000'007, Qt::UTC);
        action.expiresAt = action.createdAt.addSecs(3600);
        Jcs::Error error;
        const auto expected = Jcs::serialize(action.requestDocument(), &error);
        QVERIFY(expected);
        QCOMPARE(action.canonicalRequest().value_or(QByteArray()), *expected);

        action.request.justification = QString(QChar(0xDC00)); // a lone surrogate: no canonical form
        QVERIFY(!action.canonicalRequest());
        QVERIFY(action.computeDigest().isEmpty());
    }

    void displayCommand_quotesArgvForTheShell()
    {
        Action action;
        action.request.argv = {u"psql"_s, u"-c"_s, u"DROP TABLE users; -- it's fine"_s};
        QCOMPARE(action.displayCommand(), u"psql -c 'DROP TABLE users; -- it'\\''s fine'"_s);
    }

    void decisionSubmission_missingOrBadFields_areRefused_data()
    {
        QTest::addColumn<QJsonObject>("decision");
        QTest::addColumn<QString>("code");
        const QJsonObject valid{{u"protocol"_s, 1},
                                {u"action_id"_s, u"a"_s},
                                {u"action_digest"_s, u"d"_s},
                                {u"verdict"_s, u"approve"_s},
                                {u"reason"_s, u""_s},
                                {u"approver"_s, u"alice"_s},
                                {u"key_id"_s, u"k-1"_s},
                                {u"signed_at"_s, u"2026-01-01T00:00:00.000Z"_s},
                                {u"nonce"_s, u"AAAAAAAAAAAAAAAAAAAAAA"_s}};
        const auto without = [&valid](const QString &key) {
            QJsonObject copy = valid;
            copy.remove(key);
            return copy;
        };
        const auto with = [&valid](const QString &key, const QJsonValue &value) {
            QJsonObject copy = valid;
            copy.insert(key, value);
            return copy;
        };
        QTest::newRow("no action_id") << without(u"action_id"_s) << ErrorCode::MissingField;
        QTest::newRow("no digest") << without(u"action_digest"_s) << ErrorCode::MissingField;
        QTest::newRow("no nonce") << without(u"nonce"_s) << ErrorCode::MissingField;
        QTest::newRow("no protocol") << without(u"protocol"_s) << ErrorCode::UnsupportedProtocol;
        QTest::newRow("protocol 2") << with(u"protocol"_s, 2) << ErrorCode::UnsupportedProtocol;
        QTest::newRow("verdict yes") << with(u"verdict"_s, u"yes"_s) << ErrorCode::InvalidField;
        QTest::newRow("bad time") << with(u"signed_at"_s, u"yesterday"_s) << ErrorCode::InvalidField;
        QTest::newRow("short nonce") << with(u"nonce"_s, u"abc"_s) << ErrorCode::InvalidField;
        QTest::newRow("extra member") << with(u"scope"_s, u"all"_s) << ErrorCode::InvalidField;
    }

    void decisionSubmission_missingOrBadFields_areRefused()
    {
        QFETCH(QJsonObject, decision);
        QFETCH(QString, code);
        WireError error;
        const QJsonObject signature{{u"alg"_s, u"Ed25519"_s}, {u"value"_s, u"AAAA"_s}};
        QVERIFY(!DecisionSubmission::fromJson({{u"decision"_s, decision}, {u"signature"_s, signature}}, &error));
        QCOMPARE(error.code, code);
    }

    void decisionSubmission_unsigned_isRefusedWithSignatureRequired()
    {
        WireError error;
        QVERIFY(!DecisionSubmission::fromJson({{u"action_id"_s, u"a"_s}, {u"verdict"_s, u"approve"_s}}, &error));
        QCOMPARE(error.code, ErrorCode::SignatureRequired);
    }

    void feedParse_nonObjectOrUntyped_isMalformed()
    {
        QString type;
        WireError error;
        QVERIFY(!FeedMessages::parse("[1,2]", &type, &error));
        QCOMPARE(error.code, ErrorCode::MalformedMessage);
        QVERIFY(!FeedMessages::parse("{\"decide\":1}", &type, &error));
        QCOMPARE(error.code, ErrorCode::MalformedMessage);
        QVERIFY(!FeedMessages::parse("{nope", &type, &error));
        QCOMPARE(error.code, ErrorCode::MalformedMessage);
    }
};

QTEST_GUILESS_MAIN(TestActionCodec)
#include "tst_actioncodec.moc"
