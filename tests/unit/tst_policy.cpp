#include "Policy.h"
#include "PolicyFile.h"

#include <QFile>
#include <QTest>

Q_DECLARE_METATYPE(cs::ActionRequest)

using namespace Qt::StringLiterals;
using namespace cs;

// The policy file and its evaluation: a sample policy an operator would write, 34 requests with the
// rule each must match and what follows; every kind of mistake with its line and column.
class TestPolicy : public QObject
{
    Q_OBJECT

    static PolicyFile::Known approvers()
    {
        PolicyFile::Known known;
        known.perGroup = {{u"sre"_s, 3}, {u"security"_s, 2}, {u"dba"_s, 1}};
        known.total = 5;
        return known;
    }

    static QByteArray samplePolicy()
    {
        QFile file(QStringLiteral(COUNTERSIGN_TESTDATA_DIR "/policy/sample.yaml"));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static ActionRequest request(const QString &kind, const QString &command, const QString &system,
                                 const QString &resource, const QString &environment)
    {
        ActionRequest request;
        request.kind = kind;
        request.command = command;
        request.target = {system, resource, environment};
        request.justification = u"why"_s;
        return request;
    }

private Q_SLOTS:
    void sampleRequests_matchTheirRuleAndOutcome_data()
    {
        QTest::addColumn<QString>("agent");
        QTest::addColumn<ActionRequest>("request");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("outcome");

        const auto add = [](const char *name, const QString &agent, const ActionRequest &request, const QString &rule,
                            const QString &outcome) { QTest::newRow(name) << agent << request << rule << outcome; };
        const QString bot = u"deploy-bot"_s;
        add("select on staging", bot,
            request(u"db.query"_s, u"SELECT * FROM users"_s, u"pg"_s, u"users"_s, u"staging"_s), u"read-only-sql"_s,
            u"allow"_s);
        add("leading spaces", bot, request(u"db.query"_s, u"   select 1"_s, u"pg"_s, u"t"_s, u"staging"_s),
            u"default"_s,
            u"require"_s); // case-sensitive: lower-case select is not SELECT
        add("explain on dev-eu", bot, request(u"db.query"_s, u"EXPLAIN SELECT 1"_s, u"pg"_s, u"t"_s, u"dev-eu"_s),
            u"read-only-sql"_s, u"allow"_s);
        add("select on production", bot, request(u"db.query"_s, u"SELECT 1"_s, u"pg"_s, u"t"_s, u"production"_s),
            u"default"_s, u"require"_s);
        add("update on staging", bot, request(u"db.query"_s, u"UPDATE users SET a=1"_s, u"pg"_s, u"t"_s, u"staging"_s),
            u"default"_s, u"require"_s);
        add("select then drop", bot,
            request(u"db.query"_s, u"SELECT 1; DROP TABLE users"_s, u"pg"_s, u"t"_s, u"staging"_s), u"read-only-sql"_s,
            u"allow"_s); // first rule wins: the operator orders rules
        add("drop on production", bot,
            request(u"db.admin"_s, u"psql -c 'DROP TABLE users'"_s, u"pg"_s, u"users"_s, u"production"_s),
            u"no-prod-drops"_s, u"deny"_s);
        add("truncate database", bot,
            request(u"db.admin"_s, u"TRUNCATE   DATABASE x"_s, u"pg"_s, u"x"_s, u"production"_s), u"no-prod-drops"_s,
            u"deny"_s);
        add("drop on staging", bot, request(u"db.admin"_s, u"DROP TABLE users"_s, u"pg"_s, u"users"_s, u"staging"_s),
            u"default"_s, u"require"_s);
        add("dropped word", bot, request(u"db.admin"_s, u"echo DROPPED TABLES"_s, u"pg"_s, u"t"_s, u"production"_s),
            u"default"_s, u"require"_s);
        ActionRequest argvDrop = request(u"db.admin"_s, {}, u"pg"_s, u"t"_s, u"production"_s);
        argvDrop.argv = {u"psql"_s, u"-c"_s, u"DROP"_s, u"TABLE"_s, u"t"_s};
        add("argv joined", bot, argvDrop, u"no-prod-drops"_s, u"deny"_s);
        ActionRequest critical = request(u"restart"_s, u"systemctl restart api"_s, u"api"_s, u"api"_s, u"production"_s);
        critical.urgency = Urgency::Critical;
        add("on-call critical", u"oncall-bot"_s, critical, u"break-glass"_s, u"require"_s);
        add("other agent critical", bot, critical, u"default"_s, u"require"_s);
        ActionRequest high = critical;
        high.urgency = Urgency::High;
        add("on-call high", u"oncall-bot"_s, high, u"default"_s, u"require"_s);
        add("on-call exact", u"oncall-"_s, critical, u"break-glass"_s, u"require"_s);
        add("iam role", bot, request(u"iam.change"_s, u"aws iam attach"_s, u"aws-iam"_s, u"role/release"_s, u"prod"_s),
            u"iam"_s, u"require"_s);
        add("iam role nested", bot, request(u"iam.change"_s, u"aws iam"_s, u"aws-iam"_s, u"role/a/b/c"_s, u"prod"_s),
            u"iam"_s, u"require"_s);
        add("iam policy arn", bot,
            request(u"iam.change"_s, u"aws iam"_s, u"aws-iam"_s, u"arn:aws:iam::123456789012:policy/Publish"_s,
                    u"prod"_s),
            u"iam"_s, u"require"_s);
        add("iam user", bot, request(u"iam.change"_s, u"aws iam"_s, u"aws-iam"_s, u"user/alice"_s, u"prod"_s),
            u"default"_s, u"require"_s);
        add("other system role", bot, request(u"iam.change"_s, u"x"_s, u"gcp-iam"_s, u"role/x"_s, u"prod"_s),
            u"default"_s, u"require"_s);
        ActionRequest deploy = request(u"deploy"_s, u"kubectl apply"_s, u"k8s"_s, u"api"_s, u"production"_s);
        deploy.context = QJsonObject{{u"change"_s, QJsonObject{{u"ticket"_s, u"CHG-42"_s}}}};
        add("prod deploy with ticket", bot, deploy, u"prod-deploys"_s, u"require"_s);
        ActionRequest noTicket = deploy;
        noTicket.context = {};
        add("prod deploy without context", bot, noTicket, u"default"_s, u"require"_s);
        ActionRequest otherTicket = deploy;
        otherTicket.context = QJsonObject{{u"change"_s, QJsonObject{{u"ticket"_s, u"INC-1"_s}}}};
        add("prod deploy, incident", bot, otherTicket, u"default"_s, u"require"_s);
        ActionRequest flatTicket = deploy;
        flatTicket.context = QJsonObject{{u"change.ticket"_s, u"CHG-1"_s}};
        add("dotted key is a path", bot, flatTicket, u"default"_s, u"require"_s);
        ActionRequest stagingDeploy = deploy;
        stagingDeploy.target.environment = u"staging"_s;
        add("staging deploy", bot, stagingDeploy, u"default"_s, u"require"_s);
        ActionRequest bigExport = request(u"db.export"_s, u"pg_dump"_s, u"pg"_s, u"customers"_s, u"production"_s);
        bigExport.context = QJsonObject{{u"rows"_s, 182000}};
        add("export, many rows", bot, bigExport, u"exports"_s, u"require"_s);
        ActionRequest smallExport = bigExport;
        smallExport.context = QJsonObject{{u"rows"_s, 99}};
        add("export, few rows", bot, smallExport, u"default"_s, u"require"_s);
        ActionRequest textRows = bigExport;
        textRows.context = QJsonObject{{u"rows"_s, u"100000"_s}};
        add("rows as text", bot, textRows, u"exports"_s, u"require"_s);
        ActionRequest storage = bigExport;
        storage.kind = u"storage.delete"_s;
        add("storage kind glob", bot, storage, u"exports"_s, u"require"_s);
        ActionRequest storageBare = storage;
        storageBare.kind = u"storage"_s;
        add("storage without dot", bot, storageBare, u"default"_s, u"require"_s);
        add("test.a", bot, request(u"test.a"_s, u"true"_s, u"ci"_s, u"x"_s, u"ci"_s), u"test-kinds"_s, u"allow"_s);
        add("test.ab", bot, request(u"test.ab"_s, u"true"_s, u"ci"_s, u"x"_s, u"ci"_s), u"default"_s, u"require"_s);
        add("test. only", bot, request(u"test."_s, u"true"_s, u"ci"_s, u"x"_s, u"ci"_s), u"default"_s, u"require"_s);
        add("unknown kind", bot, request(u"cache.flush"_s, u"redis-cli FLUSHALL"_s, u"redis"_s, u"main"_s, u"prod"_s),
            u"default"_s, u"require"_s);
        add("empty environment", bot, request(u"db.query"_s, u"SELECT 1"_s, u"pg"_s, u"t"_s, {}), u"default"_s,
            u"require"_s);
    }

    void sampleRequests_matchTheirRuleAndOutcome()
    {
        QFETCH(QString, agent);
        QFETCH(ActionRequest, request);
        QFETCH(QString, rule);
        QFETCH(QString, outcome);
        QList<PolicyError> errors;
        const auto policy = PolicyFile::parse(samplePolicy(), u"sample.yaml"_s, approvers(), &errors);
        QVERIFY2(policy, errors.isEmpty() ? "" : qPrintable(errors.first().toString(u"sample.yaml"_s)));
        const PolicyVerdict verdict = policy->evaluate(agent, request);
        QCOMPARE(verdict.rule, rule);
        QCOMPARE(Policy::outcomeName(verdict.outcome), outcome);
        QVERIFY(!verdict.reasons.isEmpty());
    }

    void matchedRules_carryWhatTheyRequire()
    {
        QList<PolicyError> errors;
        const auto policy = PolicyFile::parse(samplePolicy(), u"sample.yaml"_s, approvers(), &errors);
        QVERIFY(policy);
        QCOMPARE(policy->rules().size(), 7);
        const PolicyRule &deploys = policy->rules().at(4);
        QCOMPARE(deploys.name, u"prod-deploys"_s);
        QCOMPARE(deploys.line, 29); // where it is written in sample.yaml
        QCOMPARE(deploys.requirement.quorum.toString(), u"1 of sre"_s);
        QCOMPARE(deploys.requirement.ttlSeconds, 1800);
        QCOMPARE(deploys.requirement.urgency, Urgency::High);
        QVERIFY(deploys.requirement.justification.match(u"roll out CHG-1234 now"_s).hasMatch());
        QVERIFY(!deploys.requirement.justification.match(u"no ticket"_s).hasMatch());
        QCOMPARE(deploys.requirement.justificationMessage, u"Name the change ticket (CHG-1234)."_s);
        const PolicyRule &iam = policy->rules().at(3);
        QVERIFY(iam.requirement.hardwareKey);
        QCOMPARE(iam.requirement.useWithinSeconds, 600);
        QCOMPARE(policy->rules().at(2).requirement.quorum.toString(), u"1 of sre OR 1 of security"_s);
        QCOMPARE(policy->rules().at(1).message, u"Dropping production tables is not done by agents."_s);
        QCOMPARE(policy->defaultRule().requirement.ttlSeconds, 900);
        QCOMPARE(policy->defaultRule().requirement.quorum.toString(), u"1 approver"_s);
        // Without a file: one approver, the gateway's TTL.
        const Policy builtIn;
        const PolicyVerdict verdict = builtIn.evaluate(u"a"_s, request(u"k"_s, u"c"_s, u"s"_s, u"r"_s, u"e"_s));
        QCOMPARE(verdict.rule, u"default"_s);
        QCOMPARE(verdict.outcome, PolicyRule::Outcome::Require);
        QCOMPARE(verdict.requirement.quorum.toString(), u"1 approver"_s);
        QVERIFY(!verdict.requirement.ttlSeconds);
    }

    void quorum_readsTermsAndAlternatives_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("written"); // empty: refused
        QTest::newRow("count") << u"1"_s << u"1 approver"_s;
        QTest::newRow("approvers") << u"2 approvers"_s << u"2 approvers"_s;
        QTest::newRow("group") << u"1 of sre"_s << u"1 of sre"_s;
        QTest::newRow("and") << u"1 of sre AND 1 of security"_s << u"1 of sre AND 1 of security"_s;
        QTest::newRow("or") << u"2 of sre OR 1 of dba"_s << u"2 of sre OR 1 of dba"_s;
        QTest::newRow("zero") << u"0 of sre"_s << QString();
        QTest::newRow("words") << u"some of sre"_s << QString();
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("dangling and") << u"1 of sre AND"_s << QString();
    }

