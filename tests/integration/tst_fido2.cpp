#include "GatewayProcess.h"
#include "TestClients.h"
#include "signing/Crypto.h"
#include "signing/DecisionVerifier.h"
#include "signing/Fido2Signer.h"
#include "util/Tokens.h"

#include <QTest>

#include <fido.h>
#include <fido/eddsa.h>
#include <fido/es256.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

namespace {

// An authenticator simulated from a key the test holds: authenticator data as WebAuthn lays it
// out, and a signature over authenticatorData ‖ clientDataHash as a FIDO2 key makes it.
struct SimulatedAuthenticator
{
    EVP_PKEY *key = nullptr;
    QString algorithm;

    explicit SimulatedAuthenticator(const QString &alg) : algorithm(alg)
    {
        key = alg == Crypto::ES256 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")
                                   : EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    }
    ~SimulatedAuthenticator() { EVP_PKEY_free(key); }

    QByteArray spki() const
    {
        unsigned char *der = nullptr;
        const int length = i2d_PUBKEY(key, &der);
        QByteArray out(reinterpret_cast<const char *>(der), length);
        OPENSSL_free(der);
        return out;
    }

    static QByteArray authData(const QString &rpId, quint8 flags, quint32 counter = 7)
    {
        QByteArray data = Crypto::sha256(rpId.toUtf8());
        data += char(flags);
        for (int shift = 24; shift >= 0; shift -= 8)
            data += char((counter >> shift) & 0xff);
        return data;
    }

    QByteArray sign(const QByteArray &message) const
    {
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        EVP_DigestSignInit(ctx, nullptr, algorithm == Crypto::ES256 ? EVP_sha256() : nullptr, nullptr, key);
        size_t length = 0;
        EVP_DigestSign(ctx, nullptr, &length, reinterpret_cast<const unsigned char *>(message.constData()),
                       size_t(message.size()));
        QByteArray signature(qsizetype(length), Qt::Uninitialized);
        EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()));
        EVP_MD_CTX_free(ctx);
        signature.truncate(qsizetype(length));
        return signature;
    }

    SignatureRecord makeAssertion(const SignedDecision &decision, const QByteArray &authenticatorData) const
    {
        return {algorithm, sign(authenticatorData + Crypto::sha256(decision.canonicalBytes())), authenticatorData};
    }

    // libfido2's own verdict on the assertion, with user presence required.
    int libfido2Verify(const SignedDecision &decision, const SignatureRecord &signature, const QString &rpId) const
    {
        fido_assert_t *assertion = fido_assert_new();
        const QByteArray clientDataHash = Crypto::sha256(decision.canonicalBytes());
        const QByteArray rp = rpId.toUtf8();
        fido_assert_set_count(assertion, 1);
        fido_assert_set_rp(assertion, rp.constData());
        fido_assert_set_up(assertion, FIDO_OPT_TRUE);
        fido_assert_set_clientdata_hash(assertion, reinterpret_cast<const unsigned char *>(clientDataHash.constData()),
                                        size_t(clientDataHash.size()));
        fido_assert_set_authdata_raw(assertion, 0,
                                     reinterpret_cast<const unsigned char *>(signature.authenticatorData.constData()),
                                     size_t(signature.authenticatorData.size()));
        fido_assert_set_sig(assertion, 0, reinterpret_cast<const unsigned char *>(signature.value.constData()),
                            size_t(signature.value.size()));
        int result = FIDO_ERR_INTERNAL;
        if (algorithm == Crypto::ES256) {
            es256_pk_t *pk = es256_pk_new();
            es256_pk_from_EVP_PKEY(pk, key);
            result = fido_assert_verify(assertion, 0, COSE_ES256, pk);
            es256_pk_free(&pk);
        } else {
            eddsa_pk_t *pk = eddsa_pk_new();
            eddsa_pk_from_EVP_PKEY(pk, key);
            result = fido_assert_verify(assertion, 0, COSE_EDDSA, pk);
            eddsa_pk_free(&pk);
        }
        fido_assert_free(&assertion);
        return result;
    }

    KeyRecord keyRecord(const QString &owner) const
    {
        KeyRecord key = KeyEnrollment{KeyType::Fido2, spki(), Crypto::randomBytes(32), {}}.toRecord(owner, {});
        key.status = KeyStatus::Approved;
        return key;
    }
};

