#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace cs {

// The OpenSSL operations signing needs, on plain bytes: keys cross the wire and rest in the
// database as DER SubjectPublicKeyInfo (SPKI), signatures as the bytes OpenSSL's own tools take.
namespace Crypto {

inline const QString ES256 = QStringLiteral("ES256");     // ECDSA P-256 over SHA-256, DER signature
inline const QString Ed25519 = QStringLiteral("Ed25519"); // RFC 8032, 64-byte signature

enum class VerifyStatus { Valid, Invalid, Malformed };

// Checks `signature` over `message` with the SPKI `publicKey` under `algorithm`. Malformed means
// the signature cannot even be read (a truncated DER, a wrong length); Invalid that it does not match.
VerifyStatus verify(const QByteArray &publicKey, const QString &algorithm, const QByteArray &message,
                    const QByteArray &signature);

// The algorithm the SPKI key is for (ES256 for a P-256 key, Ed25519), or nothing.
std::optional<QString> algorithmOf(const QByteArray &publicKey);

std::optional<QByteArray> spkiFromPem(const QByteArray &pem);
QByteArray pemFromSpki(const QByteArray &spki);

// An SPKI from a P-256 uncompressed point (0x04‖X‖Y, or X‖Y as FIDO2 gives it) or a raw Ed25519 key.
std::optional<QByteArray> spkiFromP256Point(const QByteArray &point);
std::optional<QByteArray> spkiFromEd25519(const QByteArray &raw);

// PKCS#11's CKM_ECDSA gives r‖s; OpenSSL and the wire take DER.
std::optional<QByteArray> ecdsaRawToDer(const QByteArray &raw);

// A key's id is derived from the key itself: "k-" + the first 20 hex digits of SHA-256(SPKI).
QString keyIdFor(const QByteArray &spki);

// OpenSSL's SHA-256 (SHA extensions where the CPU has them; QCryptographicHash has none).
QByteArray sha256(QByteArrayView bytes);
QByteArray randomBytes(int count);

// Ed25519 software keys: a 32-byte seed is the private key.
QByteArray generateEd25519Seed();
std::optional<QByteArray> ed25519PublicFromSeed(const QByteArray &seed);
std::optional<QByteArray> ed25519Sign(const QByteArray &seed, const QByteArray &message);

// The last OpenSSL error as text, for logs and error sentences.
QString lastError();

} // namespace Crypto
} // namespace cs
