#include "SecretMask.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

// Each pattern's last capture group is the secret; what comes before it stays readable, so the
// approver still sees which option or header carries a value.
const QList<QRegularExpression> &patterns()
{
    static const QList<QRegularExpression> list = [] {
        const auto options = QRegularExpression::CaseInsensitiveOption;
        return QList<QRegularExpression>{
            // --password=x, --token x, -password x, --client-secret=x, --api-key x …
            QRegularExpression(u"(?:^|[\\s'\"])--?(?:[a-z0-9]+[-_])*(?:password|passwd|pass|pwd|token|secret|"
                               "api[-_]?key|access[-_]?key|private[-_]?key|credentials?)(?:=|\\s+)"
                               "['\"]?([^\\s'\"]+)"_s,
                               options),
            // Authorization: Bearer x / Basic x / token x, and X-Api-Key: x style headers
            QRegularExpression(u"(?:authorization|proxy-authorization)\\s*:\\s*(?:bearer|basic|token|digest)?\\s*"
                               "([^\\s'\"]+)"_s,
                               options),
            QRegularExpression(u"x-(?:api-key|auth-token|access-token)\\s*:\\s*([^\\s'\"]+)"_s, options),
            // AWS access key ids
            QRegularExpression(u"\\b((?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16})\\b"_s),
            // PGPASSWORD=x, AWS_SECRET_ACCESS_KEY=x, GITHUB_TOKEN=x, aws_session_token = x
            QRegularExpression(u"\\b[A-Za-z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|ACCESS_KEY|"
                               "PRIVATE_KEY)[A-Za-z0-9_]*\\s*=\\s*['\"]?([^\\s'\"]+)"_s,
                               options),
            // postgres://user:pass@host, https://user:pass@host
            QRegularExpression(u"\\b[a-z][a-z0-9+.-]*://[^:/\\s@'\"]+:([^@\\s/'\"]+)@"_s, options),
        };
    }();
    return list;
}

} // namespace

QList<SecretMask::Range> SecretMask::find(QStringView text)
{
    QList<Range> found;
    for (const QRegularExpression &pattern : patterns()) {
        auto matches = pattern.globalMatch(text);
        while (matches.hasNext()) {
            const QRegularExpressionMatch match = matches.next();
            const int group = pattern.captureCount();
            if (match.capturedLength(group) > 0 && match.captured(group) != kMask)
                found.append({match.capturedStart(group), match.capturedLength(group)});
        }
    }
    std::sort(found.begin(), found.end(), [](const Range &a, const Range &b) { return a.start < b.start; });
    QList<Range> merged;
    for (const Range &range : std::as_const(found)) {
        if (!merged.isEmpty() && range.start < merged.last().start + merged.last().length) {
            Range &last = merged.last();
            last.length = std::max(last.start + last.length, range.start + range.length) - last.start;
        } else {
            merged.append(range);
        }
    }
    return merged;
}

QString SecretMask::mask(const QString &text, int *count)
{
    const QList<Range> ranges = find(text);
    QString out = text;
    for (auto it = ranges.crbegin(); it != ranges.crend(); ++it)
        out.replace(it->start, it->length, kMask.toString());
    if (count)
        *count = int(ranges.size());
    return out;
}

} // namespace cs
