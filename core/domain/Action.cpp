#include "Action.h"

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
                    {u"created_at"_s, createdAt.toUTC().toString(Qt::ISODateWithMs)},
                    {u"expires_at"_s, expiresAt.toUTC().toString(Qt::ISODateWithMs)}};
    if (!request.argv.isEmpty())
        doc.insert(u"argv"_s, QJsonArray::fromStringList(request.argv));
    else
        doc.insert(u"command"_s, request.command);
    if (!request.onBehalfOf.isEmpty())
        doc.insert(u"on_behalf_of"_s, request.onBehalfOf);
    return doc;
}

QString Action::computeDigest() const
{
    // RFC 8785 bytes, so that anyone can recompute the digest with any JCS implementation.
    Jcs::Error error;
    const auto bytes = Jcs::serialize(requestDocument(), &error);
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
