#include "GatewayProcess.h"
#include "TestClients.h"
#include "signing/Crypto.h"
#include "signing/SoftwareSigner.h"
#include "util/Tokens.h"
#include "wire/ActionCodec.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// Signed decisions against the real gateway: every way a decision can fail to count, each with
// its code and its decision.refused event; key enrollment and operator approval; and the export
// that a third party checks offline with OpenSSL and with countersign-cli verify-decision.
class TestSigning : public QObject
{
    Q_OBJECT

    GatewayProcess m_gateway;
    TestPrincipal m_agent = GatewayProcess::principal(u"agent-1"_s, Role::Agent);
    TestPrincipal m_alice = GatewayProcess::principal(u"alice"_s, Role::Approver);
    TestPrincipal m_bob = GatewayProcess::principal(u"bob"_s, Role::Approver);
    TestPrincipal m_carol = {u"carol"_s, Role::Approver, Tokens::generate(), {}, {}}; // no configured key
    std::unique_ptr<HttpProbe> m_http;

    QJsonObject submit(const QJsonObject &overrides = {}, const TestPrincipal *as = nullptr)
    {
        return m_http->submit((as ? as : &m_agent)->token, overrides);
    }

    static QString errorCode(const QJsonObject &result)
    {
        return result.value(u"error"_s).toObject().value(u"code"_s).toString();
    }

    static QString runTool(const QString &program, const QStringList &arguments, int *exitCode,
                           const QByteArray &input = {})
    {
        QProcess process;
        process.start(program, arguments);
        process.write(input);
        process.closeWriteChannel();
        if (!process.waitForFinished(30000))
            return u"timeout"_s;
        *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        return QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
    }

private Q_SLOTS:
    void initTestCase()
    {
        // carol has no configured key: she enrolls hers through the API.
        QVERIFY(
            m_gateway.startWithConfig({m_agent, m_alice, m_bob, m_carol}, "signing:\n  max_clock_skew_seconds: 60\n"));
        m_http = std::make_unique<HttpProbe>(m_gateway.url());
    }

