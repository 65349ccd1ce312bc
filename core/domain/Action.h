#pragma once

#include "Quorum.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace cs {

// Higher urgency sorts first in the console's queue.
enum class Urgency { Low = 0, Normal = 1, High = 2, Critical = 3 };
// Allowed: the gateway's policy let it run without a human (never pending).
enum class ActionStatus { Pending, Approved, Denied, Expired, Cancelled, Allowed };

QString urgencyName(Urgency urgency);
std::optional<Urgency> urgencyFromName(QStringView name);
QString statusName(ActionStatus status);
std::optional<ActionStatus> statusFromName(QStringView name);

struct Target
{
    QString system;
    QString resource;
    QString environment;
};

// What an agent asks for, after validation. The initiator is never part of it:
// the gateway takes it from the authenticated token.
struct ActionRequest
{
    QString kind;
    QString command;  // either command ...
    QStringList argv; // ... or argv, never both
    Target target;
    QString justification;
    QString onBehalfOf;
    Urgency urgency = Urgency::Normal;
    std::optional<int> ttlSeconds;
    QJsonObject context;
};

// The outcome recorded when an action leaves pending.
struct Resolution
{
    QString by; // approver id, initiator id for cancel, empty for expiry
    QString reason;
    QDateTime at;
};

// What the initiator reports after running an approved action (POST /v1/actions/{id}/execution).
struct Execution
{
    QString status; // "succeeded" or "failed"
    std::optional<qint64> exitCode;
    QString detail;
    QDateTime at;
};

// What the gateway's policy decided for an action (docs/policy.md): the rule that matched and, for
// one that needs humans, what their approval must meet. Not part of the signed digest: the gateway
// sets and enforces it.
struct ActionPolicy
{
    QString rule;
    QString quorum;                      // "1 of sre", empty when no human is needed
    bool hardwareKey = false;            // only decisions signed with a hardware key count
    std::optional<int> useWithinSeconds; // how long after the approval it may run
    QStringList notify;                  // webhooks its rule names (docs/integrations.md)
};

// One human's signed approval of an action still waiting for more (a quorum); the decision and
// its signature are in the log's event, this is what the quorum is counted from.
struct Approval
{
    QString approver;
    QStringList groups; // the approver's groups when they approved: what their approval counts for
    QString keyId;
    QDateTime at;
};

// An action as the gateway stores and serves it.
struct Action
{
    QString id;
    QString initiator;
    ActionRequest request;
    QDateTime createdAt;
    QDateTime expiresAt;
    ActionStatus status = ActionStatus::Pending;
    QString digest; // SHA-256 (hex) of the RFC 8785 (JCS) bytes of requestDocument()
    std::optional<Resolution> resolution;
    std::optional<Execution> execution; // reported once, after approval
    std::optional<ActionPolicy> policy;
    QList<Approval> approvals; // while pending: who approved so far, in order

    bool isPending() const { return status == ActionStatus::Pending; }
    // Approved by a human, or allowed by the policy: the agent may go ahead.
    bool mayRun() const { return status == ActionStatus::Approved || status == ActionStatus::Allowed; }
    bool isExpiredAt(const QDateTime &now) const { return now >= expiresAt; }

    // The humans the action needs (its rule's quorum; one approver when it names none) and how
    // far its approvals are along it.
    Quorum quorum() const;
    Quorum::Progress approvalProgress() const;
    bool approvedBy(const QString &approver) const;

    // The command as one line a human can read; argv is shell-quoted.
    QString displayCommand() const;

    // The immutable request as stored: what the digest covers and what an approver signs off.
    QJsonObject requestDocument() const;
    // Its RFC 8785 bytes, which the digest is taken over; none when it has no canonical form (a
    // lone surrogate).
    std::optional<QByteArray> canonicalRequest() const;
    QString computeDigest() const;
};

QString shellQuote(const QString &word);

} // namespace cs
