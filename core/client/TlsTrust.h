#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QString>
#include <QUrl>

#include <optional>

namespace cs {

// How a client (console, CLI, agent) trusts a gateway's TLS certificate: the system's CAs, or
// only the CAs of a pinned CA file, and optionally a pinned SHA-256 fingerprint that some
// certificate of the gateway's chain must have (the CA's, as `countersign-gateway tls
// self-signed` prints it, or the server's own). A matching pin forgives an unknown issuer or a
// self-signed chain, never a wrong host name or an expired certificate.
struct TlsTrust
{
    QString caFile;        // PEM
    QString fingerprint;   // SHA-256, hex, with or without colons
    bool insecure = false; // http:// to a host that is not this machine is allowed

    bool operator==(const TlsTrust &) const = default;

    // COUNTERSIGN_CA_FILE and COUNTERSIGN_CA_FINGERPRINT.
    static TlsTrust fromEnvironment();

    // Why a client may not talk to `url` under this trust (plain http:// to another machine
    // without `insecure`, a fingerprint that is not SHA-256), or nothing.
    std::optional<QString> refuse(const QUrl &url) const;
    // TLS 1.2 or later, with the CA file's certificates instead of the system's when there is one.
    std::optional<QSslConfiguration> sslConfiguration(QString *error) const;
    // The errors that remain once the pin is taken into account; empty: the connection is trusted.
    QList<QSslError> remaining(const QList<QSslError> &errors, const QList<QSslCertificate> &chain) const;
    // Whether the chain holds the pinned certificate (always, without a pin).
    bool pinned(const QList<QSslCertificate> &chain) const;

    // What the user reads when the gateway's certificate is not trusted: the errors, and the
    // fingerprints to compare with the gateway operator's before pinning one.
    static QString describe(const QList<QSslError> &errors, const QList<QSslCertificate> &chain);
    // What the user reads when a chain trusted otherwise lacks the pinned certificate.
    QString pinMissing(const QList<QSslCertificate> &chain) const;
    static QString fingerprintOf(const QSslCertificate &certificate);
    static bool isLocal(const QUrl &url);
};

} // namespace cs
