#include "DecisionVerifier.h"

#include "signing/Crypto.h"

using namespace Qt::StringLiterals;

namespace cs::DecisionVerifier {

QByteArray signedMessage(const SignedDecision &decision, const SignatureRecord &signature, const KeyRecord &key)
{
    QByteArray canonical = decision.canonicalBytes();
    if (key.type == KeyType::Fido2)
        return signature.authenticatorData + Crypto::sha256(canonical);
    return canonical;
}

std::optional<WireError> check(const SignedDecision &decision, const SignatureRecord &signature, const KeyRecord &key,
                               const QString &fido2RpId)
{
    if (signature.algorithm != Crypto::ES256 && signature.algorithm != Crypto::Ed25519) {
        return WireError{
            ErrorCode::UnsupportedAlgorithm,
            u"The signature algorithm '%1' is not supported; use ES256 or Ed25519."_s.arg(signature.algorithm)};
    }
    if (signature.algorithm != key.algorithm) {
        return WireError{ErrorCode::AlgorithmMismatch, u"The signature says %1 but the key %2 is an %3 key."_s.arg(
                                                           signature.algorithm, key.id, key.algorithm)};
    }
    if (key.type == KeyType::Fido2) {
        const QByteArray &authData = signature.authenticatorData;
        if (authData.size() < kAuthDataMinSize) {
            return WireError{ErrorCode::MalformedSignature,
                             u"A FIDO2 signature needs the authenticator data (at least 37 bytes)."_s};
        }
        if (authData.left(32) != Crypto::sha256(fido2RpId.toUtf8())) {
            return WireError{ErrorCode::RpIdMismatch,
                             u"The security key signed for another relying party than '%1'."_s.arg(fido2RpId)};
        }
        if (!(quint8(authData.at(32)) & kFlagUserPresent)) {
            return WireError{ErrorCode::UserPresenceMissing,
                             u"The security key signed without a touch (user presence flag not set)."_s};
        }
    } else if (!signature.authenticatorData.isEmpty()) {
        return WireError{
            ErrorCode::MalformedSignature,
            u"Only a FIDO2 signature carries authenticator data; key %1 is a %2 key."_s.arg(key.id, key.type)};
    }
    switch (
        Crypto::verify(key.publicKey, signature.algorithm, signedMessage(decision, signature, key), signature.value)) {
    case Crypto::VerifyStatus::Valid:
        return std::nullopt;
    case Crypto::VerifyStatus::Malformed:
        return WireError{
            ErrorCode::MalformedSignature,
            u"The %1 signature cannot be read (truncated or not the right length)."_s.arg(signature.algorithm)};
    case Crypto::VerifyStatus::Invalid:
        break;
    }
    return WireError{ErrorCode::BadSignature,
                     u"The signature does not verify under key %1 over this decision."_s.arg(key.id)};
}

} // namespace cs::DecisionVerifier
