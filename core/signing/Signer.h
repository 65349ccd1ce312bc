#pragma once

#include "signing/KeyRecord.h"
#include "signing/SignedDecision.h"

#include <QString>

#include <optional>

namespace cs {

// Why a signer could not sign, in words an approver can act on.
struct SignerError
{
    QString code;
    QString message;

    bool isNull() const { return code.isEmpty(); }
};

namespace SignerErrorCode {
inline const QString NoDevice = QStringLiteral("no_device");
inline const QString PinRequired = QStringLiteral("pin_required");
inline const QString PinIncorrect = QStringLiteral("pin_incorrect");
inline const QString PinLocked = QStringLiteral("pin_locked");
inline const QString KeyNotFound = QStringLiteral("key_not_found");
inline const QString Cancelled = QStringLiteral("cancelled");
inline const QString Timeout = QStringLiteral("timeout");
inline const QString DigestMismatch = QStringLiteral("digest_mismatch");
inline const QString DeviceError = QStringLiteral("device_error");
} // namespace SignerErrorCode

// One approver's signing key: a PKCS#11 token, a FIDO2 authenticator or a development software
// key. The console and `countersign-cli decide` pick one per approver and use it the same way.
// Every method but cancel() may block on the device (a FIDO2 touch can take 30 s): call them
// off the UI thread, as SigningJob does.
class Signer
{
public:
    virtual ~Signer() = default;

    virtual QString keyType() const = 0;
    virtual bool needsPin() const { return false; }
    virtual bool needsTouch() const { return false; }

    // The DER SubjectPublicKeyInfo of the signing key; its id follows from it.
    virtual std::optional<QByteArray> publicKey(const QString &pin, SignerError *error) = 0;
    // What to send the gateway to enroll this key. FIDO2 makes a new credential here (a touch).
    virtual std::optional<KeyEnrollment> enroll(const QString &pin, SignerError *error);
    // Signs a decision's canonical bytes.
    virtual std::optional<SignatureRecord> sign(const QByteArray &message, const QString &pin, SignerError *error) = 0;
    // From any thread: ask a call in progress to give up as soon as the device allows.
    virtual void cancel() {}
};

} // namespace cs
