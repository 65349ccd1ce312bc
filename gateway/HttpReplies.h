#pragma once

#include "wire/WireError.h"

#include <QHttpServerResponder>
#include <QJsonObject>

#include <optional>

class QHttpServerRequest;

namespace cs {

// How the gateway's HTTP endpoints answer: JSON bodies, and errors as {"error": {code, message}}
// with the status docs/protocol.md gives each code.
namespace HttpReplies {

using Status = QHttpServerResponder::StatusCode;

void writeJson(QHttpServerResponder &responder, const QJsonObject &body, Status status = Status::Ok);
void writeError(QHttpServerResponder &responder, Status status, const QString &code, const QString &message);
void writeError(QHttpServerResponder &responder, const WireError &error);
Status statusFor(const WireError &error);

// The request body as a JSON object, read strictly (RFC 8259 plus no duplicate member names or
// lone surrogates); on failure the 400 is already written.
std::optional<QJsonObject> readObject(const QHttpServerRequest &request, QHttpServerResponder &responder);

} // namespace HttpReplies
} // namespace cs
