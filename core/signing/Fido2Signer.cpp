#include "Fido2Signer.h"

#include "signing/Crypto.h"

#include <fido.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

struct FidoFree
{
    void operator()(fido_dev_info_t *list) const { fido_dev_info_free(&list, kMaxDevices); }
    void operator()(fido_cred_t *cred) const { fido_cred_free(&cred); }
    void operator()(fido_assert_t *assertion) const { fido_assert_free(&assertion); }
    static constexpr size_t kMaxDevices = 16;
};

SignerError fidoError(int code)
{
    switch (code) {
    case FIDO_ERR_PIN_INVALID:
    case FIDO_ERR_PIN_AUTH_INVALID:
        return {SignerErrorCode::PinIncorrect, u"The security key's PIN is wrong."_s};
    case FIDO_ERR_PIN_BLOCKED:
    case FIDO_ERR_PIN_AUTH_BLOCKED:
    case FIDO_ERR_UV_BLOCKED:
        return {SignerErrorCode::PinLocked,
                u"The security key is locked after too many wrong PINs; remove and reinsert it, or reset it."_s};
    case FIDO_ERR_PIN_REQUIRED:
        return {SignerErrorCode::PinRequired, u"The security key needs its PIN."_s};
    case FIDO_ERR_KEEPALIVE_CANCEL:
        return {SignerErrorCode::Cancelled, u"Signing was cancelled."_s};
    case FIDO_ERR_ACTION_TIMEOUT:
    case FIDO_ERR_UP_REQUIRED:
        return {SignerErrorCode::Timeout, u"The security key was not touched in time."_s};
    case FIDO_ERR_NO_CREDENTIALS:
        return {SignerErrorCode::KeyNotFound,
                u"This security key does not hold the enrolled credential; use the key you enrolled."_s};
    case FIDO_ERR_OPERATION_DENIED:
        return {SignerErrorCode::Cancelled, u"The security key refused the request."_s};
    default:
        return {SignerErrorCode::DeviceError,
                u"The security key failed: %1."_s.arg(QString::fromUtf8(fido_strerr(code)))};
    }
}

const auto *bytes(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}

QByteArray copy(const unsigned char *data, size_t length)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(length));
}

} // namespace

Fido2Signer::Fido2Signer(QString rpId, QString devicePath, Credential credential)
    : m_rpId(std::move(rpId)), m_devicePath(std::move(devicePath)), m_credential(std::move(credential))
{
    fido_init(0);
}

Fido2Signer::~Fido2Signer() = default;

QStringList Fido2Signer::devicePaths()
{
    fido_init(0);
    std::unique_ptr<fido_dev_info_t, FidoFree> list(fido_dev_info_new(FidoFree::kMaxDevices));
    size_t found = 0;
    QStringList paths;
    if (!list || fido_dev_info_manifest(list.get(), FidoFree::kMaxDevices, &found) != FIDO_OK)
        return paths;
    for (size_t i = 0; i < found; ++i)
        paths.append(QString::fromUtf8(fido_dev_info_path(fido_dev_info_ptr(list.get(), i))));
    return paths;
}

std::optional<QByteArray> Fido2Signer::decodeCborByteString(const QByteArray &cbor)
{
    if (cbor.isEmpty() || (quint8(cbor.at(0)) >> 5) != 2)
        return std::nullopt;
    const quint8 info = quint8(cbor.at(0)) & 0x1f;
    qsizetype header = 1;
    quint64 length = info;
    if (info >= 24 && info <= 27) {
        const int width = 1 << (info - 24);
        if (cbor.size() < 1 + width)
            return std::nullopt;
        length = 0;
        for (int i = 0; i < width; ++i)
            length = (length << 8) | quint8(cbor.at(1 + i));
        header += width;
    } else if (info > 27) {
        return std::nullopt;
    }
    if (quint64(cbor.size() - header) != length)
        return std::nullopt;
    return cbor.mid(header);
}

fido_dev *Fido2Signer::openDevice(SignerError *error)
{
    QString path = m_devicePath;
    if (path.isEmpty()) {
        const QStringList paths = devicePaths();
        if (paths.isEmpty()) {
            *error = {SignerErrorCode::NoDevice, u"No security key is plugged in. Insert your key and try again."_s};
            return nullptr;
        }
        path = paths.first();
    }
    fido_dev_t *device = fido_dev_new();
    const int result = fido_dev_open(device, path.toUtf8().constData());
    if (result != FIDO_OK) {
        fido_dev_free(&device);
        *error = result == FIDO_ERR_INVALID_ARGUMENT || result == FIDO_ERR_RX || result == FIDO_ERR_TX
                     ? SignerError{SignerErrorCode::NoDevice,
                                   u"The security key at %1 is not reachable; is it plugged in?"_s.arg(path)}
                     : fidoError(result);
        return nullptr;
    }
    QMutexLocker lock(&m_deviceMutex);
    m_openDevice = device;
    return device;
}

void Fido2Signer::closeDevice(fido_dev *device)
{
    {
        QMutexLocker lock(&m_deviceMutex);
        m_openDevice = nullptr;
    }
    fido_dev_close(device);
    fido_dev_free(&device);
}

