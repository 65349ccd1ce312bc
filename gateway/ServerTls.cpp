#include "ServerTls.h"

#include <QFile>
#include <QSslCipher>
#include <QSslKey>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace cs::ServerTls {

namespace {

std::optional<QByteArray> readFile(const QString &path, const QString &what, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read the TLS %1 %2: %3"_s.arg(what, path, file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

// Whether the private key (PEM) belongs to the certificate (PEM), as OpenSSL checks it.
bool keyMatches(const QByteArray &certificatePem, const QByteArray &keyPem)
{
    const std::unique_ptr<BIO, decltype(&BIO_free)> certificateBio(
        BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())), BIO_free);
    const std::unique_ptr<BIO, decltype(&BIO_free)> keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())),
                                                           BIO_free);
    const std::unique_ptr<X509, decltype(&X509_free)> certificate(
        PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr), X509_free);
    const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
    return certificate && key && X509_check_private_key(certificate.get(), key.get()) == 1;
}

QList<QSslCipher> modernCiphers()
{
    // TLS 1.3's suites, and for TLS 1.2 only ECDHE key exchange with AES-GCM or ChaCha20-Poly1305.
    QList<QSslCipher> ciphers;
    for (const QSslCipher &cipher : QSslConfiguration::supportedCiphers()) {
        const QString name = cipher.name();
        const bool tls13 = cipher.protocol() == QSsl::TlsV1_3;
        const bool aead = name.contains(u"GCM"_s) || name.contains(u"CHACHA20"_s);
        if (tls13 || (cipher.protocol() == QSsl::TlsV1_2 && name.startsWith(u"ECDHE-"_s) && aead))
            ciphers.append(cipher);
    }
    return ciphers;
}

} // namespace

std::optional<QSslConfiguration> load(const TlsConfig &tls, QString *error)
{
    const auto certificatePem = readFile(tls.certificatePath, u"certificate"_s, error);
    const auto keyPem = certificatePem ? readFile(tls.privateKeyPath, u"private key"_s, error) : std::nullopt;
    if (!keyPem)
        return std::nullopt;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(*certificatePem, QSsl::Pem);
    if (chain.isEmpty()) {
        *error = u"the TLS certificate %1 holds no PEM certificate"_s.arg(tls.certificatePath);
        return std::nullopt;
    }
    QSslKey key(*keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(*keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull()) {
        *error = u"the TLS private key %1 is not an unencrypted PEM EC or RSA key"_s.arg(tls.privateKeyPath);
        return std::nullopt;
    }
    if (!keyMatches(chain.first().toPem(), *keyPem)) {
        *error = u"the TLS private key %1 does not belong to the certificate %2"_s.arg(tls.privateKeyPath,
                                                                                       tls.certificatePath);
        return std::nullopt;
    }
    if (chain.first().expiryDate() < QDateTime::currentDateTimeUtc()) {
        *error = u"the TLS certificate %1 expired on %2"_s.arg(tls.certificatePath,
                                                               chain.first().expiryDate().toString(Qt::ISODate));
        return std::nullopt;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setCiphers(modernCiphers());
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setCaCertificates({});
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    if (!tls.clientCaPath.isEmpty()) {
        const auto caPem = readFile(tls.clientCaPath, u"client CA"_s, error);
        if (!caPem)
            return std::nullopt;
        const QList<QSslCertificate> clientCa = QSslCertificate::fromData(*caPem, QSsl::Pem);
        if (clientCa.isEmpty()) {
            *error = u"the TLS client CA %1 holds no PEM certificate"_s.arg(tls.clientCaPath);
            return std::nullopt;
        }
        // Asked for, not required: a client without a certificate still signs in with its token.
        configuration.setCaCertificates(clientCa);
        configuration.setPeerVerifyMode(QSslSocket::QueryPeer);
    }
    return configuration;
}

QString fingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

} // namespace cs::ServerTls
