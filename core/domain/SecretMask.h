#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace cs {

// Finds what in a command looks like a secret, so the console can keep it off the screen (and off
// a screenshot or a shared screen) until the approver asks to see it: option values such as
// --password=…, Authorization headers, AWS access key ids, KEY=value assignments of PASSWORD /
// SECRET / TOKEN variables, and the password of a user:pass@ URL. Only the display is masked: the
// digest and the signature always cover the original bytes.
class SecretMask
{
public:
    static constexpr QStringView kMask = u"••••••••";

    struct Range
    {
        qsizetype start = 0;
        qsizetype length = 0;
    };

    // The secret parts of `text`, in order, not overlapping.
    static QList<Range> find(QStringView text);
    // `text` with each secret replaced by kMask; `count` receives how many were.
    static QString mask(const QString &text, int *count = nullptr);
};

} // namespace cs
