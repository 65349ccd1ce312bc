#pragma once

#include "domain/Action.h"
#include "domain/Quorum.h"

#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>

namespace cs {

// A glob (`*`, `?`, `[…]`) over a whole text, case-sensitive; `*` also crosses `/` and `:`.
// Compiled once into tokens and matched without a regular expression: a policy of 1,000 rules is
// walked on every submission.
struct Glob
{
    struct Token
    {
        enum class Kind { Literal, AnyOne, AnyRun, Class };
        Kind kind = Kind::Literal;
        QChar literal;
        bool negated = false;
        QList<std::pair<QChar, QChar>> ranges; // a class's members, single characters as (c, c)
    };
    QString text;
    QList<Token> tokens;

    // Nothing, with `error`, when `text` is malformed (a class never closed, or empty).
    static std::optional<Glob> parse(const QString &text, QString *error);
    bool matches(QStringView value) const;
};

// What a `require` rule asks beyond the quorum.
struct Requirement
{
    Quorum quorum;
    std::optional<int> ttlSeconds;       // replaces the gateway's default TTL
    std::optional<Urgency> urgency;      // when the request names none
    bool hardwareKey = false;            // only decisions signed with a hardware-backed key count
    QRegularExpression justification;    // must match the justification, when set
    QString justificationMessage;        // said to the agent when it does not
    std::optional<int> useWithinSeconds; // how long an approval may be used to run the action
};

// One rule: what it matches and what follows. Every condition set must hold; a list of values
// holds when any of them does.
struct PolicyRule
{
    enum class Outcome { Allow, Deny, Require };

    QString name;
    int line = 0; // where it is written, for explain and errors (1-based; 0: built in)

    QList<Glob> agents; // over the initiator's id
    QList<Glob> kinds;
    QList<Glob> systems;
    QList<Glob> resources;
    QList<Glob> environments;
    QRegularExpression command; // over the shell string, or the argv joined by spaces
    QList<Urgency> urgencies;
    QList<std::pair<QString, QList<Glob>>> context; // a dotted path, globs over its value's text

    Outcome outcome = Outcome::Require;
    QString message; // a deny's sentence for the agent
    Requirement requirement;
    QStringList notify; // webhooks told of the actions it matches, beyond the global ones
};

// What the policy says of one request, and why.
struct PolicyVerdict
{
    QString rule; // the matching rule's name, or "default"
    int line = 0;
    PolicyRule::Outcome outcome = PolicyRule::Outcome::Require;
    QString message;
    Requirement requirement;
    QStringList reasons; // each condition of the rule and how the request met it
    QStringList notify;

    QJsonObject toJson() const;
};

// The ordered rules of a policy file and the default for a request none of them matches. The first
// matching rule decides. Immutable once loaded; a reload makes a new one.
class Policy
{
public:
    // The built-in policy: every action needs one approver.
    Policy();

    PolicyVerdict evaluate(const QString &agent, const ActionRequest &request) const;

    const QList<PolicyRule> &rules() const { return m_rules; }
    const PolicyRule &defaultRule() const { return m_default; }
    QString source() const { return m_source; } // the file, or "built-in"

    void setRules(QList<PolicyRule> rules, PolicyRule fallback, QString source);

    static QString outcomeName(PolicyRule::Outcome outcome);

private:
    QList<PolicyRule> m_rules;
    PolicyRule m_default;
    QString m_source;
};

// The text a context value is matched as: strings as they are, numbers, booleans, objects and
// arrays as their canonical JSON; nothing when the path is absent.
std::optional<QString> contextText(const QJsonObject &context, const QString &path);

} // namespace cs
