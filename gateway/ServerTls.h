#pragma once

#include "GatewayConfig.h"

#include <QSslConfiguration>

#include <optional>

namespace cs {

// The gateway's side of TLS (docs/gateway.md, "tls").
namespace ServerTls {

// The configuration from the PEM files `tls` names: the server certificate and its chain, the
// private key that must belong to it, and optionally the CA whose client certificates are
// asked for. TLS 1.2 or later with forward-secret AEAD ciphers only. Nothing, with a sentence in
// `error`, when a file is missing, unreadable or does not match.
std::optional<QSslConfiguration> load(const TlsConfig &tls, QString *error);

// "AB:CD:…": the SHA-256 of a certificate's DER, as clients pin it.
QString fingerprint(const QSslCertificate &certificate);

} // namespace ServerTls
} // namespace cs
