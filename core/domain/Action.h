#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace cs {

// Higher urgency sorts first in the console's queue.
enum class Urgency { Low = 0, Normal = 1, High = 2, Critical = 3 };
enum class ActionStatus { Pending, Approved, Denied, Expired, Cancelled };

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

    bool isPending() const { return status == ActionStatus::Pending; }
    bool isExpiredAt(const QDateTime &now) const { return now >= expiresAt; }

    // The command as one line a human can read; argv is shell-quoted.
    QString displayCommand() const;

    // The immutable request as stored: what the digest covers and what an approver signs off.
    QJsonObject requestDocument() const;
    QString computeDigest() const;
};

QString shellQuote(const QString &word);

} // namespace cs
