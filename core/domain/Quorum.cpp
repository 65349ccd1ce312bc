#include "Quorum.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace cs {

std::optional<Quorum> Quorum::parse(const QString &text, QString *error)
{
    // "N", "N approver(s)", "N of GROUP", joined by AND, alternatives by OR.
    static const QRegularExpression term(u"^\\s*(\\d+)\\s*(?:(?:approvers?)|(?:of\\s+([A-Za-z0-9_.@-]+)))?\\s*$"_s,
                                         QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression orSplit(u"\\s+OR\\s+"_s);
    static const QRegularExpression andSplit(u"\\s+AND\\s+"_s);
    Quorum quorum;
    quorum.alternatives.clear();
    for (const QString &alternative : text.trimmed().split(orSplit)) {
        QList<QuorumTerm> terms;
        for (const QString &part : alternative.split(andSplit)) {
            const auto match = term.match(part);
            const int count = match.captured(1).toInt();
            if (!match.hasMatch() || count < 1 || count > 100) {
                *error = u"'%1' is not a quorum term like '2 of sre' or '1 approver'"_s.arg(part.trimmed());
                return std::nullopt;
            }
            terms.append({count, match.captured(2)});
        }
        quorum.alternatives.append(terms);
    }
    return quorum;
}

QString Quorum::toString() const
{
    QStringList alternativesText;
    for (const QList<QuorumTerm> &terms : alternatives) {
        QStringList termsText;
        for (const QuorumTerm &term : terms)
            termsText.append(term.group.isEmpty()
                                 ? (term.count == 1 ? u"1 approver"_s : u"%1 approvers"_s.arg(term.count))
                                 : u"%1 of %2"_s.arg(term.count).arg(term.group));
        alternativesText.append(termsText.join(u" AND "_s));
    }
    return alternativesText.join(u" OR "_s);
}

int Quorum::largestTerm() const
{
    int largest = 0;
    for (const QList<QuorumTerm> &terms : alternatives) {
        int humans = 0;
        for (const QuorumTerm &term : terms)
            humans += term.count;
        largest = std::max(largest, humans);
    }
    return largest;
}

namespace {

// The places of one alternative, a term's group once per human it needs.
QStringList placesOf(const QList<QuorumTerm> &terms)
{
    QStringList places;
    for (const QuorumTerm &term : terms) {
        for (int i = 0; i < term.count; ++i)
            places.append(term.group);
    }
    return places;
}

bool fits(const QString &place, const QStringList &groups)
{
    return place.isEmpty() || groups.contains(place);
}

// Kuhn's augmenting path: tries to give approver `who` a place, moving others where they fit too.
bool assign(int who, const QList<QStringList> &approvers, const QStringList &places, QList<int> &holder,
            QList<bool> &visited)
{
    for (int place = 0; place < places.size(); ++place) {
        if (visited[place] || !fits(places[place], approvers[who]))
            continue;
        visited[place] = true;
        if (holder[place] < 0 || assign(holder[place], approvers, places, holder, visited)) {
            holder[place] = who;
            return true;
        }
    }
    return false;
}

// Who holds each place (-1: open) in the largest matching of approvers to places.
QList<int> match(const QList<QStringList> &approvers, const QStringList &places)
{
    QList<int> holder(places.size(), -1);
    for (int who = 0; who < approvers.size(); ++who) {
        QList<bool> visited(places.size(), false);
        assign(who, approvers, places, holder, visited);
    }
    return holder;
}

} // namespace

Quorum::Progress Quorum::progress(const QList<QStringList> &approvers) const
{
    std::optional<Progress> best;
    for (const QList<QuorumTerm> &terms : alternatives) {
        const QStringList places = placesOf(terms);
        const QList<int> holder = match(approvers, places);
        Progress progress;
        progress.needed = int(places.size());
        progress.have = int(std::count_if(holder.cbegin(), holder.cend(), [](int who) { return who >= 0; }));
        int place = 0;
        for (const QuorumTerm &term : terms) {
            int open = 0;
            for (int i = 0; i < term.count; ++i, ++place)
                open += holder[place] < 0 ? 1 : 0;
            if (open > 0)
                progress.open.append({open, term.group});
        }
        const int missing = progress.needed - progress.have;
        if (!best || missing < best->needed - best->have)
            best = progress;
    }
    return best.value_or(Progress{});
}

QStringList Quorum::Progress::missing() const
{
    QStringList terms;
    for (const QuorumTerm &term : open)
        terms.append(Quorum{{{term}}}.toString());
    return terms;
}

bool Quorum::isMet(const QList<QStringList> &approvers) const
{
    const Progress p = progress(approvers);
    return p.have == p.needed;
}

bool Quorum::counts(const QStringList &groups) const
{
    for (const QList<QuorumTerm> &terms : alternatives) {
        for (const QuorumTerm &term : terms) {
            if (fits(term.group, groups))
                return true;
        }
    }
    return false;
}

} // namespace cs
