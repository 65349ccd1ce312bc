#pragma once

#include "signing/KeyRecord.h"
#include "signing/SignedDecision.h"

#include <optional>

namespace cs {

// Checks that a signature over a decision was made by `key`: the part of a decision's validity
// that needs nothing but the decision, the signature and the public key. The gateway adds the
// key's approval, the clock, the nonce and the action's state; `countersign-cli verify-decision`
// runs the same check offline.
namespace DecisionVerifier {

// FIDO2 authenticator data: rpIdHash (32) ‖ flags (1) ‖ signCount (4) ‖ extensions…
inline constexpr int kAuthDataMinSize = 37;
inline constexpr quint8 kFlagUserPresent = 0x01;
inline constexpr quint8 kFlagUserVerified = 0x04;

// The bytes the key signed: the decision's JCS bytes, or for FIDO2
// authenticatorData ‖ SHA-256(JCS bytes) (WebAuthn's clientDataHash is the decision's hash).
QByteArray signedMessage(const SignedDecision &decision, const SignatureRecord &signature, const KeyRecord &key);

std::optional<WireError> check(const SignedDecision &decision, const SignatureRecord &signature, const KeyRecord &key,
                               const QString &fido2RpId);

} // namespace DecisionVerifier
} // namespace cs