    void decide_refusal_hasItsCodeAndIsRecorded_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("code");
        QTest::newRow("wrong key") << u"wrong-key"_s << u"bad_signature"_s;
        QTest::newRow("another approver's key") << u"bobs-key"_s << u"key_not_owned"_s;
        QTest::newRow("unknown key") << u"unknown-key"_s << u"unknown_key"_s;
        QTest::newRow("signed for another approver") << u"approver"_s << u"approver_mismatch"_s;
        QTest::newRow("changed action") << u"digest"_s << u"digest_mismatch"_s;
        QTest::newRow("signature over other bytes") << u"other-bytes"_s << u"bad_signature"_s;
        QTest::newRow("truncated signature") << u"truncated"_s << u"malformed_signature"_s;
        QTest::newRow("unknown algorithm") << u"rs256"_s << u"unsupported_algorithm"_s;
        QTest::newRow("algorithm of another key type") << u"es256"_s << u"algorithm_mismatch"_s;
        QTest::newRow("clock skew") << u"skew"_s << u"clock_skew"_s;
        QTest::newRow("expired action") << u"expired"_s << u"expired"_s;
        QTest::newRow("already decided") << u"decided"_s << u"not_pending"_s;
        QTest::newRow("self-approval") << u"self"_s << u"self_approval"_s;
        QTest::newRow("on-behalf-of approval") << u"behalf"_s << u"on_behalf_of_approval"_s;
        QTest::newRow("unsigned") << u"unsigned"_s << u"signature_required"_s;
    }

    void decide_refusal_hasItsCodeAndIsRecorded()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, code);
        const QJsonObject created = scenario == u"self"      ? submit({}, &m_alice)
                                    : scenario == u"behalf"  ? submit({{u"on_behalf_of"_s, m_alice.id}})
                                    : scenario == u"expired" ? submit({{u"ttl_seconds"_s, 1}})
                                                             : submit();
        const QString id = created.value(u"id"_s).toString();
        QString digest = created.value(u"digest"_s).toString();
        FeedProbe alice;
        QVERIFY(alice.open(m_gateway.url(), m_alice));
        QVERIFY(!alice.waitFor(u"snapshot"_s).isEmpty());
        if (scenario == u"decided") {
            FeedProbe bob;
            QVERIFY(bob.open(m_gateway.url(), m_bob));
            QVERIFY(bob.decide(id, u"deny"_s, digest, u"not today"_s).value(u"accepted"_s).toBool());
        }
        if (scenario == u"expired")
            QTest::qWait(1200);
        if (scenario == u"digest")
            digest = QString::fromLatin1(Crypto::sha256("some other action").toHex());

        SignedDecision decision = alice.decision(id, u"approve"_s, digest);
        if (scenario == u"bobs-key") {
            alice.setSigningKey(m_bob.signingSeed);
            decision.keyId = Crypto::keyIdFor(*Crypto::ed25519PublicFromSeed(m_bob.signingSeed));
        }
        if (scenario == u"wrong-key")
            alice.setSigningKey(SoftwareSigner::generateSeed()); // the key id stays alice's
        if (scenario == u"unknown-key")
            decision.keyId = u"k-00000000000000000000"_s;
        if (scenario == u"approver")
            decision.approver = m_bob.id;
        if (scenario == u"skew")
            decision.signedAt = formatTime(QDateTime::currentDateTimeUtc().addSecs(-600));
        SignatureRecord signature = alice.sign(decision);
        if (scenario == u"other-bytes")
            decision.reason = u"changed after signing"_s;
        if (scenario == u"truncated")
            signature.value.truncate(40);
        if (scenario == u"rs256")
            signature.algorithm = u"RS256"_s;
        if (scenario == u"es256")
            signature.algorithm = u"ES256"_s;

        const int from = int(alice.messages().size());
        const QJsonObject result = scenario == u"unsigned"
                                       ? alice.sendDecision({{u"action_id"_s, id}, {u"verdict"_s, u"approve"_s}})
                                       : alice.sendDecision(DecisionSubmission{decision, signature}.toJson());
        QCOMPARE(result.value(u"accepted"_s).toBool(), false);
        QCOMPARE(errorCode(result), code);
        QVERIFY(!result.value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty());
        // The attempt is in the log: who, on what, why.
        const QJsonObject refused = alice.waitForEvent(u"decision.refused"_s, from);
        QCOMPARE(refused.value(u"actor"_s).toString(), m_alice.id);
        QCOMPARE(refused.value(u"action_id"_s).toString(), id);
        QCOMPARE(refused.value(u"payload"_s).toObject().value(u"code"_s).toString(), code);
        const QString status =
            m_http->get(u"/v1/actions/%1"_s.arg(id), m_agent.token).body.value(u"status"_s).toString();
        QVERIFY2(status != u"approved"_s, "a refused decision approved the action");
    }

    void replayedDecision_isRefusedWithReplayedNonce()
    {
        const QJsonObject first = submit();
        FeedProbe alice;
        QVERIFY(alice.open(m_gateway.url(), m_alice));
        const SignedDecision decision =
            alice.decision(first.value(u"id"_s).toString(), u"approve"_s, first.value(u"digest"_s).toString());
        const QJsonObject message = DecisionSubmission{decision, alice.sign(decision)}.toJson();
        QVERIFY(alice.sendDecision(message).value(u"accepted"_s).toBool());
        QCOMPARE(errorCode(alice.sendDecision(message)), u"replayed_nonce"_s);

        // The same nonce in a fresh signature on another action is a replay too.
        const QJsonObject second = submit();
        SignedDecision reused =
            alice.decision(second.value(u"id"_s).toString(), u"approve"_s, second.value(u"digest"_s).toString());
        reused.nonce = decision.nonce;
        QCOMPARE(errorCode(alice.sendDecision(DecisionSubmission{reused, alice.sign(reused)}.toJson())),
                 u"replayed_nonce"_s);
    }

    void httpDecision_isVerifiedLikeTheFeed()
    {
        const QJsonObject created = submit();
        const QString id = created.value(u"id"_s).toString();
        FeedProbe alice;
        QVERIFY(alice.open(m_gateway.url(), m_alice));
        SignedDecision decision = alice.decision(id, u"deny"_s, created.value(u"digest"_s).toString(), u"no"_s);
        SignatureRecord signature = alice.sign(decision);
        signature.value[5] = char(signature.value[5] ^ 0x01);
        const HttpResult forged = m_http->post(u"/v1/actions/%1/decision"_s.arg(id), m_alice.token,
                                               DecisionSubmission{decision, signature}.toJson());
        QCOMPARE(forged.status, 403);
        QCOMPARE(forged.errorCode(), u"bad_signature"_s);
        const HttpResult accepted = m_http->post(u"/v1/actions/%1/decision"_s.arg(id), m_alice.token,
                                                 DecisionSubmission{decision, alice.sign(decision)}.toJson());
        QCOMPARE(accepted.status, 200);
        QCOMPARE(accepted.body.value(u"status"_s).toString(), u"denied"_s);
    }

    void enrolledKey_countsOnlyAfterOperatorApproval()
    {
        const QByteArray seed = SoftwareSigner::generateSeed();
        const QByteArray spki = *Crypto::ed25519PublicFromSeed(seed);
        const HttpResult enrolled = m_http->post(
            u"/v1/keys"_s, m_carol.token, KeyEnrollment{KeyType::Software, spki, {}, u"carol laptop"_s}.toJson());
        QCOMPARE(enrolled.status, 201);
        const QString keyId = enrolled.body.value(u"id"_s).toString();
        QCOMPARE(keyId, Crypto::keyIdFor(spki));
        QCOMPARE(enrolled.body.value(u"status"_s).toString(), u"pending"_s);
        QCOMPARE(enrolled.body.value(u"assurance"_s).toString(), u"software"_s);
        QCOMPARE(m_http->post(u"/v1/keys"_s, m_carol.token, KeyEnrollment{KeyType::Software, spki, {}, {}}.toJson())
                     .errorCode(),
                 u"key_exists"_s);
        QCOMPARE(m_http->post(u"/v1/keys"_s, m_agent.token, KeyEnrollment{KeyType::Software, spki, {}, {}}.toJson())
                     .errorCode(),
                 u"forbidden_role"_s);

        const QJsonObject created = submit();
        const QString id = created.value(u"id"_s).toString();
        FeedProbe carol;
        QVERIFY(carol.open(m_gateway.url(), m_carol.token));
        carol.setSigningKey(seed);
        QVERIFY(!carol.waitFor(u"snapshot"_s).isEmpty());
        QCOMPARE(errorCode(carol.decide(id, u"approve"_s, created.value(u"digest"_s).toString())),
                 u"key_not_approved"_s);

        int exitCode = -1;
        const QString output =
            runTool(GatewayProcess::binaryPath(),
                    QStringList{u"key"_s, u"approve"_s, keyId, u"--by"_s, u"ops-oncall"_s} + m_gateway.storeArguments(),
                    &exitCode);
        QVERIFY2(exitCode == 0, qPrintable(output));
        QVERIFY(output.contains(u"approved"_s));
        QCOMPARE(runTool(GatewayProcess::binaryPath(),
                         QStringList{u"key"_s, u"approve"_s, u"k-nope"_s} + m_gateway.storeArguments(), &exitCode)
                     .contains(u"unknown_key"_s),
                 true);
        QCOMPARE(exitCode, 1);
        const QJsonObject result = carol.decide(id, u"approve"_s, created.value(u"digest"_s).toString());
        QVERIFY2(result.value(u"accepted"_s).toBool(), qPrintable(errorCode(result)));
        const QJsonArray keys = m_http->get(u"/v1/keys"_s, m_carol.token).body.value(u"keys"_s).toArray();
        QCOMPARE(keys.size(), 1);
        QCOMPARE(keys.first().toObject().value(u"approved_by"_s).toString(), u"ops-oncall"_s);
    }

    void softwareKey_whereHardwareIsRequired_isRefused()
    {
        GatewayProcess strict;
        QVERIFY(strict.startWithConfig({m_agent, m_alice}, "signing:\n  require_hardware_keys: true\n"));
        HttpProbe http(strict.url());
        const QJsonObject created = http.submit(m_agent.token);
        FeedProbe alice;
        QVERIFY(alice.open(strict.url(), m_alice));
        QCOMPARE(errorCode(alice.decide(created.value(u"id"_s).toString(), u"approve"_s,
                                        created.value(u"digest"_s).toString())),
                 u"software_key_refused"_s);
    }

    // docs/protocol.md, "Checking a decision with OpenSSL", step by step with standard tools.
    void exportedDecision_verifiesWithOpenSslAndTheCli()
    {
        const QJsonObject created =
            submit({{u"context"_s, QJsonObject{{u"ticket"_s, u"CHG-1 ünïcode"_s}, {u"n"_s, 1.5}, {u"rows"_s, 1e20}}}});
        const QString id = created.value(u"id"_s).toString();
        FeedProbe alice;
        QVERIFY(alice.open(m_gateway.url(), m_alice));
        QVERIFY(alice.decide(id, u"approve"_s, created.value(u"digest"_s).toString()).value(u"accepted"_s).toBool());
        const HttpResult exported = m_http->get(u"/v1/actions/%1/decision"_s.arg(id), m_alice.token);
        QCOMPARE(exported.status, 200);

        QTemporaryDir dir;
        const auto write = [&dir](const QString &name, const QByteArray &bytes) {
            QFile file(dir.filePath(name));
            return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
        };
        QVERIFY(write(u"decision.json"_s, exported.raw));
        const QString script =
            u"set -e; cd '%1'\n"
            "jq -r .key.public_key decision.json > approver.pem\n"
            "jq -r .signature.value decision.json | base64 -d > signature.bin\n"
            "jq .decision decision.json | '%2' canonicalize > decision.jcs\n"
            "openssl pkeyutl -verify -pubin -inkey approver.pem -rawin -in decision.jcs "
            "-sigfile signature.bin\n"
            "jq .request decision.json | '%2' canonicalize "
            "| sha256sum | cut -d' ' -f1 > digest.txt\n"
            "test \"$(cat digest.txt)\" = \"$(jq -r .decision.action_digest decision.json)\"\n"_s.arg(
                dir.path(), QStringLiteral(COUNTERSIGN_CLI_BIN));
        int exitCode = -1;
        QString output = runTool(u"bash"_s, {u"-c"_s, script}, &exitCode);
        QVERIFY2(exitCode == 0, qPrintable(output));
        QVERIFY2(output.contains(u"Signature Verified Successfully"_s), qPrintable(output));

        QVERIFY(write(u"alice.pem"_s, Crypto::pemFromSpki(*Crypto::ed25519PublicFromSeed(m_alice.signingSeed))));
        output = runTool(
            QStringLiteral(COUNTERSIGN_CLI_BIN),
            {u"verify-decision"_s, dir.filePath(u"decision.json"_s), u"--public-key"_s, dir.filePath(u"alice.pem"_s)},
            &exitCode);
        QVERIFY2(exitCode == 0 && output.startsWith(u"OK: approve"_s), qPrintable(output));

        // Any change is caught: the action's request, the verdict, or the key trusted.
        QVERIFY(write(u"tampered.json"_s, QByteArray(exported.raw).replace("CHG-1", "CHG-2")));
        output = runTool(QStringLiteral(COUNTERSIGN_CLI_BIN), {u"verify-decision"_s, dir.filePath(u"tampered.json"_s)},
                         &exitCode);
        QCOMPARE(exitCode, 1);
        QVERIFY2(output.contains(u"digest_mismatch"_s), qPrintable(output));
        QVERIFY(write(u"bob.pem"_s, Crypto::pemFromSpki(*Crypto::ed25519PublicFromSeed(m_bob.signingSeed))));
        output = runTool(
            QStringLiteral(COUNTERSIGN_CLI_BIN),
            {u"verify-decision"_s, dir.filePath(u"decision.json"_s), u"--public-key"_s, dir.filePath(u"bob.pem"_s)},
            &exitCode);
        QCOMPARE(exitCode, 1);
        QVERIFY2(output.contains(u"bad_signature"_s), qPrintable(output));
    }

    void cliDecide_signsWithASoftwareKeyFileAndEnrolls()
    {
        QTemporaryDir dir;
        const QString keyUri = u"software:"_s + dir.filePath(u"dave.key"_s);
        TestPrincipal dave = GatewayProcess::principal(u"dave"_s, Role::Approver);
        GatewayProcess gateway;
        QVERIFY(gateway.startWithConfig({m_agent, dave}, "keys: []\n"));
        const QStringList connection{u"--url"_s, gateway.url().toString(), u"--token"_s, dave.token};
        int exitCode = -1;
        QString output = runTool(QStringLiteral(COUNTERSIGN_CLI_BIN),
                                 QStringList{u"key"_s, u"enroll"_s, u"--key"_s, keyUri} + connection, &exitCode);
        QVERIFY2(exitCode == 0, qPrintable(output));
        const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther;
        QVERIFY(!(QFile(dir.filePath(u"dave.key"_s)).permissions() & others)); // the key file is owner-only
        const QString keyId = output.section(u' ', 2, 2);
        QVERIFY(keyId.startsWith(u"k-"_s));
        QCOMPARE(runTool(GatewayProcess::binaryPath(),
                         QStringList{u"key"_s, u"approve"_s, keyId} + gateway.storeArguments(), &exitCode)
                     .isEmpty(),
                 false);
        QCOMPARE(exitCode, 0);

        const QString id = HttpProbe(gateway.url()).submit(m_agent.token).value(u"id"_s).toString();
        output = runTool(QStringLiteral(COUNTERSIGN_CLI_BIN), QStringList{u"pending"_s} + connection, &exitCode);
        QVERIFY2(exitCode == 0 && output.contains(id), qPrintable(output));
        output = runTool(QStringLiteral(COUNTERSIGN_CLI_BIN),
                         QStringList{u"decide"_s, id, u"--deny"_s, u"--key"_s, keyUri} + connection, &exitCode);
        QCOMPARE(exitCode, 3);
        QVERIFY2(output.contains(u"reason_required"_s), qPrintable(output));
        output =
            runTool(QStringLiteral(COUNTERSIGN_CLI_BIN),
                    QStringList{u"decide"_s, id, u"--deny"_s, u"--reason"_s, u"change freeze"_s, u"--key"_s, keyUri} +
                        connection,
                    &exitCode);
        QVERIFY2(exitCode == 0 && output.contains(u"denied"_s), qPrintable(output));
    }

    void canonicalize_printsJcsAndRefusesDuplicates()
    {
        int exitCode = -1;
        QCOMPARE(runTool(QStringLiteral(COUNTERSIGN_CLI_BIN), {u"canonicalize"_s}, &exitCode,
                         "{ \"b\": [1.0, 1e21], \"a\": \"\\u00e9\" }"),
                 u"{\"a\":\"é\",\"b\":[1,1e+21]}"_s);
        QCOMPARE(exitCode, 0);
        const QString output =
            runTool(QStringLiteral(COUNTERSIGN_CLI_BIN), {u"canonicalize"_s}, &exitCode, "{\"a\":1,\"a\":2}");
        QCOMPARE(exitCode, 3);
        QVERIFY2(output.contains(u"duplicate_key"_s), qPrintable(output));
    }
};

QTEST_GUILESS_MAIN(TestSigning)
#include "tst_signing.moc"
