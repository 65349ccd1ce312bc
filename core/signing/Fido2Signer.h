#pragma once

#include "signing/Signer.h"

#include <QMutex>

struct fido_dev;
struct fido_cred;

namespace cs {

// A FIDO2 security key through libfido2. Enrollment makes a credential (ES256, or EdDSA where the
// key offers it) for the gateway's relying party id; signing is an assertion whose clientDataHash
// is SHA-256 of the decision's JCS bytes, with user presence required, so the approver must touch
// the key. The gateway checks the assertion with the enrolled credential's public key.
class Fido2Signer : public Signer
{
public:
    struct Credential
    {
        QByteArray id;
        QByteArray publicKey; // SPKI DER, kept from enrollment
    };

    // `devicePath` empty: the first authenticator found. `credential` empty until enrolled.
    Fido2Signer(QString rpId, QString devicePath = {}, Credential credential = {});
    ~Fido2Signer() override;

    // The authenticators plugged in (hidraw paths on Linux).
    static QStringList devicePaths();
    // CBOR byte string (as libfido2 hands out authenticator data) to its payload.
    static std::optional<QByteArray> decodeCborByteString(const QByteArray &cbor);

    QString keyType() const override { return KeyType::Fido2; }
    bool needsTouch() const override { return true; }
    // A key with a PIN set may ask for it; the PIN dialog is shown when the key says so.
    bool needsPin() const override { return false; }

    const Credential &credential() const { return m_credential; }

    std::optional<QByteArray> publicKey(const QString &pin, SignerError *error) override;
    std::optional<KeyEnrollment> enroll(const QString &pin, SignerError *error) override;
    std::optional<SignatureRecord> sign(const QByteArray &message, const QString &pin, SignerError *error) override;
    void cancel() override;

private:
    // Opens the device; the caller closes it with closeDevice().
    fido_dev *openDevice(SignerError *error);
    void closeDevice(fido_dev *device);
    int makeCredential(fido_dev *device, fido_cred *cred, int type, const QString &pin) const;

    QString m_rpId;
    QString m_devicePath;
    Credential m_credential;
    QMutex m_deviceMutex; // guards m_openDevice for cancel() from another thread
    fido_dev *m_openDevice = nullptr;
};

} // namespace cs
