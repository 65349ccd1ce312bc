#pragma once

#include "signing/Signer.h"
#include "wire/WireError.h"

namespace cs::ErrorText {

// The sentence the console shows for a gateway error: a translated sentence for the codes it
// knows, the gateway's own sentence otherwise.
QString forError(const WireError &error);

// The sentence for a signer that could not sign (no key, wrong PIN, locked, cancelled…).
QString forSignerError(const SignerError &error);

} // namespace cs::ErrorText