    void quorum_readsTermsAndAlternatives()
    {
        QFETCH(QString, text);
        QFETCH(QString, written);
        QString error;
        const auto quorum = Quorum::parse(text, &error);
        QCOMPARE(quorum.has_value(), !written.isEmpty());
        if (quorum)
            QCOMPARE(quorum->toString(), written);
        else
            QVERIFY(!error.isEmpty());
    }

    void glob_matchesWholeTexts_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("matches");
        QTest::newRow("literal") << u"deploy"_s << u"deploy"_s << true;
        QTest::newRow("literal is whole") << u"deploy"_s << u"deploys"_s << false;
        QTest::newRow("star crosses slashes") << u"role/*"_s << u"role/a/b"_s << true;
        QTest::newRow("star crosses colons") << u"arn:aws:iam::*:policy/*"_s << u"arn:aws:iam::1234:policy/P"_s << true;
        QTest::newRow("star may be empty") << u"dev-*"_s << u"dev-"_s << true;
        QTest::newRow("star backtracks") << u"*a*b"_s << u"xaxxab"_s << true;
        QTest::newRow("star backtracks, no match") << u"*a*b"_s << u"xaxxa"_s << false;
        QTest::newRow("double star") << u"a**z"_s << u"abcz"_s << true;
        QTest::newRow("question is one") << u"test.?"_s << u"test.a"_s << true;
        QTest::newRow("question is not none") << u"test.?"_s << u"test."_s << false;
        QTest::newRow("class") << u"db[12]"_s << u"db2"_s << true;
        QTest::newRow("class misses") << u"db[12]"_s << u"db3"_s << false;
        QTest::newRow("range") << u"v[0-9]"_s << u"v7"_s << true;
        QTest::newRow("negated") << u"v[!0-9]"_s << u"v7"_s << false;
        QTest::newRow("negated other") << u"v[!0-9]"_s << u"vx"_s << true;
        QTest::newRow("dash at the end is itself") << u"a[x-]"_s << u"a-"_s << true;
        QTest::newRow("dot is itself") << u"db.export"_s << u"dbxexport"_s << false;
        QTest::newRow("case matters") << u"Deploy"_s << u"deploy"_s << false;
        QTest::newRow("empty pattern") << QString() << QString() << true;
    }

    void glob_matchesWholeTexts()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, value);
        QFETCH(bool, matches);
        QString error;
        const auto glob = Glob::parse(pattern, &error);
        QVERIFY2(glob, qPrintable(error));
        QCOMPARE(glob->matches(value), matches);
    }

    void quorum_countsEachHumanOnce_data()
    {
        QTest::addColumn<QString>("quorum");
        QTest::addColumn<QList<QStringList>>("approvers"); // each approver's groups
        QTest::addColumn<int>("have");
        QTest::addColumn<int>("needed");
        QTest::addColumn<QString>("waitingFor"); // empty: met
        const QStringList sre{u"sre"_s}, security{u"security"_s}, both{u"sre"_s, u"security"_s}, none;
        QTest::newRow("nobody yet") << u"1 of sre AND 1 of security"_s << QList<QStringList>{} << 0 << 2
                                    << u"1 of sre AND 1 of security"_s;
        QTest::newRow("one of two groups")
            << u"1 of sre AND 1 of security"_s << QList<QStringList>{sre} << 1 << 2 << u"1 of security"_s;
        QTest::newRow("both groups") << u"1 of sre AND 1 of security"_s << QList<QStringList>{security, sre} << 2 << 2
                                     << QString();
        QTest::newRow("one human in both groups fills one place")
            << u"1 of sre AND 1 of security"_s << QList<QStringList>{both} << 1 << 2 << u"1 of security"_s;
        QTest::newRow("the human in both groups moves to where they are needed")
            << u"1 of sre AND 1 of security"_s << QList<QStringList>{both, sre} << 2 << 2 << QString();
        QTest::newRow("two of a group") << u"2 of sre"_s << QList<QStringList>{sre, security} << 1 << 2
                                        << u"1 of sre"_s;
        QTest::newRow("any approver") << u"2 approvers"_s << QList<QStringList>{none, security} << 2 << 2 << QString();
        QTest::newRow("the closest alternative")
            << u"2 of sre OR 1 of security AND 1 of sre"_s << QList<QStringList>{security} << 1 << 2 << u"1 of sre"_s;
        QTest::newRow("an alternative met")
            << u"2 of sre OR 1 of security"_s << QList<QStringList>{security} << 1 << 1 << QString();
    }

    void quorum_countsEachHumanOnce()
    {
        QFETCH(QString, quorum);
        QFETCH(QList<QStringList>, approvers);
        QFETCH(int, have);
        QFETCH(int, needed);
        QFETCH(QString, waitingFor);
        QString error;
        const auto parsed = Quorum::parse(quorum, &error);
        QVERIFY2(parsed, qPrintable(error));
        const Quorum::Progress progress = parsed->progress(approvers);
        QCOMPARE(progress.have, have);
        QCOMPARE(progress.needed, needed);
        const QStringList open = progress.missing();
        QCOMPARE(open.join(u" AND "_s), waitingFor);
        QCOMPARE(parsed->isMet(approvers), waitingFor.isEmpty());
    }

    void mistakes_areEachReportedWithLineAndColumn_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("says");
        const QByteArray head = "rules:\n  - name: r\n    match:\n";
        QTest::newRow("unknown key") << head + "      kindd: deploy\n    allow: true\n"
                                     << 4 << 7 << u"unknown key 'kindd'"_s;
        QTest::newRow("unknown top key") << QByteArray("rule:\n  - name: r\n") << 1 << 1 << u"unknown key 'rule'"_s;
        QTest::newRow("bad glob") << head + "      system: \"db[abc\"\n    allow: true\n"
                                  << 4 << 15 << u"never closes"_s;
        QTest::newRow("bad regex") << head + "      command: '(unclosed'\n    allow: true\n"
                                   << 4 << 16 << u"missing closing parenthesis"_s;
        QTest::newRow("unknown group") << QByteArray("rules:\n  - name: r\n    require: 1 of wizards\n") << 3 << 14
                                       << u"no approver is in the group 'wizards'"_s;
        QTest::newRow("quorum larger than group")
            << QByteArray("rules:\n  - name: r\n    require:\n      approvers: 2 of dba\n") << 4 << 18
            << u"but the group 'dba' has only 1"_s;
        QTest::newRow("quorum larger than all") << QByteArray("default:\n  require:\n    approvers: 6 approvers\n") << 3
                                                << 16 << u"the gateway has only 5"_s;
        QTest::newRow("more humans than approvers")
            << QByteArray("rules:\n  - name: r\n    require: 3 of sre AND 2 of security AND 1 of dba\n") << 3 << 14
            << u"needs 6 distinct approvers, but the gateway has only 5"_s;
        QTest::newRow("bad quorum") << QByteArray("rules:\n  - name: r\n    require: lots of sre\n") << 3 << 14
                                    << u"not a quorum term"_s;
        QTest::newRow("bad urgency") << head + "      urgency: urgentish\n    allow: true\n"
                                     << 4 << 16 << u"not an urgency"_s;
        QTest::newRow("bad duration") << QByteArray("rules:\n  - name: r\n    require:\n      ttl: soon\n") << 4 << 12
                                      << u"takes a duration"_s;
        QTest::newRow("two outcomes") << QByteArray("rules:\n  - name: r\n    allow: true\n    deny: no\n") << 2 << 5
                                      << u"exactly one of allow, deny or require"_s;
        QTest::newRow("no outcome") << QByteArray("rules:\n  - name: r\n") << 2 << 5 << u"exactly one of"_s;
        QTest::newRow("no name") << QByteArray("rules:\n  - allow: true\n") << 2 << 5 << u"needs a name"_s;
        QTest::newRow("same name") << QByteArray("rules:\n  - name: r\n    allow: true\n  - name: r\n    allow: true\n")
                                   << 4 << 5 << u"two rules are named 'r'"_s;
        QTest::newRow("allow false") << QByteArray("rules:\n  - name: r\n    allow: false\n") << 3 << 12
                                     << u"'allow' takes true"_s;
        QTest::newRow("deny without words")
            << QByteArray("rules:\n  - name: r\n    deny: \"\"\n") << 3 << 11 << u"'deny' takes the sentence"_s;
        QTest::newRow("bad key assurance")
            << QByteArray("rules:\n  - name: r\n    require:\n      key_assurance: strong\n") << 4 << 22
            << u"hardware or any"_s;
        QTest::newRow("rules not a list") << QByteArray("rules: {a: 1}\n") << 1 << 8 << u"must be a list"_s;
        QTest::newRow("yaml syntax") << QByteArray("rules:\n  - name: [r\n") << 3 << 1 << u"end of"_s;
        QTest::newRow("empty file") << QByteArray() << 0 << 0 << u"empty"_s;
    }

    void mistakes_areEachReportedWithLineAndColumn()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, says);
        QList<PolicyError> errors;
        QVERIFY(!PolicyFile::parse(yaml, u"p.yaml"_s, approvers(), &errors));
        QVERIFY(!errors.isEmpty());
        const auto found = std::find_if(errors.cbegin(), errors.cend(),
                                        [&](const PolicyError &error) { return error.message.contains(says); });
        QVERIFY2(found != errors.cend(), qPrintable(errors.first().toString(u"p.yaml"_s)));
        QCOMPARE(found->line, line);
        QCOMPARE(found->column, column);
        QVERIFY(
            found->toString(u"p.yaml"_s).startsWith(line ? u"p.yaml:%1:%2: "_s.arg(line).arg(column) : u"p.yaml: "_s));
    }

    void severalMistakes_areAllReported()
    {
        QList<PolicyError> errors;
        QVERIFY(!PolicyFile::parse("rules:\n  - name: a\n    match: {kindd: x}\n    allow: true\n"
                                   "  - name: b\n    match: {command: '('}\n    allow: true\n",
                                   u"p.yaml"_s, approvers(), &errors));
        QCOMPARE(errors.size(), 2);
        QCOMPARE(errors.at(0).line, 3);
        QCOMPARE(errors.at(1).line, 6);
    }
};

QTEST_GUILESS_MAIN(TestPolicy)
#include "tst_policy.moc"
