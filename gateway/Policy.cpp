#include "Policy.h"

#include "json/Jcs.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace cs {

QJsonObject PolicyVerdict::toJson() const
{
    QJsonObject object{{u"rule"_s, rule}, {u"outcome"_s, Policy::outcomeName(outcome)}};
    if (line > 0)
        object.insert(u"line"_s, line);
    if (!message.isEmpty())
        object.insert(u"message"_s, message);
    if (outcome == PolicyRule::Outcome::Require) {
        QJsonObject require{{u"quorum"_s, requirement.quorum.toString()}};
        if (requirement.ttlSeconds)
            require.insert(u"ttl_seconds"_s, *requirement.ttlSeconds);
        if (requirement.urgency)
            require.insert(u"urgency"_s, urgencyName(*requirement.urgency));
        if (requirement.hardwareKey)
            require.insert(u"key_assurance"_s, u"hardware"_s);
        if (!requirement.justification.pattern().isEmpty())
            require.insert(u"justification_pattern"_s, requirement.justification.pattern());
        if (requirement.useWithinSeconds)
            require.insert(u"use_within_seconds"_s, *requirement.useWithinSeconds);
        object.insert(u"require"_s, require);
    }
    object.insert(u"reasons"_s, QJsonArray::fromStringList(reasons));
    if (!notify.isEmpty())
        object.insert(u"notify"_s, QJsonArray::fromStringList(notify));
    return object;
}

Policy::Policy() : m_source(u"built-in"_s)
{
    m_default.name = u"default"_s;
}

void Policy::setRules(QList<PolicyRule> rules, PolicyRule fallback, QString source)
{
    m_rules = std::move(rules);
    m_default = std::move(fallback);
    m_source = std::move(source);
}

QString Policy::outcomeName(PolicyRule::Outcome outcome)
{
    switch (outcome) {
    case PolicyRule::Outcome::Allow:
        return u"allow"_s;
    case PolicyRule::Outcome::Deny:
        return u"deny"_s;
    case PolicyRule::Outcome::Require:
        break;
    }
    return u"require"_s;
}

namespace {

// Whether `value` is matched by one of `globs` (none set: every value is), with the reason.
bool matchesAny(const QList<Glob> &globs, const QString &field, const QString &value, QStringList *reasons)
{
    if (globs.isEmpty())
        return true;
    for (const Glob &glob : globs) {
        if (glob.matches(value)) {
            reasons->append(u"%1 '%2' matches %3"_s.arg(field, value, glob.text));
            return true;
        }
    }
    return false;
}

bool matches(const PolicyRule &rule, const QString &agent, const ActionRequest &request, QStringList *reasons)
{
    if (!matchesAny(rule.agents, u"agent"_s, agent, reasons) ||
        !matchesAny(rule.kinds, u"kind"_s, request.kind, reasons) ||
        !matchesAny(rule.systems, u"system"_s, request.target.system, reasons) ||
        !matchesAny(rule.resources, u"resource"_s, request.target.resource, reasons) ||
        !matchesAny(rule.environments, u"environment"_s, request.target.environment, reasons))
        return false;
    if (!rule.command.pattern().isEmpty()) {
        const QString command = request.argv.isEmpty() ? request.command : request.argv.join(u' ');
        if (!rule.command.match(command).hasMatch())
            return false;
        reasons->append(u"command matches /%1/"_s.arg(rule.command.pattern()));
    }
    if (!rule.urgencies.isEmpty()) {
        if (!rule.urgencies.contains(request.urgency))
            return false;
        reasons->append(u"urgency is %1"_s.arg(urgencyName(request.urgency)));
    }
    for (const auto &[path, globs] : rule.context) {
        const auto value = contextText(request.context, path);
        if (!value || !matchesAny(globs, u"context."_s + path, *value, reasons))
            return false;
    }
    return true;
}

PolicyVerdict verdictOf(const PolicyRule &rule, QStringList reasons)
{
    return {rule.name, rule.line, rule.outcome, rule.message, rule.requirement, std::move(reasons), rule.notify};
}

} // namespace

