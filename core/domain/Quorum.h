#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace cs {

// How many distinct humans of which group must approve: `count` of `group` (any approver when
// `group` is empty).
struct QuorumTerm
{
    int count = 1;
    QString group;

    bool operator==(const QuorumTerm &) const = default;
};

// Alternatives of terms that must all hold: "1 of sre AND 1 of security OR 2 of dba" is
// {{1 sre, 1 security}, {2 dba}}. The built-in quorum is one approver of any group.
//
// One human fills one place, however many groups they are in: whether a set of approvers meets an
// alternative is a matching of approvers to places, not a count per group. The gateway decides
// with it; the console shows the same progress from the action's approvals.
struct Quorum
{
    QList<QList<QuorumTerm>> alternatives{{QuorumTerm{}}};

    // "1 of sre AND 1 of security OR 2 of dba"; "1 approver"; nothing on a syntax error.
    static std::optional<Quorum> parse(const QString &text, QString *error);
    QString toString() const;
    // The most humans any alternative needs.
    int largestTerm() const;
    // Whether some alternative is met by these approvers, each given by the groups they are in.
    bool isMet(const QList<QStringList> &approvers) const;
    // Whether an approver in `groups` could fill a place in some alternative.
    bool counts(const QStringList &groups) const;

    // How far the approvers are along the alternative closest to being met.
    struct Progress
    {
        int have = 0;           // places filled
        int needed = 1;         // places in that alternative
        QList<QuorumTerm> open; // what is still missing, per term

        // The missing terms as they are written ("1 of security", "2 approvers").
        QStringList missing() const;
    };
    Progress progress(const QList<QStringList> &approvers) const;

    bool operator==(const Quorum &) const = default;
};

} // namespace cs