void Fido2Signer::cancel()
{
    QMutexLocker lock(&m_deviceMutex);
    if (m_openDevice)
        fido_dev_cancel(m_openDevice);
}

std::optional<QByteArray> Fido2Signer::publicKey(const QString &, SignerError *error)
{
    if (m_credential.publicKey.isEmpty()) {
        *error = {SignerErrorCode::KeyNotFound, u"No FIDO2 credential is enrolled yet; enroll your key first."_s};
        return std::nullopt;
    }
    return m_credential.publicKey;
}

std::optional<KeyEnrollment> Fido2Signer::enroll(const QString &pin, SignerError *error)
{
    fido_dev_t *device = openDevice(error);
    if (!device)
        return std::nullopt;
    // EdDSA where the key has it, ES256 otherwise; a key refuses an algorithm before asking for a touch.
    int type = COSE_EDDSA;
    std::unique_ptr<fido_cred_t, FidoFree> cred;
    int result = FIDO_OK;
    for (const int candidate : {COSE_EDDSA, COSE_ES256}) {
        type = candidate;
        cred.reset(fido_cred_new());
        result = makeCredential(device, cred.get(), type, pin);
        if (result != FIDO_ERR_UNSUPPORTED_ALGORITHM)
            break;
    }
    closeDevice(device);
    if (result != FIDO_OK) {
        *error = fidoError(result);
        return std::nullopt;
    }
    const QByteArray rawKey = copy(fido_cred_pubkey_ptr(cred.get()), fido_cred_pubkey_len(cred.get()));
    const auto spki = type == COSE_EDDSA ? Crypto::spkiFromEd25519(rawKey) : Crypto::spkiFromP256Point(rawKey);
    if (!spki) {
        *error = {SignerErrorCode::DeviceError, u"The security key returned an unreadable public key."_s};
        return std::nullopt;
    }
    m_credential = {copy(fido_cred_id_ptr(cred.get()), fido_cred_id_len(cred.get())), *spki};
    return KeyEnrollment{KeyType::Fido2, m_credential.publicKey, m_credential.id, {}};
}

int Fido2Signer::makeCredential(fido_dev *device, fido_cred *cred, int type, const QString &pin) const
{
    const QByteArray clientDataHash = Crypto::randomBytes(32);
    const QByteArray userId = Crypto::randomBytes(16);
    const QByteArray rpId = m_rpId.toUtf8();
    int result = fido_cred_set_type(cred, type);
    if (result == FIDO_OK)
        result = fido_cred_set_clientdata_hash(cred, bytes(clientDataHash), size_t(clientDataHash.size()));
    if (result == FIDO_OK)
        result = fido_cred_set_rp(cred, rpId.constData(), "Countersign");
    if (result == FIDO_OK)
        result = fido_cred_set_user(cred, bytes(userId), size_t(userId.size()), "countersign-approver",
                                    "Countersign approver", nullptr);
    if (result != FIDO_OK)
        return result;
    const QByteArray pinBytes = pin.toUtf8();
    return fido_dev_make_cred(device, cred, pin.isEmpty() ? nullptr : pinBytes.constData());
}

std::optional<SignatureRecord> Fido2Signer::sign(const QByteArray &message, const QString &pin, SignerError *error)
{
    const auto algorithm = Crypto::algorithmOf(m_credential.publicKey);
    if (m_credential.id.isEmpty() || !algorithm) {
        *error = {SignerErrorCode::KeyNotFound, u"No FIDO2 credential is enrolled yet; enroll your key first."_s};
        return std::nullopt;
    }
    fido_dev_t *device = openDevice(error);
    if (!device)
        return std::nullopt;
    std::unique_ptr<fido_assert_t, FidoFree> assertion(fido_assert_new());
    const QByteArray clientDataHash = Crypto::sha256(message);
    const QByteArray rpId = m_rpId.toUtf8();
    int result = fido_assert_set_rp(assertion.get(), rpId.constData());
    if (result == FIDO_OK)
        result = fido_assert_set_clientdata_hash(assertion.get(), bytes(clientDataHash), size_t(clientDataHash.size()));
    if (result == FIDO_OK)
        result = fido_assert_allow_cred(assertion.get(), bytes(m_credential.id), size_t(m_credential.id.size()));
    if (result == FIDO_OK)
        result = fido_assert_set_up(assertion.get(), FIDO_OPT_TRUE);
    if (result == FIDO_OK) {
        const QByteArray pinBytes = pin.toUtf8();
        result = fido_dev_get_assert(device, assertion.get(), pin.isEmpty() ? nullptr : pinBytes.constData());
    }
    closeDevice(device);
    if (result != FIDO_OK) {
        *error = fidoError(result);
        return std::nullopt;
    }
    const auto authData = decodeCborByteString(
        copy(fido_assert_authdata_ptr(assertion.get(), 0), fido_assert_authdata_len(assertion.get(), 0)));
    if (fido_assert_count(assertion.get()) != 1 || !authData) {
        *error = {SignerErrorCode::DeviceError, u"The security key returned an unreadable assertion."_s};
        return std::nullopt;
    }
    return SignatureRecord{
        *algorithm, copy(fido_assert_sig_ptr(assertion.get(), 0), fido_assert_sig_len(assertion.get(), 0)), *authData};
}

} // namespace cs
