#include "Crypto.h"

#include <QHash>
#include <QMutex>

#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace cs::Crypto {

namespace {

struct Free
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
    void operator()(ECDSA_SIG *sig) const { ECDSA_SIG_free(sig); }
    void operator()(BIO *bio) const { BIO_free(bio); }
    void operator()(BIGNUM *bn) const { BN_free(bn); }
};
template <typename T> using Owned = std::unique_ptr<T, Free>;

const auto *bytes(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}

Owned<EVP_PKEY> readSpki(const QByteArray &spki)
{
    const unsigned char *cursor = bytes(spki);
    Owned<EVP_PKEY> key(d2i_PUBKEY(nullptr, &cursor, long(spki.size())));
    if (key && cursor != bytes(spki) + spki.size())
        return nullptr; // trailing bytes: not one key
    return key;
}

// OpenSSL 3.0's decoders make parsing a key cost more than an Ed25519 verification, and the
// gateway checks the same few approvers' keys over and over: parsed keys are remembered, keyed
// by their exact bytes (a pure function's memo, bounded).
std::shared_ptr<EVP_PKEY> parsedSpki(const QByteArray &spki)
{
    static QMutex mutex;
    static QHash<QByteArray, std::shared_ptr<EVP_PKEY>> parsed;
    constexpr qsizetype kMaxKeys = 1024;
    QMutexLocker lock(&mutex);
    if (const auto it = parsed.constFind(spki); it != parsed.cend())
        return *it;
    std::shared_ptr<EVP_PKEY> key(readSpki(spki).release(), Free());
    if (!key)
        return nullptr;
    if (parsed.size() >= kMaxKeys)
        parsed.clear();
    parsed.insert(spki, key);
    return key;
}

QByteArray writeSpki(EVP_PKEY *key)
{
    const int length = i2d_PUBKEY(key, nullptr);
    if (length <= 0)
        return {};
    QByteArray out(length, Qt::Uninitialized);
    auto *cursor = reinterpret_cast<unsigned char *>(out.data());
    i2d_PUBKEY(key, &cursor);
    return out;
}

bool isP256(EVP_PKEY *key)
{
    if (EVP_PKEY_get_base_id(key) != EVP_PKEY_EC)
        return false;
    char group[64] = {};
    size_t length = 0;
    return EVP_PKEY_get_group_name(key, group, sizeof group, &length) == 1 &&
           QByteArrayView(group, qsizetype(length)) == "prime256v1";
}

std::optional<QString> algorithmOf(EVP_PKEY *key)
{
    if (EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519)
        return Ed25519;
    if (isP256(key))
        return ES256;
    return std::nullopt;
}

} // namespace

VerifyStatus verify(const QByteArray &publicKey, const QString &algorithm, const QByteArray &message,
                    const QByteArray &signature)
{
    const std::shared_ptr<EVP_PKEY> key = parsedSpki(publicKey);
    if (!key || algorithmOf(key.get()) != algorithm)
        return VerifyStatus::Invalid;
    if (algorithm == Ed25519) {
        if (signature.size() != 64)
            return VerifyStatus::Malformed;
    } else if (algorithm == ES256) {
        // Parse the DER strictly first, so a truncated or padded signature is named as such.
        const unsigned char *cursor = bytes(signature);
        Owned<ECDSA_SIG> parsed(d2i_ECDSA_SIG(nullptr, &cursor, long(signature.size())));
        if (!parsed || cursor != bytes(signature) + signature.size())
            return VerifyStatus::Malformed;
    } else {
        return VerifyStatus::Invalid;
    }
    Owned<EVP_MD_CTX> ctx(EVP_MD_CTX_new());
    const EVP_MD *digest = algorithm == ES256 ? EVP_sha256() : nullptr;
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, digest, nullptr, key.get()) != 1)
        return VerifyStatus::Invalid;
    const int ok =
        EVP_DigestVerify(ctx.get(), bytes(signature), size_t(signature.size()), bytes(message), size_t(message.size()));
    ERR_clear_error();
    return ok == 1 ? VerifyStatus::Valid : VerifyStatus::Invalid;
}

std::optional<QString> algorithmOf(const QByteArray &publicKey)
{
    Owned<EVP_PKEY> key = readSpki(publicKey);
    return key ? algorithmOf(key.get()) : std::nullopt;
}

std::optional<QByteArray> spkiFromPem(const QByteArray &pem)
{
    Owned<BIO> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    Owned<EVP_PKEY> key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    ERR_clear_error();
    if (!key)
        return std::nullopt;
    return writeSpki(key.get());
}

