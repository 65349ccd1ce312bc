#include "Pkcs11Signer.h"

#include "signing/Crypto.h"
#include "util/Log.h"

#include <p11-kit/p11-kit.h>
#include <p11-kit/uri.h>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

struct UriFree
{
    void operator()(P11KitUri *uri) const { p11_kit_uri_free(uri); }
};
using Uri = std::unique_ptr<P11KitUri, UriFree>;

Uri parseUri(const QString &text, QString *error)
{
    Uri uri(p11_kit_uri_new());
    const int result = p11_kit_uri_parse(text.toUtf8().constData(), P11_KIT_URI_FOR_ANY, uri.get());
    if (result != P11_KIT_URI_OK) {
        *error = u"'%1' is not a PKCS#11 URI: %2"_s.arg(text, QString::fromUtf8(p11_kit_uri_message(result)));
        return nullptr;
    }
    return uri;
}

SignerError pinError(CK_RV rv)
{
    switch (rv) {
    case CKR_PIN_INCORRECT:
    case CKR_PIN_INVALID:
    case CKR_PIN_LEN_RANGE:
        return {SignerErrorCode::PinIncorrect, u"The PIN is wrong."_s};
    case CKR_PIN_LOCKED:
        return {SignerErrorCode::PinLocked,
                u"The token is locked after too many wrong PINs; unlock it with its PUK or SO PIN."_s};
    case CKR_PIN_EXPIRED:
        return {SignerErrorCode::PinLocked, u"The token's PIN has expired; set a new one first."_s};
    default:
        return {SignerErrorCode::DeviceError, u"The token refused the login (PKCS#11 error 0x%1)."_s.arg(rv, 0, 16)};
    }
}

QByteArray readAttribute(CK_FUNCTION_LIST *module, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object,
                         CK_ATTRIBUTE_TYPE type)
{
    CK_ATTRIBUTE attribute{type, nullptr, 0};
    if (module->C_GetAttributeValue(session, object, &attribute, 1) != CKR_OK ||
        attribute.ulValueLen == CK_UNAVAILABLE_INFORMATION)
        return {};
    QByteArray value(qsizetype(attribute.ulValueLen), Qt::Uninitialized);
    attribute.pValue = value.data();
    if (module->C_GetAttributeValue(session, object, &attribute, 1) != CKR_OK)
        return {};
    return value;
}

// CKA_EC_POINT is a DER OCTET STRING around the point (some modules give the bare point).
QByteArray unwrapEcPoint(const QByteArray &value)
{
    if (value.size() == 67 && value.at(0) == '\x04' && value.at(1) == '\x41')
        return value.mid(2);
    return value;
}

const QByteArray kP256Params = QByteArray::fromHex("06082a8648ce3d030107");

// An open session on one token; closed when it goes out of scope.
class Session
{
public:
    ~Session()
    {
        if (module && handle != CK_INVALID_HANDLE)
            module->C_CloseSession(handle);
    }

    std::optional<CK_OBJECT_HANDLE> findObject(P11KitUri *uri, CK_OBJECT_CLASS objectClass) const
    {
        CK_ULONG uriCount = 0;
        CK_ATTRIBUTE *uriAttributes = p11_kit_uri_get_attributes(uri, &uriCount);
        std::vector<CK_ATTRIBUTE> query(uriAttributes, uriAttributes + uriCount);
        std::erase_if(query, [](const CK_ATTRIBUTE &a) { return a.type == CKA_CLASS; });
        query.push_back({CKA_CLASS, &objectClass, sizeof objectClass});
        if (module->C_FindObjectsInit(handle, query.data(), CK_ULONG(query.size())) != CKR_OK)
            return std::nullopt;
        CK_OBJECT_HANDLE found = CK_INVALID_HANDLE;
        CK_ULONG count = 0;
        module->C_FindObjects(handle, &found, 1, &count);
        module->C_FindObjectsFinal(handle);
        if (count == 0)
            return std::nullopt;
        return found;
    }

    CK_FUNCTION_LIST *module = nullptr;
    CK_SESSION_HANDLE handle = CK_INVALID_HANDLE;
};

