#include "SignerUri.h"

#include "signing/Crypto.h"
#include "signing/Fido2Signer.h"
#include "signing/Pkcs11Signer.h"
#include "signing/SoftwareSigner.h"
#include "util/OwnerOnlyFile.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace cs::SignerUri {

namespace {

std::unique_ptr<Signer> openSoftware(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read the software key %1: %2"_s.arg(path, file.errorString());
        return nullptr;
    }
    if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) {
        *error = u"the software key %1 is readable by others; chmod 600 it"_s.arg(path);
        return nullptr;
    }
    const QByteArray seed = QByteArray::fromBase64(file.readAll().trimmed());
    if (seed.size() != 32) {
        *error = u"%1 does not hold a base64 Ed25519 seed of 32 bytes"_s.arg(path);
        return nullptr;
    }
    return std::make_unique<SoftwareSigner>(seed);
}

std::unique_ptr<Signer> openFido2(const QString &path, const QString &fido2RpId, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read the FIDO2 credential %1: %2 (enroll the key first)"_s.arg(path, file.errorString());
        return nullptr;
    }
    const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    const QByteArray id =
        QByteArray::fromBase64(object.value(u"credential_id"_s).toString().toLatin1(), QByteArray::Base64UrlEncoding);
    const auto spki = Crypto::spkiFromPem(object.value(u"public_key"_s).toString().toLatin1());
    const QString rpId = object.value(u"rp_id"_s).toString(fido2RpId);
    if (id.isEmpty() || !spki) {
        *error = u"%1 is not a FIDO2 credential file"_s.arg(path);
        return nullptr;
    }
    return std::make_unique<Fido2Signer>(rpId, object.value(u"device"_s).toString(),
                                         Fido2Signer::Credential{id, *spki});
}

} // namespace

std::unique_ptr<Signer> open(const QString &uri, const QString &fido2RpId, QString *error)
{
    if (uri.startsWith(u"pkcs11:"_s)) {
        if (!Pkcs11Signer::isValidUri(uri, error))
            return nullptr;
        return std::make_unique<Pkcs11Signer>(uri);
    }
    if (uri.startsWith(u"software:"_s))
        return openSoftware(uri.mid(9), error);
    if (uri.startsWith(u"fido2:"_s)) {
        const QString path = uri.mid(6);
        if (!QFileInfo::exists(path))
            return std::make_unique<Fido2Signer>(fido2RpId); // not enrolled yet: enroll() makes the credential
        return openFido2(path, fido2RpId, error);
    }
    *error = u"'%1' names no signer: use pkcs11:…, fido2:FILE or software:FILE"_s.arg(uri);
    return nullptr;
}

bool prepareForEnrollment(const QString &uri, QString *error)
{
    if (!uri.startsWith(u"software:"_s) || QFileInfo::exists(uri.mid(9)))
        return true;
    return writeOwnerOnlyFile(uri.mid(9), SoftwareSigner::generateSeed().toBase64() + '\n', error);
}

bool saveFido2Credential(const QString &uri, const QString &rpId, const QString &devicePath,
                         const QByteArray &credentialId, const QByteArray &publicKey, QString *error)
{
    const QJsonObject object{{u"rp_id"_s, rpId},
                             {u"device"_s, devicePath},
                             {u"credential_id"_s, QString::fromLatin1(credentialId.toBase64(
                                                      QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))},
                             {u"public_key"_s, QString::fromLatin1(Crypto::pemFromSpki(publicKey))}};
    return writeOwnerOnlyFile(uri.mid(6), QJsonDocument(object).toJson(), error);
}

} // namespace cs::SignerUri
