#include "PolicyFile.h"

#include <QFile>
#include <QSet>

#include <yaml-cpp/yaml.h>

using namespace Qt::StringLiterals;

namespace cs {

QString PolicyError::toString(const QString &file) const
{
    if (line <= 0)
        return u"%1: %2"_s.arg(file, message);
    return u"%1:%2:%3: %4"_s.arg(file).arg(line).arg(column).arg(message);
}

namespace {

// Reads one file, collecting every mistake with where it is.
class Reader
{
public:
    Reader(const PolicyFile::Known &known, QList<PolicyError> *errors) : m_known(known), m_errors(errors) {}

    std::optional<Policy> read(const YAML::Node &root, const QString &source);

private:
    void fail(const YAML::Node &at, const QString &message)
    {
        const YAML::Mark mark = at.Mark();
        m_errors->append({mark.line + 1, mark.column + 1, message});
    }
    QString text(const YAML::Node &node) { return QString::fromStdString(node.Scalar()); }
    // Each key of `map` must be one of `known`; the others are mistakes (a typo would otherwise
    // widen or narrow a rule without a word).
    bool checkKeys(const YAML::Node &map, const QString &where, const QStringList &known);
    PolicyRule rule(const YAML::Node &node, int index);
    void match(const YAML::Node &node, PolicyRule &rule);
    QList<Glob> globs(const YAML::Node &node, const QString &field);
    void outcome(const YAML::Node &node, PolicyRule &rule, const QString &where);
    void requirement(const YAML::Node &node, Requirement &requirement);
    std::optional<int> duration(const YAML::Node &node, const QString &field);
    std::optional<Urgency> urgency(const YAML::Node &node);
    void checkQuorum(const YAML::Node &at, const Quorum &quorum);
    QStringList notify(const YAML::Node &node);

