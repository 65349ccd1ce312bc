#include "TlsTrust.h"

#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

QString normalized(const QString &fingerprint)
{
    return fingerprint.toUpper().remove(u':').remove(u' ');
}

// Errors a pinned certificate answers for: who issued the chain. Not the host name, not the dates.
bool isTrustError(const QSslError &error)
{
    switch (error.error()) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
    case QSslError::UnableToGetIssuerCertificate:
        return true;
    default:
        return false;
    }
}

// " Its SHA-256 fingerprint is …": what to compare with the gateway operator's before pinning.
QString fingerprints(const QList<QSslCertificate> &chain)
{
    if (chain.isEmpty())
        return {};
    const QString issuer = chain.size() > 1 ? QCoreApplication::translate("cs::TlsTrust", " (its issuer's: %1)")
                                                  .arg(TlsTrust::fingerprintOf(chain.last()))
                                            : QString();
    return u' ' + QCoreApplication::translate("cs::TlsTrust", "Its SHA-256 fingerprint is %1%2. Compare it with the "
                                                              "one the gateway's operator gave you before pinning it "
                                                              "or its CA.")
                      .arg(TlsTrust::fingerprintOf(chain.first()), issuer);
}

} // namespace

TlsTrust TlsTrust::fromEnvironment()
{
    return {qEnvironmentVariable("COUNTERSIGN_CA_FILE"), qEnvironmentVariable("COUNTERSIGN_CA_FINGERPRINT"), false};
}

bool TlsTrust::isLocal(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

std::optional<QString> TlsTrust::refuse(const QUrl &url) const
{
    static const QRegularExpression sha256(u"^[0-9A-F]{64}$"_s);
    if (!fingerprint.isEmpty() && !sha256.match(normalized(fingerprint)).hasMatch()) {
        return QCoreApplication::translate("cs::TlsTrust", "The pinned fingerprint must be a SHA-256: 64 hexadecimal "
                                                           "digits, with or without colons.");
    }
    const bool plain = url.scheme() == u"http" || url.scheme() == u"ws";
    if (plain && !insecure && !isLocal(url)) {
        return QCoreApplication::translate("cs::TlsTrust",
                                           "%1 is not on this machine: use https:// so that tokens, commands and "
                                           "decisions are not sent in clear text (or allow it with --insecure).")
            .arg(url.host());
    }
    return std::nullopt;
}

std::optional<QSslConfiguration> TlsTrust::sslConfiguration(QString *error) const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    if (!caFile.isEmpty()) {
        QFile file(caFile);
        const QList<QSslCertificate> authorities = file.open(QIODevice::ReadOnly)
                                                       ? QSslCertificate::fromData(file.readAll(), QSsl::Pem)
                                                       : QList<QSslCertificate>();
        if (authorities.isEmpty()) {
            *error = QCoreApplication::translate("cs::TlsTrust", "The CA file %1 cannot be read or holds no PEM "
                                                                 "certificate.")
                         .arg(caFile);
            return std::nullopt;
        }
        configuration.setCaCertificates(authorities); // these, not the system's
    }
    return configuration;
}

bool TlsTrust::pinned(const QList<QSslCertificate> &chain) const
{
    if (fingerprint.isEmpty())
        return true;
    const QString pin = normalized(fingerprint);
    return std::any_of(chain.cbegin(), chain.cend(), [&pin](const QSslCertificate &certificate) {
        return normalized(fingerprintOf(certificate)) == pin;
    });
}

QList<QSslError> TlsTrust::remaining(const QList<QSslError> &errors, const QList<QSslCertificate> &chain) const
{
    if (fingerprint.isEmpty() || !pinned(chain))
        return errors;
    QList<QSslError> left;
    std::copy_if(errors.cbegin(), errors.cend(), std::back_inserter(left),
                 [](const QSslError &error) { return !isTrustError(error); });
    return left;
}

QString TlsTrust::pinMissing(const QList<QSslCertificate> &chain) const
{
    return QCoreApplication::translate("cs::TlsTrust",
                                       "The gateway's certificate chain does not hold the pinned fingerprint %1.")
               .arg(fingerprint) +
           fingerprints(chain);
}

QString TlsTrust::fingerprintOf(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

QString TlsTrust::describe(const QList<QSslError> &errors, const QList<QSslCertificate> &chain)
{
    QStringList reasons;
    for (const QSslError &error : errors)
        reasons.append(error.errorString());
    reasons.removeDuplicates();
    return QCoreApplication::translate("cs::TlsTrust", "The gateway's certificate is not trusted: %1.")
               .arg(reasons.join(u"; "_s)) +
           fingerprints(chain);
}

} // namespace cs
