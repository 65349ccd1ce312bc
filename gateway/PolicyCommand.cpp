#include "PolicyCommand.h"

#include "CommandLine.h"
#include "Gateway.h"
#include "GatewayConfig.h"
#include "PolicyFile.h"

#include <QCommandLineParser>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

QString describe(const PolicyRule &rule)
{
    const QString outcome = Policy::outcomeName(rule.outcome);
    return rule.outcome == PolicyRule::Outcome::Require ? outcome + u' ' + rule.requirement.quorum.toString() : outcome;
}

} // namespace

using CommandLine::print;

int runPolicyCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("countersign-gateway", "Check a policy file: policy check FILE [--config CONFIG]"));
    parser.addHelpOption();
    parser.addPositionalArgument(u"check"_s, QCoreApplication::translate("countersign-gateway", "The verb: check."));
    parser.addPositionalArgument(u"file"_s,
                                 QCoreApplication::translate("countersign-gateway", "The policy file (YAML)."));
    parser.addOption({u"config"_s,
                      QCoreApplication::translate("countersign-gateway",
                                                  "The gateway's configuration, to check the groups the rules name."),
                      u"FILE"_s});
    if (int code = 0; !CommandLine::parse(parser, arguments, &code))
        return code;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2 || positional.first() != u"check") {
        return CommandLine::usageError(
            QCoreApplication::translate("countersign-gateway", "usage: policy check FILE [--config CONFIG]"));
    }
    PolicyFile::Known known;
    known.configured = false;
    if (parser.isSet(u"config"_s)) {
        QString error;
        const auto config = GatewayConfig::load(parser.value(u"config"_s), &error);
        if (!config)
            return CommandLine::fail(error);
        known = Gateway::policyKnows(*config);
    }
    const QString &path = positional.at(1);
    QList<PolicyError> errors;
    const auto policy = PolicyFile::load(path, known, &errors);
    if (!policy) {
        for (const PolicyError &mistake : std::as_const(errors))
            print(stderr, mistake.toString(path));
        print(stderr, u"%1: %2 mistake(s); the gateway would not load this policy"_s.arg(path).arg(errors.size()));
        return 1;
    }
    print(stdout, u"%1: %2 rule(s), default %3%4"_s.arg(path)
                      .arg(policy->rules().size())
                      .arg(describe(policy->defaultRule()),
                           known.configured ? QString() : u" (groups not checked: give --config)"_s));
    for (const PolicyRule &rule : policy->rules())
        print(stdout, u"  %1 (line %2): %3"_s.arg(rule.name).arg(rule.line).arg(describe(rule)));
    return 0;
}

} // namespace cs
