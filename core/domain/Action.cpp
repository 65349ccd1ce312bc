#include "Action.h"
#include "Timestamps.h"

#include "json/Jcs.h"
#include "signing/Crypto.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace cs {

namespace {
constexpr std::array<QStringView, 4> kUrgencyNames{u"low", u"normal", u"high", u"critical"};
constexpr std::array<QStringView, 6> kStatusNames{u"pending", u"approved",  u"denied",
                                                  u"expired", u"cancelled", u"allowed"};
} // namespace

QString urgencyName(Urgency urgency)
{
    return kUrgencyNames[static_cast<size_t>(urgency)].toString();
}

std::optional<Urgency> urgencyFromName(QStringView name)
{
    for (size_t i = 0; i < kUrgencyNames.size(); ++i) {
        if (kUrgencyNames[i] == name)
            return static_cast<Urgency>(i);
    }
    return std::nullopt;
}

QString statusName(ActionStatus status)
{
    return kStatusNames[static_cast<size_t>(status)].toString();
}

std::optional<ActionStatus> statusFromName(QStringView name)
{
    for (size_t i = 0; i < kStatusNames.size(); ++i) {
        if (kStatusNames[i] == name)
            return static_cast<ActionStatus>(i);
    }
    return std::nullopt;
}

QString shellQuote(const QString &word)
{
    static const QRegularExpression safe(u"^[A-Za-z0-9_@%+=:,./-]+$"_s);
    if (safe.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(u"'"_s, u"'\\''"_s);
    return u"'"_s + quoted + u"'"_s;
}

QString Action::displayCommand() const
{
    if (!request.argv.isEmpty()) {
        QStringList words;
        words.reserve(request.argv.size());
        for (const QString &word : request.argv)
            words.append(shellQuote(word));
        return words.join(u' ');
    }
    return request.command;
}

QJsonObject Action::requestDocument() const
{
    QJsonObject target{{u"system"_s, request.target.system},
                       {u"resource"_s, request.target.resource},
                       {u"environment"_s, request.target.environment}};
    QJsonObject doc{{u"id"_s, id},
                    {u"initiator"_s, initiator},
                    {u"kind"_s, request.kind},
                    {u"target"_s, target},
                    {u"justification"_s, request.justification},
                    {u"urgency"_s, urgencyName(request.urgency)},
                    {u"context"_s, request.context},
                    {u"created_at"_s, formatTime(createdAt)},
                    {u"expires_at"_s, formatTime(expiresAt)}};
    if (!request.argv.isEmpty())
        doc.insert(u"argv"_s, QJsonArray::fromStringList(request.argv));
    else
        doc.insert(u"command"_s, request.command);
    if (!request.onBehalfOf.isEmpty())
        doc.insert(u"on_behalf_of"_s, request.onBehalfOf);
    return doc;
}

std::optional<QByteArray> Action::canonicalRequest() const
{
    // requestDocument() in RFC 8785 form, joined member by member in code point order (argv or
    // command, context, created_at, expires_at, id, initiator, justification, kind, on_behalf_of,
    // target, urgency) instead of built as a QJsonObject and serialized: every submission takes it.
    Jcs::Error error;
    bool ok = true;
    QByteArray out;
    out.reserve(384 + 3 * (request.command.size() + request.justification.size()));
    const auto member = [&](const char *name, const QString &text) {
        out += name;
        ok = ok && Jcs::appendString(out, text, &error);
    };
    if (!request.argv.isEmpty()) {
        out += "{\"argv\":[";
        for (qsizetype i = 0; i < request.argv.size(); ++i)
            member(i > 0 ? "," : "", request.argv.at(i));
        out += ']';
    } else {
        member("{\"command\":", request.command);
    }
    const auto context = Jcs::serialize(request.context, &error);
    if (!ok || !context)
        return std::nullopt;
    out += ",\"context\":";
    out += *context;
    member(",\"created_at\":", formatTime(createdAt));
    member(",\"expires_at\":", formatTime(expiresAt));
    member(",\"id\":", id);
    member(",\"initiator\":", initiator);
    member(",\"justification\":", request.justification);
    member(",\"kind\":", request.kind);
    if (!request.onBehalfOf.isEmpty())
        member(",\"on_behalf_of\":", request.onBehalfOf);
    member(",\"target\":{\"environment\":", request.target.environment);
    member(",\"resource\":", request.target.resource);
    member(",\"system\":", request.target.system);
    member("},\"urgency\":", urgencyName(request.urgency));
    out += '}';
    if (!ok)
        return std::nullopt;
    return out;
}

QString Action::computeDigest() const
{
    // RFC 8785 bytes, so that anyone can recompute the digest with any JCS implementation.
    const auto bytes = canonicalRequest();
    if (!bytes)
        return {}; // a request that has no canonical form has no digest, and cannot be approved
    return QString::fromLatin1(Crypto::sha256(*bytes).toHex());
}

Quorum Action::quorum() const
{
    QString ignored;
    if (policy && !policy->quorum.isEmpty()) {
        if (auto parsed = Quorum::parse(policy->quorum, &ignored))
            return *parsed;
    }
    return Quorum{};
}

Quorum::Progress Action::approvalProgress() const
{
    QList<QStringList> groups;
    for (const Approval &approval : approvals)
        groups.append(approval.groups);
    return quorum().progress(groups);
}

bool Action::approvedBy(const QString &approver) const
{
    return std::any_of(approvals.cbegin(), approvals.cend(),
                       [&approver](const Approval &approval) { return approval.approver == approver; });
}

} // namespace cs