PolicyVerdict Policy::evaluate(const QString &agent, const ActionRequest &request) const
{
    for (const PolicyRule &rule : m_rules) {
        QStringList reasons;
        if (matches(rule, agent, request, &reasons)) {
            if (reasons.isEmpty())
                reasons.append(u"the rule matches every request"_s);
            return verdictOf(rule, reasons);
        }
    }
    return verdictOf(m_default, {u"no rule matches: the default applies"_s});
}

std::optional<Glob> Glob::parse(const QString &pattern, QString *error)
{
    // `*` is any text (slashes and colons too: resources are paths and ARNs), `?` one character,
    // `[abc]`, `[a-z]` and `[!abc]` a class; everything else stands for itself.
    Glob glob{pattern, {}};
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        Token token;
        if (c == u'*') {
            if (!glob.tokens.isEmpty() && glob.tokens.last().kind == Token::Kind::AnyRun)
                continue; // ** is *
            token.kind = Token::Kind::AnyRun;
        } else if (c == u'?') {
            token.kind = Token::Kind::AnyOne;
        } else if (c == u'[') {
            const qsizetype close = pattern.indexOf(u']', i + 2);
            if (close < 0) {
                *error = u"the glob '%1' opens a [class] it never closes"_s.arg(pattern);
                return std::nullopt;
            }
            QStringView members = QStringView(pattern).mid(i + 1, close - i - 1);
            token.kind = Token::Kind::Class;
            token.negated = members.startsWith(u'!');
            if (token.negated)
                members = members.mid(1);
            if (members.isEmpty()) {
                *error = u"the glob '%1' has an empty [class]"_s.arg(pattern);
                return std::nullopt;
            }
            for (qsizetype m = 0; m < members.size(); ++m) {
                if (m + 2 < members.size() && members[m + 1] == u'-') { // a-z; a leading or trailing - is itself
                    if (members[m] > members[m + 2]) {
                        *error =
                            u"the glob '%1' has the range %2-%3 backwards"_s.arg(pattern, members[m], members[m + 2]);
                        return std::nullopt;
                    }
                    token.ranges.append({members[m], members[m + 2]});
                    m += 2;
                } else {
                    token.ranges.append({members[m], members[m]});
                }
            }
            i = close;
        } else {
            token.literal = c;
        }
        glob.tokens.append(token);
    }
    return glob;
}

namespace {

bool tokenMatches(const Glob::Token &token, QChar c)
{
    switch (token.kind) {
    case Glob::Token::Kind::Literal:
        return token.literal == c;
    case Glob::Token::Kind::AnyOne:
        return true;
    case Glob::Token::Kind::Class: {
        const bool in = std::any_of(token.ranges.cbegin(), token.ranges.cend(),
                                    [c](const auto &range) { return c >= range.first && c <= range.second; });
        return in != token.negated;
    }
    case Glob::Token::Kind::AnyRun:
        break;
    }
    return false;
}

} // namespace

bool Glob::matches(QStringView value) const
{
    // The classic wildcard walk: on a mismatch, let the last * take one more character.
    qsizetype t = 0, v = 0;
    qsizetype starToken = -1, starValue = 0;
    while (v < value.size()) {
        if (t < tokens.size() && tokens[t].kind == Token::Kind::AnyRun) {
            starToken = t++;
            starValue = v;
        } else if (t < tokens.size() && tokenMatches(tokens[t], value[v])) {
            ++t;
            ++v;
        } else if (starToken >= 0) {
            t = starToken + 1;
            v = ++starValue;
        } else {
            return false;
        }
    }
    while (t < tokens.size() && tokens[t].kind == Token::Kind::AnyRun)
        ++t;
    return t == tokens.size();
}

std::optional<QString> contextText(const QJsonObject &context, const QString &path)
{
    QJsonValue value = context;
    for (const QString &key : path.split(u'.')) {
        if (!value.isObject() || !value.toObject().contains(key))
            return std::nullopt;
        value = value.toObject().value(key);
    }
    if (value.isString())
        return value.toString();
    Jcs::Error error;
    const auto text = Jcs::serialize(value, &error);
    return text ? std::optional<QString>(QString::fromUtf8(*text)) : std::nullopt;
}

} // namespace cs
