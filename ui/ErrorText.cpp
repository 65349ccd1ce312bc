#include "ErrorText.h"

#include <QCoreApplication>

namespace cs::ErrorText {

namespace {

struct Entry
{
    const QString &code;
    const char *text;
};

// The translated sentence for `code`, or nothing when the table does not know it.
template <size_t N> std::optional<QString> sentenceFor(const Entry (&entries)[N], const QString &code)
{
    for (const Entry &entry : entries) {
        if (entry.code == code)
            return QCoreApplication::translate("ErrorText", entry.text);
    }
    return std::nullopt;
}

} // namespace

QString forError(const WireError &error)
{
    static const Entry entries[] = {
        {ErrorCode::NotPending, QT_TRANSLATE_NOOP("ErrorText", "This action was already decided.")},
        {ErrorCode::Expired, QT_TRANSLATE_NOOP("ErrorText", "This action has expired.")},
        {ErrorCode::DigestMismatch,
         QT_TRANSLATE_NOOP("ErrorText", "The action changed since it was shown; the decision was not accepted.")},
        {ErrorCode::NotApprover, QT_TRANSLATE_NOOP("ErrorText", "Your account may not approve or deny actions.")},
        {ErrorCode::SelfApproval,
         QT_TRANSLATE_NOOP("ErrorText", "You requested this action; someone else must decide it.")},
        {ErrorCode::OnBehalfOfApproval,
         QT_TRANSLATE_NOOP("ErrorText", "This action was requested on your behalf; someone else must decide it.")},
        {ErrorCode::ReasonRequired, QT_TRANSLATE_NOOP("ErrorText", "A denial needs a reason.")},
        {ErrorCode::UnknownAction, QT_TRANSLATE_NOOP("ErrorText", "The gateway does not know this action.")},
        {ErrorCode::SignatureRequired, QT_TRANSLATE_NOOP("ErrorText", "The gateway accepts only signed decisions.")},
        {ErrorCode::UnsupportedProtocol,
         QT_TRANSLATE_NOOP("ErrorText", "This console speaks another protocol version than the gateway; update it.")},
        {ErrorCode::ApproverMismatch, QT_TRANSLATE_NOOP("ErrorText", "The decision was signed for another approver.")},
        {ErrorCode::UnknownKey,
         QT_TRANSLATE_NOOP("ErrorText", "Your signing key is not enrolled on this gateway. Enroll it first.")},
        {ErrorCode::KeyNotOwned, QT_TRANSLATE_NOOP("ErrorText", "This signing key belongs to another approver.")},
        {ErrorCode::KeyNotApproved,
         QT_TRANSLATE_NOOP("ErrorText", "Your signing key waits for an operator's approval; ask them to approve it.")},
        {ErrorCode::KeyRevoked, QT_TRANSLATE_NOOP("ErrorText", "Your signing key has been revoked.")},
        {ErrorCode::SoftwareKeyRefused,
         QT_TRANSLATE_NOOP("ErrorText", "This gateway accepts only hardware keys; a software key cannot sign here.")},
        {ErrorCode::UnsupportedAlgorithm,
         QT_TRANSLATE_NOOP("ErrorText", "The gateway does not accept this signature algorithm.")},
        {ErrorCode::AlgorithmMismatch,
         QT_TRANSLATE_NOOP("ErrorText", "The signature does not match the enrolled key's algorithm.")},
        {ErrorCode::MalformedSignature, QT_TRANSLATE_NOOP("ErrorText", "The signature could not be read.")},
        {ErrorCode::BadSignature,
         QT_TRANSLATE_NOOP("ErrorText", "The signature does not verify; the decision was not accepted.")},
        {ErrorCode::RpIdMismatch, QT_TRANSLATE_NOOP("ErrorText", "The security key signed for another service.")},
        {ErrorCode::UserPresenceMissing,
         QT_TRANSLATE_NOOP("ErrorText", "The security key signed without being touched.")},
        {ErrorCode::ClockSkew,
         QT_TRANSLATE_NOOP("ErrorText",
                           "This computer's clock is too far from the gateway's; correct it and try again.")},
        {ErrorCode::ReplayedNonce, QT_TRANSLATE_NOOP("ErrorText", "This signed decision was already used.")},
        {ErrorCode::KeyExists, QT_TRANSLATE_NOOP("ErrorText", "This key is already enrolled on the gateway.")},
    };
    if (auto sentence = sentenceFor(entries, error.code))
        return *sentence;
    return error.message.isEmpty() ? error.code : error.message;
}

QString forSignerError(const SignerError &error)
{
    static const Entry entries[] = {
        {SignerErrorCode::NoDevice,
         QT_TRANSLATE_NOOP("ErrorText", "No security key or smartcard was found. Insert it and try again.")},
        {SignerErrorCode::PinRequired, QT_TRANSLATE_NOOP("ErrorText", "The key needs its PIN.")},
        {SignerErrorCode::PinIncorrect, QT_TRANSLATE_NOOP("ErrorText", "The PIN is wrong. Nothing was signed.")},
        {SignerErrorCode::PinLocked,
         QT_TRANSLATE_NOOP(
             "ErrorText", "The key is locked after too many wrong PINs. Unlock it with its PUK or administrator PIN.")},
        {SignerErrorCode::KeyNotFound, QT_TRANSLATE_NOOP("ErrorText", "The signing key was not found on the token.")},
        {SignerErrorCode::Cancelled, QT_TRANSLATE_NOOP("ErrorText", "Signing was cancelled; nothing was sent.")},
        {SignerErrorCode::Timeout, QT_TRANSLATE_NOOP("ErrorText", "The security key was not touched in time.")},
        {SignerErrorCode::DigestMismatch,
         QT_TRANSLATE_NOOP("ErrorText", "The gateway's digest does not match the action shown; nothing was signed.")},
    };
    if (auto sentence = sentenceFor(entries, error.code))
        return *sentence;
    return QCoreApplication::translate("ErrorText", "The key could not sign: %1").arg(error.message);
}

} // namespace cs::ErrorText
