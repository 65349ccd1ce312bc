#pragma once

#include <QStringList>

namespace cs {

// `countersign-gateway tls …` (docs/gateway.md, "tls"):
//   tls self-signed --host NAME [--host NAME…] [--out DIR] [--days N]
//       makes a CA and a server certificate for the hosts, and prints the CA's SHA-256
//       fingerprint and the configuration lines;
//   tls client-certificate --cn NAME [--ca-dir DIR] [--out DIR] [--days N]
//       issues a client certificate from that CA, for mutual TLS (certificate_cn: NAME);
//   tls fingerprint FILE
//       prints the SHA-256 fingerprint of each certificate in a PEM file.
// Exit 0 on success, 1 when a file cannot be read or written, 2 on a usage error.
int runTlsCommand(const QStringList &arguments);

} // namespace cs
