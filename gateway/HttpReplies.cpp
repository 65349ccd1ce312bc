#include "HttpReplies.h"

#include "json/Jcs.h"

#include <QHash>
#include <QHttpServerRequest>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace cs::HttpReplies {

void writeJson(QHttpServerResponder &responder, const QJsonObject &body, Status status)
{
    responder.write(QJsonDocument(body).toJson(QJsonDocument::Compact), QByteArrayLiteral("application/json"), status);
}

void writeError(QHttpServerResponder &responder, Status status, const QString &code, const QString &message)
{
    writeJson(responder, {{u"error"_s, WireError{code, message}.toJson()}}, status);
}

void writeError(QHttpServerResponder &responder, const WireError &error)
{
    writeError(responder, statusFor(error), error.code, error.message);
}

Status statusFor(const WireError &error)
{
    static const QHash<QString, Status> statuses{
        {ErrorCode::MalformedJson, Status::BadRequest},
        {ErrorCode::MissingField, Status::UnprocessableEntity},
        {ErrorCode::InvalidField, Status::UnprocessableEntity},
        {ErrorCode::Unauthenticated, Status::Unauthorized},
        {ErrorCode::RateLimited, Status::TooManyRequests},
        {ErrorCode::ForbiddenRole, Status::Forbidden},
        {ErrorCode::NotInitiator, Status::Forbidden},
        {ErrorCode::NotFound, Status::NotFound},
        {ErrorCode::UnknownAction, Status::NotFound},
        {ErrorCode::NotPending, Status::Conflict},
        {ErrorCode::NotApproved, Status::Conflict},
        {ErrorCode::AlreadyReported, Status::Conflict},
        {ErrorCode::ApprovalExpired, Status::Conflict},
        {ErrorCode::AlreadyApproved, Status::Conflict},
        {ErrorCode::NoApproval, Status::Conflict},
        {ErrorCode::JustificationRejected, Status::UnprocessableEntity},
        {ErrorCode::IdempotencyKeyReused, Status::UnprocessableEntity},
        {ErrorCode::NotInRequiredGroup, Status::Forbidden},
        {ErrorCode::Expired, Status::Conflict},
        {ErrorCode::DigestMismatch, Status::Conflict},
        {ErrorCode::ReplayedNonce, Status::Conflict},
        {ErrorCode::KeyExists, Status::Conflict},
        {ErrorCode::NotApprover, Status::Forbidden},
        {ErrorCode::SelfApproval, Status::Forbidden},
        {ErrorCode::OnBehalfOfApproval, Status::Forbidden},
        {ErrorCode::ApproverMismatch, Status::Forbidden},
        {ErrorCode::UnknownKey, Status::Forbidden},
        {ErrorCode::KeyNotOwned, Status::Forbidden},
        {ErrorCode::KeyNotApproved, Status::Forbidden},
        {ErrorCode::KeyRevoked, Status::Forbidden},
        {ErrorCode::SoftwareKeyRefused, Status::Forbidden},
        {ErrorCode::BadSignature, Status::Forbidden},
        {ErrorCode::RpIdMismatch, Status::Forbidden},
        {ErrorCode::UserPresenceMissing, Status::Forbidden},
        {ErrorCode::StorageFailure, Status::ServiceUnavailable},
    };
    return statuses.value(error.code, Status::BadRequest);
}

std::optional<QJsonObject> readObject(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    Jcs::Error error;
    const auto value = Jcs::parse(request.body(), &error);
    if (!value) {
        writeError(responder, Status::BadRequest, ErrorCode::MalformedJson,
                   u"The body is not acceptable JSON (%1): %2 at offset %3."_s.arg(error.code, error.message)
                       .arg(error.offset));
        return std::nullopt;
    }
    if (!value->isObject()) {
        writeError(responder, Status::BadRequest, ErrorCode::MalformedJson, u"The body must be a JSON object."_s);
        return std::nullopt;
    }
    return value->toObject();
}

} // namespace cs::HttpReplies
