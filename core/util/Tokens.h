#pragma once

#include <QByteArray>
#include <QString>

namespace cs::Tokens {

// A fresh bearer token: "cs_" followed by 32 random bytes, base64url.
QString generate();

// SHA-256 (hex) of a token: what the gateway's configuration stores instead of the token.
QString hash(QStringView token);

// The token of an "Authorization: Bearer …" header value, or an empty string.
QString fromAuthorizationHeader(const QByteArray &value);

} // namespace cs::Tokens
