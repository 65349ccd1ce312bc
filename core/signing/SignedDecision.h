#pragma once

#include "domain/Action.h"
#include "domain/ActionRules.h"
#include "wire/WireError.h"

#include <QDateTime>
#include <QJsonObject>

#include <optional>

namespace cs {

// What an approver signs: one decision on one action, bound to the action's digest, the signing
// key and a fresh nonce. The signature covers the RFC 8785 (JCS) bytes of exactly this object;
// docs/protocol.md spells them out so a third party can check a decision with OpenSSL alone.
struct SignedDecision
{
    static constexpr int kProtocol = 1;

    int protocol = kProtocol;
    QString actionId;
    QString actionDigest;
    Verdict verdict = Verdict::Deny;
    QString reason;
    QString approver;
    QString keyId;
    QString signedAt; // as signed (ISO 8601 UTC with milliseconds); see signedAtTime()
    QString nonce;    // base64url of 16 random bytes

    // A decision on `action` as shown: its digest is recomputed from the request, never copied,
    // so a console cannot sign a digest of something it did not display.
    static SignedDecision create(const Action &action, Verdict verdict, const QString &reason, const QString &approver,
                                 const QString &keyId, const QDateTime &now);

    QDateTime signedAtTime() const;
    DecisionAttempt attempt() const { return {actionId, verdict, reason, actionDigest}; }

    QJsonObject toJson() const;
    // The bytes a signer signs.
    QByteArray canonicalBytes() const;
    // Reads a decision as received; every member is required and no other may appear, since the
    // signature covers the object exactly.
    static std::optional<SignedDecision> fromJson(const QJsonObject &object, WireError *error);
};

// A signature over a decision's canonical bytes. For FIDO2 the authenticator signed
// authenticatorData ‖ SHA-256(canonical bytes) instead, and the record carries that data.
struct SignatureRecord
{
    QString algorithm; // Crypto::ES256 or Crypto::Ed25519
    QByteArray value;
    QByteArray authenticatorData; // FIDO2 only

    QJsonObject toJson() const;
    static std::optional<SignatureRecord> fromJson(const QJsonObject &object, WireError *error);
};

// A decision and its signature as they travel together: {"decision": {…}, "signature": {…}}, the
// body of POST /v1/actions/{id}/decision and the heart of the feed's `decide` message.
struct DecisionSubmission
{
    SignedDecision decision;
    SignatureRecord signature;

    QJsonObject toJson() const;
    // A holder without "decision" is an unsigned decision: signature_required.
    static std::optional<DecisionSubmission> fromJson(const QJsonObject &holder, WireError *error);
};

} // namespace cs
