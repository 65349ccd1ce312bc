#pragma once

#include "wire/WireError.h"

namespace cs::ErrorText {

// The sentence the console shows for a gateway error: a translated sentence for the codes it
// knows, the gateway's own sentence otherwise.
QString forError(const WireError &error);

} // namespace cs::ErrorText
