#include "GatewayProcess.h"
#include "SoftHsmToken.h"
#include "TestClients.h"
#include "signing/Crypto.h"
#include "signing/DecisionVerifier.h"
#include "signing/Pkcs11Signer.h"
#include "signing/SigningJob.h"
#include "util/Tokens.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// PKCS#11 signing against a real SoftHSM2 token, through p11-kit's registered modules: the code
// path a YubiKey's PIV applet or a smartcard takes, with a token made by the tools an operator uses.
class TestPkcs11 : public QObject
{
    Q_OBJECT

    SoftHsmToken m_token;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_token.create(u"Countersign Test"_s, u"246810"_s, u"approver-key"_s, &error), qPrintable(error));
    }

    void publicKey_isTheTokensP256Key()
    {
        Pkcs11Signer signer(m_token.uri());
        SignerError error;
        const auto spki = signer.publicKey({}, &error);
        QVERIFY2(spki, qPrintable(error.message));
        QCOMPARE(Crypto::algorithmOf(*spki), Crypto::ES256);
    }

    void sign_withPin_producesAnEs256SignatureOpenSslAccepts()
    {
        Pkcs11Signer signer(m_token.uri());
        SignerError error;
        const QByteArray spki = signer.publicKey({}, &error).value_or(QByteArray());
        const QByteArray message = R"({"action_id":"a","verdict":"approve"})";
        const auto signature = signer.sign(message, m_token.pin(), &error);
        QVERIFY2(signature, qPrintable(error.message));
        QCOMPARE(signature->algorithm, Crypto::ES256);
        QCOMPARE(Crypto::verify(spki, Crypto::ES256, message, signature->value), Crypto::VerifyStatus::Valid);
        QCOMPARE(Crypto::verify(spki, Crypto::ES256, message + ' ', signature->value), Crypto::VerifyStatus::Invalid);
    }

    void sign_throughNamedModule_works()
    {
        Pkcs11Signer signer(m_token.uri() + u"?module-path="_s + QString::fromLatin1(SoftHsmToken::kModule));
        SignerError error;
        QVERIFY2(signer.sign("x", m_token.pin(), &error), qPrintable(error.message));
    }

    void sign_failures_haveTheirCode_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("pin");
        QTest::addColumn<QString>("code");
        QTest::newRow("wrong PIN") << QString() << u"000000"_s << SignerErrorCode::PinIncorrect;
        QTest::newRow("no PIN") << QString() << QString() << SignerErrorCode::PinRequired;
        QTest::newRow("no such token") << u"pkcs11:token=Not%20Plugged%20In;object=approver-key"_s << u"246810"_s
                                       << SignerErrorCode::NoDevice;
        QTest::newRow("no such key") << u"pkcs11:token=Countersign%20Test;object=other"_s << u"246810"_s
                                     << SignerErrorCode::KeyNotFound;
        QTest::newRow("not a PKCS#11 URI") << u"pkcs11:token=%zz"_s << u"246810"_s << SignerErrorCode::KeyNotFound;
        QTest::newRow("module missing") << u"pkcs11:token=x?module-path=/nonexistent/module.so"_s << u"1"_s
                                        << SignerErrorCode::NoDevice;
    }

    void sign_failures_haveTheirCode()
    {
        QFETCH(QString, uri);
        QFETCH(QString, pin);
        QFETCH(QString, code);
        Pkcs11Signer signer(uri.isEmpty() ? m_token.uri() : uri);
        SignerError error;
        QVERIFY(!signer.sign("x", pin, &error));
        QCOMPARE(error.code, code);
        QVERIFY(!error.message.isEmpty());
    }

    // The console's path: SigningJob runs the token off the calling thread and reports back.
    void signingJob_signsADecisionOffTheUiThread()
    {
        Action action;
        action.id = u"act-1"_s;
        action.initiator = u"bot"_s;
        action.request.kind = u"deploy"_s;
        action.request.command = u"make deploy"_s;
        action.createdAt = QDateTime::currentDateTimeUtc();
        action.expiresAt = action.createdAt.addSecs(60);
        action.digest = action.computeDigest();
        auto signer = std::make_shared<Pkcs11Signer>(m_token.uri());
        SigningJob job(signer, {action, Verdict::Approve, {}, u"alice"_s, m_token.pin(), action.createdAt});
        QSignalSpy finished(&job, &SigningJob::finished);
        job.start();
        QVERIFY(finished.wait(20000));
        const auto outcome = finished.first().first().value<SigningOutcome>();
        QVERIFY2(outcome.decision, qPrintable(outcome.error.message));
        SignerError error;
        KeyRecord key = KeyEnrollment{KeyType::Pkcs11, *signer->publicKey({}, &error), {}, {}}.toRecord(u"alice"_s, {});
        QCOMPARE(outcome.decision->keyId, key.id);
        QCOMPARE(DecisionVerifier::check(*outcome.decision, *outcome.signature, key, u"countersign"_s), std::nullopt);
    }

    // The whole path: enroll the token's key, an operator approves it, the CLI signs on the token,
    // the gateway verifies and releases the agent.
    void cliDecide_withTokenKey_isAcceptedByTheGateway()
    {
        TestPrincipal agent = GatewayProcess::principal(u"agent-1"_s, Role::Agent);
        TestPrincipal alice{u"alice"_s, Role::Approver, Tokens::generate(), {}, {}};
        GatewayProcess gateway;
        QVERIFY(gateway.startWithConfig({agent, alice}, "signing:\n  require_hardware_keys: true\n"));
        const QStringList connection{u"--url"_s, gateway.url().toString(), u"--token"_s, alice.token};
        const auto cli = [](const QStringList &arguments, int *exitCode) {
            QProcess process;
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(u"COUNTERSIGN_PIN"_s, u"246810"_s);
            process.setProcessEnvironment(environment);
            process.start(QStringLiteral(COUNTERSIGN_CLI_BIN), arguments);
            process.waitForFinished(60000);
            *exitCode = process.exitCode();
            return QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
        };
        int exitCode = -1;
        QString output = cli(QStringList{u"key"_s, u"enroll"_s, u"--key"_s, m_token.uri()} + connection, &exitCode);
        QVERIFY2(exitCode == 0, qPrintable(output));
        const QString keyId = output.section(u' ', 2, 2);
        QProcess approve;
        approve.start(GatewayProcess::binaryPath(),
                      QStringList{u"key"_s, u"approve"_s, keyId} + gateway.storeArguments());
        QVERIFY(approve.waitForFinished(30000));
        QCOMPARE(approve.exitCode(), 0);

        HttpProbe http(gateway.url());
        const QString id = http.submit(agent.token).value(u"id"_s).toString();
        output = cli(QStringList{u"decide"_s, id, u"--approve"_s, u"--key"_s, m_token.uri()} + connection, &exitCode);
        QVERIFY2(exitCode == 0, qPrintable(output));
        const HttpResult action = http.get(u"/v1/actions/%1"_s.arg(id), agent.token);
        QCOMPARE(action.body.value(u"status"_s).toString(), u"approved"_s);
        const HttpResult exported = http.get(u"/v1/actions/%1/decision"_s.arg(id), alice.token);
        QCOMPARE(exported.body.value(u"key"_s).toObject().value(u"type"_s).toString(), u"pkcs11"_s);
        QCOMPARE(exported.body.value(u"key"_s).toObject().value(u"assurance"_s).toString(), u"hardware"_s);
        QCOMPARE(exported.body.value(u"signature"_s).toObject().value(u"alg"_s).toString(), u"ES256"_s);

        // docs/protocol.md: an ES256 decision checks with `openssl dgst -sha256 -verify`.
        QTemporaryDir dir;
        QFile file(dir.filePath(u"decision.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(exported.raw) == exported.raw.size());
        file.close();
        QProcess openssl;
        openssl.setWorkingDirectory(dir.path());
        openssl.start(
            u"bash"_s,
            {u"-c"_s, u"set -e\n"
                      "jq -r .key.public_key decision.json > approver.pem\n"
                      "jq -r .signature.value decision.json | base64 -d > signature.bin\n"
                      "jq .decision decision.json | '%1' canonicalize > decision.jcs\n"
                      "openssl dgst -sha256 -verify approver.pem -signature signature.bin decision.jcs\n"
                      "printf x >> decision.jcs\n"
                      "! openssl dgst -sha256 -verify approver.pem -signature signature.bin decision.jcs\n"_s.arg(
                          QStringLiteral(COUNTERSIGN_CLI_BIN))});
        QVERIFY(openssl.waitForFinished(30000));
        const QString checked = QString::fromUtf8(openssl.readAllStandardOutput() + openssl.readAllStandardError());
        QVERIFY2(openssl.exitCode() == 0 && checked.contains(u"Verified OK"_s), qPrintable(checked));
    }
};

QTEST_GUILESS_MAIN(TestPkcs11)
#include "tst_pkcs11.moc"
