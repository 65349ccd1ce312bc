#pragma once

#include "signing/Signer.h"

#include <QMutex>

#include <memory>

namespace cs {

// A P-256 key on a PKCS#11 token (a YubiKey's PIV applet through its PKCS#11 module, an OpenSC
// smartcard, an HSM), found through p11-kit by an RFC 7512 URI such as
//   pkcs11:token=Countersign;object=approver-key
// The modules are those registered with p11-kit, or the one named by the URI's module-path.
// The PIN is passed in for each call and never kept.
class Pkcs11Signer : public Signer
{
public:
    explicit Pkcs11Signer(QString uri);
    ~Pkcs11Signer() override;
    Pkcs11Signer(const Pkcs11Signer &) = delete;
    Pkcs11Signer &operator=(const Pkcs11Signer &) = delete;

    // Whether `uri` parses as a PKCS#11 URI; fills `error` with why not.
    static bool isValidUri(const QString &uri, QString *error);

    QString keyType() const override { return KeyType::Pkcs11; }
    bool needsPin() const override { return true; }
    std::optional<QByteArray> publicKey(const QString &pin, SignerError *error) override;
    std::optional<SignatureRecord> sign(const QByteArray &message, const QString &pin, SignerError *error) override;

private:
    struct Modules; // the loaded PKCS#11 modules, behind p11-kit's types
    bool loadModules(SignerError *error);

    QString m_uri;
    QMutex m_mutex; // one device conversation at a time
    std::unique_ptr<Modules> m_modules;
};

} // namespace cs