// Opens a session on each present token that `uri` matches, in module order, until `use`
// returns true. Returns whether any token matched.
template <typename Use>
bool forEachMatchingToken(const std::vector<CK_FUNCTION_LIST *> &modules, P11KitUri *uri, Use use)
{
    bool matched = false;
    for (CK_FUNCTION_LIST *module : modules) {
        CK_ULONG slotCount = 0;
        if (module->C_GetSlotList(CK_TRUE, nullptr, &slotCount) != CKR_OK || slotCount == 0)
            continue;
        std::vector<CK_SLOT_ID> slots(slotCount);
        if (module->C_GetSlotList(CK_TRUE, slots.data(), &slotCount) != CKR_OK)
            continue;
        for (CK_ULONG i = 0; i < slotCount; ++i) {
            CK_TOKEN_INFO info;
            if (module->C_GetTokenInfo(slots[i], &info) != CKR_OK || !p11_kit_uri_match_token_info(uri, &info))
                continue;
            matched = true;
            Session session;
            session.module = module;
            if (module->C_OpenSession(slots[i], CKF_SERIAL_SESSION, nullptr, nullptr, &session.handle) != CKR_OK)
                continue;
            if (use(session))
                return true;
        }
    }
    return matched;
}
std::optional<SignatureRecord> signWith(Session &session, P11KitUri *uri, const QString &uriText,
                                        const QByteArray &message, const QString &pin, SignerError *error)
{
    CK_FUNCTION_LIST *module = session.module;
    const QByteArray pinBytes = pin.toUtf8();
    const CK_RV login =
        module->C_Login(session.handle, CKU_USER, reinterpret_cast<CK_UTF8CHAR *>(const_cast<char *>(pinBytes.data())),
                        CK_ULONG(pinBytes.size()));
    if (login != CKR_OK && login != CKR_USER_ALREADY_LOGGED_IN) {
        *error = pinError(login);
        return std::nullopt;
    }
    const auto key = session.findObject(uri, CKO_PRIVATE_KEY);
    if (!key) {
        module->C_Logout(session.handle);
        *error = {SignerErrorCode::KeyNotFound, u"The token has no private key matching %1."_s.arg(uriText)};
        return std::nullopt;
    }
    // CKM_ECDSA signs a hash we compute; every token supports it, unlike CKM_ECDSA_SHA256.
    CK_MECHANISM mechanism{CKM_ECDSA, nullptr, 0};
    QByteArray hash = Crypto::sha256(message);
    QByteArray raw(132, Qt::Uninitialized);
    CK_ULONG rawLength = CK_ULONG(raw.size());
    CK_RV rv = module->C_SignInit(session.handle, &mechanism, *key);
    if (rv == CKR_OK)
        rv = module->C_Sign(session.handle, reinterpret_cast<CK_BYTE *>(hash.data()), CK_ULONG(hash.size()),
                            reinterpret_cast<CK_BYTE *>(raw.data()), &rawLength);
    module->C_Logout(session.handle);
    if (rv != CKR_OK) {
        *error = {SignerErrorCode::DeviceError, u"The token could not sign (PKCS#11 error 0x%1)."_s.arg(rv, 0, 16)};
        return std::nullopt;
    }
    raw.truncate(qsizetype(rawLength));
    const auto der = Crypto::ecdsaRawToDer(raw);
    if (!der) {
        *error = {SignerErrorCode::DeviceError, u"The token returned an unreadable signature."_s};
        return std::nullopt;
    }
    return SignatureRecord{Crypto::ES256, *der, {}};
}

} // namespace

struct Pkcs11Signer::Modules
{
    ~Modules()
    {
        if (registered)
            p11_kit_modules_finalize_and_release(registered);
        if (named) {
            p11_kit_module_finalize(named);
            p11_kit_module_release(named);
        }
    }

    std::vector<CK_FUNCTION_LIST *> list() const
    {
        std::vector<CK_FUNCTION_LIST *> modules;
        if (named)
            modules.push_back(named);
        for (CK_FUNCTION_LIST **it = registered; it && *it; ++it)
            modules.push_back(*it);
        return modules;
    }

    CK_FUNCTION_LIST **registered = nullptr;
    CK_FUNCTION_LIST *named = nullptr;
};

Pkcs11Signer::Pkcs11Signer(QString uri) : m_uri(std::move(uri))
{
}

