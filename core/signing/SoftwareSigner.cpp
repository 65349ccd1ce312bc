#include "SoftwareSigner.h"

#include "signing/Crypto.h"

using namespace Qt::StringLiterals;

namespace cs {

std::optional<KeyEnrollment> Signer::enroll(const QString &pin, SignerError *error)
{
    const auto spki = publicKey(pin, error);
    if (!spki)
        return std::nullopt;
    return KeyEnrollment{keyType(), *spki, {}, {}};
}

SoftwareSigner::SoftwareSigner(QByteArray seed) : m_seed(std::move(seed))
{
}

QByteArray SoftwareSigner::generateSeed()
{
    return Crypto::generateEd25519Seed();
}

std::optional<QByteArray> SoftwareSigner::publicKey(const QString &, SignerError *error)
{
    auto spki = Crypto::ed25519PublicFromSeed(m_seed);
    if (!spki)
        *error = {SignerErrorCode::KeyNotFound, u"The software key is not a 32-byte Ed25519 seed."_s};
    return spki;
}

std::optional<SignatureRecord> SoftwareSigner::sign(const QByteArray &message, const QString &, SignerError *error)
{
    const auto signature = Crypto::ed25519Sign(m_seed, message);
    if (!signature) {
        *error = {SignerErrorCode::KeyNotFound, u"The software key could not sign: %1"_s.arg(Crypto::lastError())};
        return std::nullopt;
    }
    return SignatureRecord{Crypto::Ed25519, *signature, {}};
}

} // namespace cs
