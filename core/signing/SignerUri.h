#pragma once

#include "signing/Signer.h"

#include <memory>

namespace cs {

// Names a signer in one string, for `countersign-cli --key` and the console's settings:
//   pkcs11:token=…;object=…[?module-path=…]   a key on a PKCS#11 token (RFC 7512)
//   fido2:FILE                                 a FIDO2 credential; FILE holds what enrollment made
//   software:FILE                              a development Ed25519 seed (base64, owner-only file)
namespace SignerUri {

std::unique_ptr<Signer> open(const QString &uri, const QString &fido2RpId, QString *error);

// For enrollment: creates what the URI names when it does not exist yet (a software key file).
bool prepareForEnrollment(const QString &uri, QString *error);
// After a FIDO2 enrollment, keeps the credential in the URI's file.
bool saveFido2Credential(const QString &uri, const QString &rpId, const QString &devicePath,
                         const QByteArray &credentialId, const QByteArray &publicKey, QString *error);

} // namespace SignerUri
} // namespace cs