Pkcs11Signer::~Pkcs11Signer() = default;

bool Pkcs11Signer::isValidUri(const QString &uri, QString *error)
{
    return parseUri(uri, error) != nullptr;
}

bool Pkcs11Signer::loadModules(SignerError *error)
{
    if (m_modules)
        return true;
    QString uriError;
    const Uri uri = parseUri(m_uri, &uriError);
    if (!uri) {
        *error = {SignerErrorCode::KeyNotFound, uriError};
        return false;
    }
    if (const char *path = p11_kit_uri_get_module_path(uri.get())) {
        auto modules = std::make_unique<Modules>();
        modules->named = p11_kit_module_load(path, 0);
        if (!modules->named || p11_kit_module_initialize(modules->named) != CKR_OK) {
            *error = {SignerErrorCode::NoDevice, u"The PKCS#11 module %1 could not be loaded: %2"_s.arg(
                                                     QString::fromUtf8(path), QString::fromUtf8(p11_kit_message()))};
            if (modules->named)
                p11_kit_module_release(modules->named);
            modules->named = nullptr;
            return false;
        }
        m_modules = std::move(modules);
        return true;
    }
    auto modules = std::make_unique<Modules>();
    modules->registered = p11_kit_modules_load_and_initialize(0);
    if (!modules->registered) {
        *error = {SignerErrorCode::NoDevice,
                  u"No PKCS#11 module could be loaded: %1"_s.arg(QString::fromUtf8(p11_kit_message()))};
        return false;
    }
    m_modules = std::move(modules);
    return true;
}

std::optional<QByteArray> Pkcs11Signer::publicKey(const QString &pin, SignerError *error)
{
    QMutexLocker lock(&m_mutex);
    QString uriError;
    const Uri uri = parseUri(m_uri, &uriError);
    if (!uri || !loadModules(error)) {
        if (!uri)
            *error = {SignerErrorCode::KeyNotFound, uriError};
        return std::nullopt;
    }
    Q_UNUSED(pin)
    // Public objects need no login.
    std::optional<QByteArray> spki;
    const bool sawToken = forEachMatchingToken(m_modules->list(), uri.get(), [&](Session &session) {
        const auto object = session.findObject(uri.get(), CKO_PUBLIC_KEY);
        if (!object)
            return false;
        if (readAttribute(session.module, session.handle, *object, CKA_EC_PARAMS) != kP256Params) {
            *error = {SignerErrorCode::KeyNotFound, u"The key %1 is not a P-256 (prime256v1) key."_s.arg(m_uri)};
            return true;
        }
        spki = Crypto::spkiFromP256Point(
            unwrapEcPoint(readAttribute(session.module, session.handle, *object, CKA_EC_POINT)));
        return spki.has_value();
    });
    if (spki || !error->isNull())
        return spki;
    *error =
        sawToken
            ? SignerError{SignerErrorCode::KeyNotFound, u"The token has no P-256 public key matching %1."_s.arg(m_uri)}
            : SignerError{SignerErrorCode::NoDevice,
                          u"No token matching %1 is present. Insert your smartcard or security key."_s.arg(m_uri)};
    return std::nullopt;
}

std::optional<SignatureRecord> Pkcs11Signer::sign(const QByteArray &message, const QString &pin, SignerError *error)
{
    QMutexLocker lock(&m_mutex);
    QString uriError;
    const Uri uri = parseUri(m_uri, &uriError);
    if (!uri) {
        *error = {SignerErrorCode::KeyNotFound, uriError};
        return std::nullopt;
    }
    if (!loadModules(error))
        return std::nullopt;
    if (pin.isEmpty()) {
        *error = {SignerErrorCode::PinRequired, u"The token needs its PIN to sign."_s};
        return std::nullopt;
    }
    std::optional<SignatureRecord> signature;
    const bool sawToken = forEachMatchingToken(m_modules->list(), uri.get(), [&](Session &session) {
        signature = signWith(session, uri.get(), m_uri, message, pin, error);
        return true; // the first matching token answers, whatever it says
    });
    if (sawToken)
        return signature;
    *error = {SignerErrorCode::NoDevice,
              u"No token matching %1 is present. Insert your smartcard or security key."_s.arg(m_uri)};
    return std::nullopt;
}

} // namespace cs