QByteArray pemFromSpki(const QByteArray &spki)
{
    QByteArray pem = "-----BEGIN PUBLIC KEY-----\n";
    const QByteArray base64 = spki.toBase64();
    for (qsizetype i = 0; i < base64.size(); i += 64)
        pem += base64.mid(i, 64) + '\n';
    return pem + "-----END PUBLIC KEY-----\n";
}

std::optional<QByteArray> spkiFromP256Point(const QByteArray &point)
{
    QByteArray uncompressed = point;
    if (uncompressed.size() == 64)
        uncompressed.prepend('\x04');
    if (uncompressed.size() != 65 || uncompressed.at(0) != '\x04')
        return std::nullopt;
    // A fixed DER prefix for id-ecPublicKey with prime256v1, then the BIT STRING of the point.
    static const QByteArray prefix = QByteArray::fromHex("3059301306072a8648ce3d020106082a8648ce3d030107034200");
    const QByteArray spki = prefix + uncompressed;
    Owned<EVP_PKEY> key = readSpki(spki); // refuses a point that is not on the curve
    if (!key)
        return std::nullopt;
    return spki;
}

std::optional<QByteArray> spkiFromEd25519(const QByteArray &raw)
{
    if (raw.size() != 32)
        return std::nullopt;
    Owned<EVP_PKEY> key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes(raw), size_t(raw.size())));
    if (!key)
        return std::nullopt;
    return writeSpki(key.get());
}

std::optional<QByteArray> ecdsaRawToDer(const QByteArray &raw)
{
    if (raw.isEmpty() || raw.size() % 2 != 0 || raw.size() > 132)
        return std::nullopt;
    const int half = int(raw.size() / 2);
    Owned<ECDSA_SIG> sig(ECDSA_SIG_new());
    BIGNUM *r = BN_bin2bn(bytes(raw), half, nullptr);
    BIGNUM *s = BN_bin2bn(bytes(raw) + half, half, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return std::nullopt;
    }
    const int length = i2d_ECDSA_SIG(sig.get(), nullptr);
    QByteArray der(length, Qt::Uninitialized);
    auto *cursor = reinterpret_cast<unsigned char *>(der.data());
    i2d_ECDSA_SIG(sig.get(), &cursor);
    return der;
}

QString keyIdFor(const QByteArray &spki)
{
    return u"k-"_s + QString::fromLatin1(sha256(spki).toHex().left(20));
}

QByteArray sha256(QByteArrayView data)
{
    // Fetched once and a context per thread: OpenSSL 3 otherwise looks the algorithm up (under a
    // lock) and allocates a context on every call, which costs more than hashing an event.
    static EVP_MD *const algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                                       &EVP_MD_CTX_free);
    QByteArray digest(32, Qt::Uninitialized);
    unsigned int size = 0;
    EVP_DigestInit_ex2(context.get(), algorithm, nullptr);
    EVP_DigestUpdate(context.get(), data.data(), size_t(data.size()));
    EVP_DigestFinal_ex(context.get(), reinterpret_cast<unsigned char *>(digest.data()), &size);
    return digest;
}

QByteArray randomBytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), count) != 1)
        qFatal("OpenSSL's random generator failed: %s", qPrintable(lastError()));
    return out;
}

QByteArray generateEd25519Seed()
{
    return randomBytes(32);
}

std::optional<QByteArray> ed25519PublicFromSeed(const QByteArray &seed)
{
    if (seed.size() != 32)
        return std::nullopt;
    Owned<EVP_PKEY> key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes(seed), 32));
    if (!key)
        return std::nullopt;
    return writeSpki(key.get());
}

std::optional<QByteArray> ed25519Sign(const QByteArray &seed, const QByteArray &message)
{
    if (seed.size() != 32)
        return std::nullopt;
    Owned<EVP_PKEY> key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes(seed), 32));
    Owned<EVP_MD_CTX> ctx(EVP_MD_CTX_new());
    if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1)
        return std::nullopt;
    QByteArray signature(64, Qt::Uninitialized);
    size_t length = 64;
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, bytes(message),
                       size_t(message.size())) != 1)
        return std::nullopt;
    return signature;
}

QString lastError()
{
    char text[256] = {};
    ERR_error_string_n(ERR_get_error(), text, sizeof text);
    return QString::fromLatin1(text);
}

} // namespace cs::Crypto