SignedDecision sampleDecision(const QString &keyId)
{
    SignedDecision decision;
    decision.actionId = u"act-1"_s;
    decision.actionDigest = QString(64, u'a');
    decision.verdict = Verdict::Approve;
    decision.approver = u"alice"_s;
    decision.keyId = keyId;
    decision.signedAt = u"2026-11-22T10:00:00.000Z"_s;
    decision.nonce = u"bm9uY2Vub25jZW5vbmNl"_s;
    return decision;
}

} // namespace

// FIDO2 without a device: assertions built from a known key, checked both by libfido2's
// fido_assert_verify and by the gateway's own verifier, and end to end through the real gateway.
class TestFido2 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { fido_init(0); }

    void assertion_verifiesWithLibfido2AndOurVerifier_data()
    {
        QTest::addColumn<QString>("algorithm");
        QTest::newRow("ES256") << Crypto::ES256;
        QTest::newRow("EdDSA") << Crypto::Ed25519;
    }

    void assertion_verifiesWithLibfido2AndOurVerifier()
    {
        QFETCH(QString, algorithm);
        const SimulatedAuthenticator authenticator(algorithm);
        const KeyRecord key = authenticator.keyRecord(u"alice"_s);
        QCOMPARE(key.algorithm, algorithm);
        const SignedDecision decision = sampleDecision(key.id);
        const SignatureRecord signature =
            authenticator.makeAssertion(decision, SimulatedAuthenticator::authData(u"countersign"_s, 0x01));
        QCOMPARE(authenticator.libfido2Verify(decision, signature, u"countersign"_s), FIDO_OK);
        QCOMPARE(DecisionVerifier::check(decision, signature, key, u"countersign"_s), std::nullopt);
    }

    void assertion_refusals_haveTheirCode_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("code");
        QTest::newRow("no touch") << u"no-up"_s << ErrorCode::UserPresenceMissing;
        QTest::newRow("other relying party") << u"rp"_s << ErrorCode::RpIdMismatch;
        QTest::newRow("decision changed") << u"changed"_s << ErrorCode::BadSignature;
        QTest::newRow("authenticator data changed") << u"counter"_s << ErrorCode::BadSignature;
        QTest::newRow("authenticator data missing") << u"no-authdata"_s << ErrorCode::MalformedSignature;
        QTest::newRow("truncated signature") << u"truncated"_s << ErrorCode::MalformedSignature;
    }

    void assertion_refusals_haveTheirCode()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, code);
        const SimulatedAuthenticator authenticator(Crypto::ES256);
        const KeyRecord key = authenticator.keyRecord(u"alice"_s);
        SignedDecision decision = sampleDecision(key.id);
        const QString rp = scenario == u"rp" ? u"evil.example"_s : u"countersign"_s;
        SignatureRecord signature = authenticator.makeAssertion(
            decision, SimulatedAuthenticator::authData(rp, scenario == u"no-up" ? 0x00 : 0x01));
        if (scenario == u"changed")
            decision.verdict = Verdict::Deny;
        if (scenario == u"counter")
            signature.authenticatorData[36] = char(signature.authenticatorData[36] + 1);
        if (scenario == u"no-authdata")
            signature.authenticatorData.clear();
        if (scenario == u"truncated")
            signature.value.chop(10);
        const auto refusal = DecisionVerifier::check(decision, signature, key, u"countersign"_s);
        QVERIFY(refusal);
        QCOMPARE(refusal->code, code);
        // libfido2 refuses every one of them as well.
        QVERIFY(authenticator.libfido2Verify(decision, signature, u"countersign"_s) != FIDO_OK);
    }

    void decodeCborByteString_readsLibfido2sAuthData()
    {
        QCOMPARE(Fido2Signer::decodeCborByteString(QByteArray::fromHex("43010203")), QByteArray::fromHex("010203"));
        const QByteArray payload(37, 'x');
        QCOMPARE(Fido2Signer::decodeCborByteString(QByteArray::fromHex("5825") + payload), payload);
        QCOMPARE(Fido2Signer::decodeCborByteString(QByteArray::fromHex("590100") + QByteArray(256, 'y')),
                 QByteArray(256, 'y'));
        QVERIFY(!Fido2Signer::decodeCborByteString(QByteArray::fromHex("5825") + payload.left(10)));
        QVERIFY(!Fido2Signer::decodeCborByteString(QByteArray::fromHex("6161"))); // a text string
        QVERIFY(!Fido2Signer::decodeCborByteString({}));
    }

    void signer_withoutDevice_saysNoDevice()
    {
        if (!Fido2Signer::devicePaths().isEmpty())
            QSKIP("a FIDO2 key is plugged in; this checks the no-device path");
        const SimulatedAuthenticator authenticator(Crypto::ES256);
        Fido2Signer signer(u"countersign"_s, {}, {Crypto::randomBytes(32), authenticator.spki()});
        SignerError error;
        QVERIFY(!signer.sign("decision", {}, &error));
        QCOMPARE(error.code, SignerErrorCode::NoDevice);
        QVERIFY(!signer.enroll({}, &error));
        QCOMPARE(error.code, SignerErrorCode::NoDevice);
        Fido2Signer unenrolled(u"countersign"_s);
        QVERIFY(!unenrolled.sign("decision", {}, &error));
        QCOMPARE(error.code, SignerErrorCode::KeyNotFound);
    }

    // The gateway checks FIDO2 assertions with the enrolled credential key.
    void gateway_acceptsATouchedAssertionAndRefusesAnUntouchedOne()
    {
        const SimulatedAuthenticator authenticator(Crypto::ES256);
        TestPrincipal agent = GatewayProcess::principal(u"agent-1"_s, Role::Agent);
        TestPrincipal alice{u"alice"_s, Role::Approver, Tokens::generate(), {}, {}};
        const QByteArray credentialId = Crypto::randomBytes(32);
        QByteArray pem = Crypto::pemFromSpki(authenticator.spki()).trimmed();
        pem.replace("\n", "\n      ");
        GatewayProcess gateway;
        QVERIFY(gateway.startWithConfig(
            {agent, alice}, "signing:\n  require_hardware_keys: true\n  fido2_rp_id: approvals.example.com\nkeys:\n"
                            "  - owner: alice\n    type: fido2\n    credential_id: " +
                                credentialId.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) +
                                "\n    public_key: |\n      " + pem + "\n"));
        HttpProbe http(gateway.url());
        FeedProbe feed;
        QVERIFY(feed.open(gateway.url(), alice.token));
        QVERIFY(!feed.waitFor(u"snapshot"_s).isEmpty());
        const QString keyId = Crypto::keyIdFor(authenticator.spki());
        const auto decide = [&](quint8 flags) {
            const QJsonObject created = http.submit(agent.token);
            SignedDecision decision =
                feed.decision(created.value(u"id"_s).toString(), u"approve"_s, created.value(u"digest"_s).toString());
            decision.keyId = keyId;
            const SignatureRecord signature = authenticator.makeAssertion(
                decision, SimulatedAuthenticator::authData(u"approvals.example.com"_s, flags));
            return feed.sendDecision(DecisionSubmission{decision, signature}.toJson());
        };
        const QJsonObject untouched = decide(0x00);
        QCOMPARE(untouched.value(u"error"_s).toObject().value(u"code"_s).toString(), ErrorCode::UserPresenceMissing);
        const QJsonObject touched = decide(0x01 | 0x04);
        QVERIFY2(touched.value(u"accepted"_s).toBool(),
                 qPrintable(touched.value(u"error"_s).toObject().value(u"message"_s).toString()));
        const HttpResult exported =
            http.get(u"/v1/actions/%1/decision"_s.arg(touched.value(u"action_id"_s).toString()), alice.token);
        QCOMPARE(exported.body.value(u"key"_s).toObject().value(u"type"_s).toString(), u"fido2"_s);
        QVERIFY(exported.body.value(u"signature"_s).toObject().contains(u"authenticator_data"_s));
        QCOMPARE(exported.body.value(u"fido2_rp_id"_s).toString(), u"approvals.example.com"_s);
    }
};

QTEST_GUILESS_MAIN(TestFido2)
#include "tst_fido2.moc"