    const PolicyFile::Known &m_known;
    QList<PolicyError> *m_errors;
};

bool Reader::checkKeys(const YAML::Node &map, const QString &where, const QStringList &known)
{
    if (!map.IsMap()) {
        fail(map, u"%1 must be a mapping"_s.arg(where));
        return false;
    }
    for (auto it = map.begin(); it != map.end(); ++it) {
        const QString key = text(it->first);
        if (!known.contains(key))
            fail(it->first, u"unknown key '%1' in %2 (known: %3)"_s.arg(key, where, known.join(u", "_s)));
    }
    return true;
}

std::optional<Policy> Reader::read(const YAML::Node &root, const QString &source)
{
    const qsizetype before = m_errors->size();
    QList<PolicyRule> rules;
    PolicyRule fallback = Policy().defaultRule();
    if (root.IsNull()) {
        m_errors->append({0, 0, u"the policy file is empty"_s});
        return std::nullopt;
    }
    if (!checkKeys(root, u"the policy"_s, {u"rules"_s, u"default"_s}))
        return std::nullopt;
    if (const YAML::Node list = root["rules"]) {
        if (!list.IsSequence()) {
            fail(list, u"'rules' must be a list of rules"_s);
        } else {
            QSet<QString> names;
            for (std::size_t i = 0; i < list.size(); ++i) {
                PolicyRule parsed = rule(list[i], int(i));
                if (names.contains(parsed.name))
                    fail(list[i], u"two rules are named '%1'"_s.arg(parsed.name));
                names.insert(parsed.name);
                rules.append(std::move(parsed));
            }
        }
    }
    if (const YAML::Node node = root["default"]) {
        if (checkKeys(node, u"the default"_s, {u"allow"_s, u"deny"_s, u"require"_s, u"notify"_s})) {
            fallback.line = int(node.Mark().line) + 1;
            outcome(node, fallback, u"the default"_s);
            fallback.notify = notify(node["notify"]);
        }
    }
    if (m_errors->size() > before)
        return std::nullopt;
    Policy policy;
    policy.setRules(std::move(rules), std::move(fallback), source);
    return policy;
}

PolicyRule Reader::rule(const YAML::Node &node, int index)
{
    PolicyRule rule;
    rule.line = int(node.Mark().line) + 1;
    const QString where = u"rule %1"_s.arg(index + 1);
    if (!checkKeys(node, where, {u"name"_s, u"match"_s, u"allow"_s, u"deny"_s, u"require"_s, u"notify"_s}))
        return rule;
    if (!node["name"] || !node["name"].IsScalar() || text(node["name"]).trimmed().isEmpty())
        fail(node, where + u" needs a name"_s);
    else
        rule.name = text(node["name"]).trimmed();
    if (const YAML::Node conditions = node["match"])
        match(conditions, rule);
    outcome(node, rule, rule.name.isEmpty() ? where : u"rule '%1'"_s.arg(rule.name));
    rule.notify = notify(node["notify"]);
    return rule;
}

QStringList Reader::notify(const YAML::Node &node)
{
    QStringList names;
    if (!node)
        return names;
    const auto add = [&](const YAML::Node &item) {
        if (!item.IsScalar()) {
            fail(item, u"'notify' takes a webhook's name or a list of names"_s);
            return;
        }
        const QString name = text(item);
        if (m_known.configured && !m_known.webhooks.contains(name))
            fail(item, u"no webhook is named '%1' in the gateway's configuration"_s.arg(name));
        names.append(name);
    };
    if (node.IsSequence()) {
        for (const YAML::Node &item : node)
            add(item);
    } else {
        add(node);
    }
    return names;
}

QList<Glob> Reader::globs(const YAML::Node &node, const QString &field)
{
    QList<Glob> result;
    const auto add = [&](const YAML::Node &item) {
        if (!item.IsScalar()) {
            fail(item, u"'%1' takes a glob or a list of globs"_s.arg(field));
            return;
        }
        QString error;
        if (auto glob = Glob::parse(text(item), &error))
            result.append(*glob);
        else
            fail(item, error);
    };
    if (node.IsSequence()) {
        for (const YAML::Node &item : node)
            add(item);
    } else {
        add(node);
    }
    return result;
}

void Reader::match(const YAML::Node &node, PolicyRule &rule)
{
    if (!checkKeys(node, u"match"_s,
                   {u"agent"_s, u"kind"_s, u"system"_s, u"resource"_s, u"environment"_s, u"command"_s, u"urgency"_s,
                    u"context"_s}))
        return;
    const std::pair<const char *, QList<Glob> *> fields[] = {{"agent", &rule.agents},
                                                             {"kind", &rule.kinds},
                                                             {"system", &rule.systems},
                                                             {"resource", &rule.resources},
                                                             {"environment", &rule.environments}};
    for (const auto &[key, target] : fields) {
        if (const YAML::Node value = node[key])
            *target = globs(value, QString::fromLatin1(key));
    }
    if (const YAML::Node command = node["command"]) {
        rule.command = QRegularExpression(command.IsScalar() ? text(command) : QString());
        if (!command.IsScalar() || rule.command.pattern().isEmpty())
            fail(command, u"'command' takes one regular expression"_s);
        else if (!rule.command.isValid())
            fail(command, u"the regular expression '%1' is not valid: %2 (at offset %3)"_s
                              .arg(rule.command.pattern(), rule.command.errorString())
                              .arg(rule.command.patternErrorOffset()));
    }
    if (const YAML::Node urgencies = node["urgency"]) {
        const auto add = [&](const YAML::Node &item) {
            if (const auto parsed = urgency(item))
                rule.urgencies.append(*parsed);
        };
        if (urgencies.IsSequence()) {
            for (const YAML::Node &item : urgencies)
                add(item);
        } else {
            add(urgencies);
        }
    }
    if (const YAML::Node context = node["context"]) {
        if (!context.IsMap()) {
            fail(context, u"'context' maps field paths (a.b) to globs"_s);
            return;
        }
        for (auto it = context.begin(); it != context.end(); ++it)
            rule.context.append({text(it->first), globs(it->second, u"context."_s + text(it->first))});
    }
}

void Reader::outcome(const YAML::Node &node, PolicyRule &rule, const QString &where)
{
    const int given = (node["allow"] ? 1 : 0) + (node["deny"] ? 1 : 0) + (node["require"] ? 1 : 0);
    if (given != 1) {
        fail(node, u"%1 needs exactly one of allow, deny or require"_s.arg(where));
        return;
    }
    if (const YAML::Node allow = node["allow"]) {
        if (!allow.IsScalar() || text(allow) != u"true")
            fail(allow, u"'allow' takes true"_s);
        rule.outcome = PolicyRule::Outcome::Allow;
    } else if (const YAML::Node deny = node["deny"]) {
        rule.outcome = PolicyRule::Outcome::Deny;
        rule.message = deny.IsScalar() ? text(deny).trimmed() : QString();
        if (rule.message.isEmpty())
            fail(deny, u"'deny' takes the sentence the agent is told"_s);
    } else {
        rule.outcome = PolicyRule::Outcome::Require;
        requirement(node["require"], rule.requirement);
    }
}

void Reader::requirement(const YAML::Node &node, Requirement &requirement)
{
    QString error;
    if (node.IsScalar()) { // the short form: require: "2 of sre"
        if (auto quorum = Quorum::parse(text(node), &error)) {
            requirement.quorum = *quorum;
            checkQuorum(node, *quorum);
        } else {
            fail(node, error);
        }
        return;
    }
    if (!checkKeys(node, u"require"_s,
                   {u"approvers"_s, u"ttl"_s, u"urgency"_s, u"key_assurance"_s, u"justification"_s, u"use_within"_s}))
        return;
    if (const YAML::Node approvers = node["approvers"]) {
        if (auto quorum = Quorum::parse(approvers.IsScalar() ? text(approvers) : QString(), &error)) {
            requirement.quorum = *quorum;
            checkQuorum(approvers, *quorum);
        } else {
            fail(approvers, error);
        }
    }
    if (const YAML::Node ttl = node["ttl"])
        requirement.ttlSeconds = duration(ttl, u"ttl"_s);
    if (const YAML::Node use = node["use_within"])
        requirement.useWithinSeconds = duration(use, u"use_within"_s);
    if (const YAML::Node level = node["urgency"])
        requirement.urgency = urgency(level);
    if (const YAML::Node assurance = node["key_assurance"]) {
        const QString value = assurance.IsScalar() ? text(assurance) : QString();
        if (value != u"hardware" && value != u"any")
            fail(assurance, u"'key_assurance' is hardware or any"_s);
        requirement.hardwareKey = value == u"hardware";
    }
    if (const YAML::Node justification = node["justification"]) {
        const YAML::Node pattern = justification.IsMap() ? justification["pattern"] : justification;
        if (justification.IsMap())
            checkKeys(justification, u"justification"_s, {u"pattern"_s, u"message"_s});
        requirement.justification = QRegularExpression(pattern && pattern.IsScalar() ? text(pattern) : QString());
        if (requirement.justification.pattern().isEmpty())
            fail(justification, u"'justification' takes a pattern (and a message)"_s);
        else if (!requirement.justification.isValid())
            fail(pattern, u"the regular expression '%1' is not valid: %2"_s.arg(
                              requirement.justification.pattern(), requirement.justification.errorString()));
        if (justification.IsMap() && justification["message"])
            requirement.justificationMessage = text(justification["message"]);
        if (requirement.justificationMessage.isEmpty())
            requirement.justificationMessage =
                u"The justification must match %1."_s.arg(requirement.justification.pattern());
    }
}

std::optional<int> Reader::duration(const YAML::Node &node, const QString &field)
{
    // 90, 90s, 15m, 2h, 1d
    static const QRegularExpression pattern(u"^(\\d{1,7})\\s*([smhd]?)$"_s);
    const auto match = pattern.match(node.IsScalar() ? text(node).trimmed() : QString());
    if (!match.hasMatch() || match.captured(1).toInt() < 1) {
        fail(node, u"'%1' takes a duration such as 90s, 15m, 2h or 1d"_s.arg(field));
        return std::nullopt;
    }
    const QString unit = match.captured(2);
    const qint64 factor = unit == u"m" ? 60 : unit == u"h" ? 3600 : unit == u"d" ? 86400 : 1;
    const qint64 seconds = match.captured(1).toLongLong() * factor;
    if (seconds > 366 * 86400) {
        fail(node, u"'%1' may be at most a year"_s.arg(field));
        return std::nullopt;
    }
    return int(seconds);
}

std::optional<Urgency> Reader::urgency(const YAML::Node &node)
{
    const auto parsed = node.IsScalar() ? urgencyFromName(text(node)) : std::nullopt;
    if (!parsed)
        fail(node,
             u"'%1' is not an urgency (low, normal, high, critical)"_s.arg(node.IsScalar() ? text(node) : u"…"_s));
    return parsed;
}

void Reader::checkQuorum(const YAML::Node &at, const Quorum &quorum)
{
    for (const QList<QuorumTerm> &terms : quorum.alternatives) {
        for (const QuorumTerm &term : terms) {
            const int available = !m_known.configured    ? term.count
                                  : term.group.isEmpty() ? m_known.total
                                                         : m_known.perGroup.value(term.group, -1);
            if (available < 0)
                fail(at, u"no approver is in the group '%1'"_s.arg(term.group));
            else if (term.count > available)
                fail(at, u"'%1' asks for %2 approvers, but %3 has only %4"_s.arg(quorum.toString())
                             .arg(term.count)
                             .arg(term.group.isEmpty() ? u"the gateway"_s : u"the group '%1'"_s.arg(term.group))
                             .arg(available));
        }
        // One human fills one place: an alternative needs as many distinct approvers as its terms add up to.
        int humans = 0;
        for (const QuorumTerm &term : terms)
            humans += term.count;
        if (m_known.configured && terms.size() > 1 && humans > m_known.total)
            fail(at, u"'%1' needs %2 distinct approvers, but the gateway has only %3"_s.arg(quorum.toString())
                         .arg(humans)
                         .arg(m_known.total));
    }
}

} // namespace

std::optional<Policy> PolicyFile::parse(const QByteArray &yaml, const QString &source, const Known &known,
                                        QList<PolicyError> *errors)
{
    try {
        return Reader(known, errors).read(YAML::Load(yaml.toStdString()), source);
    } catch (const YAML::Exception &e) {
        errors->append({e.mark.line + 1, e.mark.column + 1, QString::fromStdString(e.msg)});
        return std::nullopt;
    }
}

std::optional<Policy> PolicyFile::load(const QString &path, const Known &known, QList<PolicyError> *errors)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        errors->append({0, 0, u"cannot read it: %1"_s.arg(file.errorString())});
        return std::nullopt;
    }
    return parse(file.readAll(), path, known, errors);
}

} // namespace cs
