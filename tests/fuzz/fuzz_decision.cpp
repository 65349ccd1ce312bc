// A signed decision as the gateway receives it: parsed, then checked against an Ed25519, an ES256
// and a FIDO2 key. Nothing the fuzzer makes may verify (it holds none of the private keys).
#include "FuzzInput.h"
#include "json/Jcs.h"
#include "signing/Crypto.h"
#include "signing/DecisionVerifier.h"

#include <QDateTime>

#include <cstdlib>

namespace {

QList<cs::KeyRecord> keys()
{
    QList<cs::KeyRecord> records;
    const auto ed25519 = cs::Crypto::ed25519PublicFromSeed(QByteArray(32, '\x01'));
    // A fixed P-256 point (the generator), so ES256 paths run without a key pair.
    const QByteArray generator = QByteArray::fromHex(
        "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b3"
        "15ececbb6406837bf51f5");
    const auto p256 = cs::Crypto::spkiFromP256Point(generator);
    for (const auto &[type, spki] : {std::pair{cs::KeyType::Software, ed25519}, std::pair{cs::KeyType::Pkcs11, p256},
                                     std::pair{cs::KeyType::Fido2, p256}}) {
        if (!spki)
            continue;
        cs::KeyEnrollment enrollment{type, *spki, type == cs::KeyType::Fido2 ? QByteArray("credential") : QByteArray(),
                                     QString()};
        records.append(enrollment.toRecord(QStringLiteral("alice"), QDateTime::currentDateTimeUtc()));
    }
    return records;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QList<cs::KeyRecord> records = keys();
    cs::Jcs::Error jcsError;
    const auto value = cs::Jcs::parse(fuzzInput(data, size), &jcsError);
    if (!value || !value->isObject())
        return 0;
    cs::WireError error;
    const auto submission = cs::DecisionSubmission::fromJson(value->toObject(), &error);
    if (!submission)
        return 0;
    for (const cs::KeyRecord &key : records) {
        const auto refusal = cs::DecisionVerifier::check(submission->decision, submission->signature, key,
                                                         QStringLiteral("countersign"));
        if (!refusal)
            std::abort(); // a signature verified without its private key
    }
    return 0;
}
