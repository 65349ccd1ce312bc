#pragma once

#include <QJsonObject>
#include <QString>

namespace cs {

// A refusal as it crosses the wire: a stable machine-readable code and a sentence for humans.
// Every code is listed in docs/protocol.md.
struct WireError
{
    QString code;
    QString message;

    bool isNull() const { return code.isEmpty(); }
    QJsonObject toJson() const;
    static WireError fromJson(const QJsonObject &object);
};

namespace ErrorCode {
inline const QString MalformedJson = QStringLiteral("malformed_json");
// HTTP framing with two readings (RFC 9112 §6.3): refused and the connection closed
inline const QString AmbiguousLength = QStringLiteral("ambiguous_length");
// Connection limits (docs/gateway.md, "limits"): each refusal closes the connection
inline const QString MalformedRequest = QStringLiteral("malformed_request");
inline const QString HeadersTooLarge = QStringLiteral("headers_too_large");
inline const QString RequestTimeout = QStringLiteral("request_timeout");
inline const QString TooManyConnections = QStringLiteral("too_many_connections");
inline const QString NotReady = QStringLiteral("not_ready");
inline const QString UpgradeRequired = QStringLiteral("upgrade_required"); // a plain GET on /v1/feed
inline const QString MissingField = QStringLiteral("missing_field");
inline const QString InvalidField = QStringLiteral("invalid_field");
inline const QString RateLimited = QStringLiteral("rate_limited");
inline const QString Unauthenticated = QStringLiteral("unauthenticated");
inline const QString ForbiddenRole = QStringLiteral("forbidden_role");
inline const QString NotFound = QStringLiteral("not_found");
inline const QString MethodNotAllowed = QStringLiteral("method_not_allowed");
inline const QString PayloadTooLarge = QStringLiteral("payload_too_large");
inline const QString NotInitiator = QStringLiteral("not_initiator");
inline const QString StorageFailure = QStringLiteral("storage_failure");
// Decision refusals
inline const QString UnknownAction = QStringLiteral("unknown_action");
inline const QString NotPending = QStringLiteral("not_pending");
// Execution reports
inline const QString NotApproved = QStringLiteral("not_approved");
inline const QString AlreadyReported = QStringLiteral("already_reported");
inline const QString ApprovalExpired = QStringLiteral("approval_expired");
// Policy (docs/policy.md)
inline const QString JustificationRejected = QStringLiteral("justification_rejected");
// Idempotency-Key (docs/protocol.md)
inline const QString IdempotencyKeyReused = QStringLiteral("idempotency_key_reused");
inline const QString NotInRequiredGroup = QStringLiteral("not_in_required_group");
// Quorum (docs/policy.md): one approval per human, withdrawn only by whoever gave it
inline const QString AlreadyApproved = QStringLiteral("already_approved");
inline const QString NoApproval = QStringLiteral("no_approval");
inline const QString Expired = QStringLiteral("expired");
inline const QString DigestMismatch = QStringLiteral("digest_mismatch");
inline const QString NotApprover = QStringLiteral("not_approver");
inline const QString SelfApproval = QStringLiteral("self_approval");
inline const QString OnBehalfOfApproval = QStringLiteral("on_behalf_of_approval");
inline const QString ReasonRequired = QStringLiteral("reason_required");
// Signed decisions (issue 3): the signature and the key behind it
inline const QString SignatureRequired = QStringLiteral("signature_required");
inline const QString UnsupportedProtocol = QStringLiteral("unsupported_protocol");
inline const QString ApproverMismatch = QStringLiteral("approver_mismatch");
inline const QString UnknownKey = QStringLiteral("unknown_key");
inline const QString KeyNotOwned = QStringLiteral("key_not_owned");
inline const QString KeyNotApproved = QStringLiteral("key_not_approved");
inline const QString KeyRevoked = QStringLiteral("key_revoked");
inline const QString SoftwareKeyRefused = QStringLiteral("software_key_refused");
inline const QString UnsupportedAlgorithm = QStringLiteral("unsupported_algorithm");
inline const QString AlgorithmMismatch = QStringLiteral("algorithm_mismatch");
inline const QString MalformedSignature = QStringLiteral("malformed_signature");
inline const QString BadSignature = QStringLiteral("bad_signature");
inline const QString RpIdMismatch = QStringLiteral("rp_id_mismatch");
inline const QString UserPresenceMissing = QStringLiteral("user_presence_missing");
inline const QString ClockSkew = QStringLiteral("clock_skew");
inline const QString ReplayedNonce = QStringLiteral("replayed_nonce");
// Key enrollment
inline const QString KeyExists = QStringLiteral("key_exists");
// Feed
inline const QString MalformedMessage = QStringLiteral("malformed_message");
inline const QString UnknownMessageType = QStringLiteral("unknown_message_type");
} // namespace ErrorCode

} // namespace cs
