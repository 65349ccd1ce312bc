#include "GatewayProcess.h"
#include "TestClients.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

namespace {

// The policy the gateway starts with; tests rewrite it and send SIGHUP.
const QByteArray kPolicy = R"(rules:
  - name: two-groups
    match:
      kind: iam.change
    require:
      approvers: 1 of sre AND 1 of security
  - name: keys-by-hand
    match:
      kind: key.rotate
    require:
      approvers: 1 approver
      key_assurance: hardware
      urgency: high
  - name: two-sre
    match:
      kind: db.migrate
    require: 2 of sre
  - name: quick-use
    match:
      kind: deploy
    require:
      approvers: 1 of sre
      use_within: 2s
  - name: tickets
    match:
      kind: db.export
      environment: production
    require:
      approvers: 1 approver
      justification:
        pattern: '\bCHG-[0-9]+\b'
        message: Name the change ticket (CHG-1234).
  - name: reads
    match:
      kind: db.query
      command: '^SELECT\b'
    allow: true
  - name: no-drops
    match:
      command: '\bDROP\s+TABLE\b'
    deny: Agents do not drop tables.
default:
  require: 1 approver
)";

} // namespace

// The policy and its quorums against the real gateway process, with signed decisions: two groups
// need one human each, one human counts once whatever groups they are in, any deny settles, an
// approval can be withdrawn while the action waits; an approval is used once and within its
// window; allow, deny and justification rules answer at submission; a broken policy on SIGHUP
// keeps the last good one; explain says which rule would match.
class TestQuorum : public QObject
{
    Q_OBJECT

    GatewayProcess m_gateway;
    TestPrincipal m_agent = GatewayProcess::principal(u"agent-1"_s, Role::Agent);
    TestPrincipal m_alice = GatewayProcess::principal(u"alice"_s, Role::Approver); // sre
    TestPrincipal m_bob = GatewayProcess::principal(u"bob"_s, Role::Approver);     // security
    TestPrincipal m_dave = GatewayProcess::principal(u"dave"_s, Role::Approver);   // sre and security
    TestPrincipal m_erin = GatewayProcess::principal(u"erin"_s, Role::Approver);   // sre
    TestPrincipal m_frank = GatewayProcess::principal(u"frank"_s, Role::Approver); // finance
    std::unique_ptr<HttpProbe> m_http;

    QString policyPath() const { return QDir(m_gateway.dataDir()).filePath(u"policy.yaml"_s); }

    bool writePolicy(const QByteArray &yaml) const
    {
        QFile file(policyPath());
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(yaml) == yaml.size();
    }

    QJsonObject submit(const QJsonObject &overrides)
    {
        return m_http->post(u"/v1/actions"_s, m_agent.token, HttpProbe::sampleAction(overrides)).body;
    }

    QJsonObject action(const QString &id) { return m_http->get(u"/v1/actions/"_s + id, m_agent.token).body; }

    static QJsonObject decide(const TestPrincipal &who, const QUrl &url, const QJsonObject &created,
                              const QString &verdict, const QString &reason = {})
    {
        FeedProbe feed;
        if (!feed.open(url, who))
            return {};
        return feed.decide(created.value(u"id"_s).toString(), verdict, created.value(u"digest"_s).toString(), reason);
    }

    static QString errorCode(const QJsonObject &result)
    {
        return result.value(u"error"_s).toObject().value(u"code"_s).toString();
    }

    static QStringList approvers(const QJsonObject &action)
    {
        QStringList ids;
        for (const QJsonValue &approval : action.value(u"approvals"_s).toArray())
            ids.append(approval.toObject().value(u"approver"_s).toString());
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_alice.groups = {u"sre"_s};
        m_bob.groups = {u"security"_s};
        m_dave.groups = {u"sre"_s, u"security"_s};
        m_erin.groups = {u"sre"_s};
        m_frank.groups = {u"finance"_s};
        QVERIFY(writePolicy(kPolicy));
        QVERIFY(m_gateway.startWithConfig({m_agent, m_alice, m_bob, m_dave, m_erin, m_frank},
                                          "policy: " + policyPath().toUtf8() + "\n"));
        m_http = std::make_unique<HttpProbe>(m_gateway.url());
    }

    void twoGroups_needOneHumanOfEach_andEachApprovalIsItsOwnEvent()
    {
        const QJsonObject created = submit({{u"kind"_s, u"iam.change"_s}});
        QCOMPARE(created.value(u"status"_s).toString(), u"pending"_s);
        QCOMPARE(created.value(u"policy"_s).toObject().value(u"rule"_s).toString(), u"two-groups"_s);
        QCOMPARE(created.value(u"policy"_s).toObject().value(u"quorum"_s).toString(), u"1 of sre AND 1 of security"_s);

        FeedProbe watcher;
        QVERIFY(watcher.open(m_gateway.url(), m_erin));
        QVERIFY(!watcher.waitFor(u"snapshot"_s).isEmpty());
        const int from = int(watcher.messages().size());
        QVERIFY(decide(m_alice, m_gateway.url(), created, u"approve"_s).value(u"accepted"_s).toBool());
        const QJsonObject recorded = watcher.waitForEvent(u"action.approval_recorded"_s, from);
        const QJsonObject progress = recorded.value(u"payload"_s).toObject().value(u"progress"_s).toObject();
        QCOMPARE(progress.value(u"have"_s).toInt(), 1);
        QCOMPARE(progress.value(u"needed"_s).toInt(), 2);
        QCOMPARE(progress.value(u"waiting_for"_s).toString(), u"1 of security"_s);
        QVERIFY(recorded.value(u"payload"_s).toObject().contains(u"signature"_s));
        const QString id = created.value(u"id"_s).toString();
        QCOMPARE(action(id).value(u"status"_s).toString(), u"pending"_s);
        QCOMPARE(approvers(action(id)), QStringList{m_alice.id});

        // A second sre approver does not stand in for security.
        QVERIFY(decide(m_erin, m_gateway.url(), created, u"approve"_s).value(u"accepted"_s).toBool());
        QCOMPARE(action(id).value(u"status"_s).toString(), u"pending"_s);

        QVERIFY(decide(m_bob, m_gateway.url(), created, u"approve"_s).value(u"accepted"_s).toBool());
        const QJsonObject approved = action(id);
        QCOMPARE(approved.value(u"status"_s).toString(), u"approved"_s);
        QCOMPARE(approvers(approved), (QStringList{m_alice.id, m_erin.id, m_bob.id}));
    }

    void sameHumanTwice_countsOnce()
    {
        const QJsonObject created = submit({{u"kind"_s, u"db.migrate"_s}});
        QVERIFY(decide(m_alice, m_gateway.url(), created, u"approve"_s).value(u"accepted"_s).toBool());
        const QJsonObject again = decide(m_alice, m_gateway.url(), created, u"approve"_s);
        QCOMPARE(again.value(u"accepted"_s).toBool(), false);
        QCOMPARE(errorCode(again), u"already_approved"_s);
        const QString id = created.value(u"id"_s).toString();
        QCOMPARE(action(id).value(u"status"_s).toString(), u"pending"_s);
        QVERIFY(decide(m_erin, m_gateway.url(), created, u"approve"_s).value(u"accepted"_s).toBool());
        QCOMPARE(action(id).value(u"status"_s).toString(), u"approved"_s);
    }

    void humanInBothGroups_fillsOnePlaceOnly()
    {
        const QJsonObject created = submit({{u"kind"_s, u"iam.change"_s}});
        const QString id = created.value(u"id"_s).toString();
        QVERIFY(decide(m_dave, m_gateway.url(), created, u"approve"_s).value(u"accepted"_s).toBool());
        QCOMPARE(action(id).value(u"status"_s).toString(), u"pending"_s);
        // dave took one place; either group's second human completes it.
        QVERIFY(decide(m_alice, m_gateway.url(), created, u"approve"_s).value(u"accepted"_s).toBool());
        QCOMPARE(action(id).value(u"status"_s).toString(), u"approved"_s);
    }

    void denyAfterOneApproval_settlesTheAction()
    {
        const QJsonObject created = submit({{u"kind"_s, u"iam.change"_s}});
        const QString id = created.value(u"id"_s).toString();
        QVERIFY(decide(m_alice, m_gateway.url(), created, u"approve"_s).value(u"accepted"_s).toBool());
        QVERIFY(decide(m_bob, m_gateway.url(), created, u"deny"_s, u"not this week"_s).value(u"accepted"_s).toBool());
        const QJsonObject denied = action(id);
        QCOMPARE(denied.value(u"status"_s).toString(), u"denied"_s);
        QCOMPARE(denied.value(u"resolution"_s).toObject().value(u"by"_s).toString(), m_bob.id);
    }

    void withdrawnApproval_nolongerCounts()
    {
        const QJsonObject created = submit({{u"kind"_s, u"iam.change"_s}});
        const QString id = created.value(u"id"_s).toString();
        QVERIFY(decide(m_alice, m_gateway.url(), created, u"approve"_s).value(u"accepted"_s).toBool());
        FeedProbe watcher;
        QVERIFY(watcher.open(m_gateway.url(), m_erin));
        QVERIFY(!watcher.waitFor(u"snapshot"_s).isEmpty());
        // Only whoever approved can withdraw, and only their own approval.
        const HttpResult notHers = m_http->post(u"/v1/actions/%1/withdraw"_s.arg(id), m_bob.token, {});
        QCOMPARE(notHers.status, 409);
        QCOMPARE(notHers.errorCode(), u"no_approval"_s);
        const HttpResult withdrawn = m_http->post(u"/v1/actions/%1/withdraw"_s.arg(id), m_alice.token, {});
        QCOMPARE(withdrawn.status, 200);
        QVERIFY(approvers(withdrawn.body).isEmpty());
        const QJsonObject event = watcher.waitForEvent(u"action.approval_withdrawn"_s);
        QCOMPARE(event.value(u"action_id"_s).toString(), id);
        QCOMPARE(event.value(u"actor"_s).toString(), m_alice.id);
        QVERIFY(decide(m_bob, m_gateway.url(), created, u"approve"_s).value(u"accepted"_s).toBool());
        QCOMPARE(action(id).value(u"status"_s).toString(), u"pending"_s); // sre is missing again
    }

    void ruleAskingForHardware_refusesASoftwareKey_andRaisesTheUrgency()
    {
        const QJsonObject created = submit({{u"kind"_s, u"key.rotate"_s}, {u"urgency"_s, u"low"_s}});
        QCOMPARE(created.value(u"urgency"_s).toString(), u"high"_s); // at least the rule's
        QCOMPARE(created.value(u"policy"_s).toObject().value(u"key_assurance"_s).toString(), u"hardware"_s);
        const QJsonObject refused = decide(m_alice, m_gateway.url(), created, u"approve"_s);
        QCOMPARE(refused.value(u"accepted"_s).toBool(), false);
        QCOMPARE(errorCode(refused), u"software_key_refused"_s);
        QCOMPARE(action(created.value(u"id"_s).toString()).value(u"status"_s).toString(), u"pending"_s);
    }

    void approverOutsideTheGroups_isRefused()
    {
        const QJsonObject created = submit({{u"kind"_s, u"iam.change"_s}});
        const QJsonObject refused = decide(m_frank, m_gateway.url(), created, u"approve"_s);
        QCOMPARE(refused.value(u"accepted"_s).toBool(), false);
        QCOMPARE(errorCode(refused), u"not_in_required_group"_s);
    }

    void approval_isUsedOnceAndWithinItsWindow()
    {
        const QJsonObject report{{u"status"_s, u"succeeded"_s}, {u"exit_code"_s, 0}};
        const QJsonObject first = submit({{u"kind"_s, u"deploy"_s}});
        QCOMPARE(first.value(u"policy"_s).toObject().value(u"use_within_seconds"_s).toInt(), 2);
        QVERIFY(decide(m_alice, m_gateway.url(), first, u"approve"_s).value(u"accepted"_s).toBool());
        const QString firstPath = u"/v1/actions/%1/execution"_s.arg(first.value(u"id"_s).toString());
        QCOMPARE(m_http->post(firstPath, m_agent.token, report).status, 201);
        const HttpResult twice = m_http->post(firstPath, m_agent.token, report);
        QCOMPARE(twice.status, 409);
        QCOMPARE(twice.errorCode(), u"already_reported"_s);

        const QJsonObject late = submit({{u"kind"_s, u"deploy"_s}});
        QVERIFY(decide(m_alice, m_gateway.url(), late, u"approve"_s).value(u"accepted"_s).toBool());
        QTest::qWait(2500);
        const HttpResult expired =
            m_http->post(u"/v1/actions/%1/execution"_s.arg(late.value(u"id"_s).toString()), m_agent.token, report);
        QCOMPARE(expired.status, 409);
        QCOMPARE(expired.errorCode(), u"approval_expired"_s);
        QVERIFY(!expired.body.value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty());
    }

    void exec_claimsTheApprovalBeforeRunning()
    {
        QTemporaryDir dir;
        const QString marker = dir.filePath(u"ran"_s);
        const QStringList command{u"--"_s, u"sh"_s, u"-c"_s, u"echo ran >> '%1'"_s.arg(marker)};
        const auto cli = [this](const QStringList &words, const QStringList &arguments, int *exitCode) {
            QProcess process;
            process.start(QStringLiteral(COUNTERSIGN_CLI_BIN),
                          words + QStringList{u"--url"_s, m_gateway.url().toString(), u"--token"_s, m_agent.token} +
                              arguments);
            process.waitForFinished(20000);
            *exitCode = process.exitCode();
            return QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
        };
        const QStringList target{u"--kind"_s,          u"deploy"_s, u"--system"_s, u"k8s"_s,
                                 u"--resource"_s,      u"api"_s,    u"--env"_s,    u"production"_s,
                                 u"--justification"_s, u"CHG-9"_s};
        const auto requestAndApprove = [&] {
            int exitCode = -1;
            const QString out = cli({u"request"_s}, target + command, &exitCode);
            const QJsonObject created = QJsonDocument::fromJson(out.toUtf8()).object();
            decide(m_alice, m_gateway.url(), created, u"approve"_s);
            return created.value(u"id"_s).toString();
        };
        const auto lines = [&marker] {
            QFile file(marker);
            return file.open(QIODevice::ReadOnly) ? int(file.readAll().count('\n')) : 0;
        };

        // Within use_within: runs once; the same approval cannot run it again.
        const QString fresh = requestAndApprove();
        int exitCode = -1;
        QString output = cli({u"exec"_s}, QStringList{u"--id"_s, fresh} + command, &exitCode);
        QVERIFY2(exitCode == 0, qPrintable(output));
        QCOMPARE(lines(), 1);
        output = cli({u"exec"_s}, QStringList{u"--id"_s, fresh} + command, &exitCode);
        QVERIFY2(exitCode == 3 && output.contains(u"already_reported"_s), qPrintable(output));
        QCOMPARE(lines(), 1);

        // Another command than the one approved is not run.
        const QString other = requestAndApprove();
        output = cli({u"exec"_s}, QStringList{u"--id"_s, other, u"--"_s, u"sh"_s, u"-c"_s, u"echo other"_s}, &exitCode);
        QVERIFY2(exitCode == 3 && output.contains(u"another command"_s), qPrintable(output));

        // After use_within: refused before anything runs, and recorded.
        const QString late = requestAndApprove();
        QTest::qWait(2500);
        output = cli({u"exec"_s}, QStringList{u"--id"_s, late} + command, &exitCode);
        QVERIFY2(exitCode == 3 && output.contains(u"approval_expired"_s), qPrintable(output));
        QCOMPARE(lines(), 1);
    }

    void policyOutcomes_answerAtSubmission_data()
    {
        QTest::addColumn<QJsonObject>("overrides");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<QString>("expected"); // the status, or the error code
        QTest::newRow("allowed") << QJsonObject{{u"kind"_s, u"db.query"_s}, {u"command"_s, u"SELECT 1"_s}} << 201
                                 << u"allowed"_s;
        QTest::newRow("denied by rule") << QJsonObject{{u"kind"_s, u"db.query"_s},
                                                       {u"command"_s, u"psql -c 'DROP TABLE users'"_s}}
                                        << 201 << u"denied"_s;
        QTest::newRow("justification without ticket")
            << QJsonObject{{u"kind"_s, u"db.export"_s},
                           {u"target"_s, QJsonObject{{u"system"_s, u"pg"_s},
                                                     {u"resource"_s, u"users"_s},
                                                     {u"environment"_s, u"production"_s}}},
                           {u"justification"_s, u"because"_s}}
            << 422 << u"justification_rejected"_s;
        QTest::newRow("justification with ticket")
            << QJsonObject{{u"kind"_s, u"db.export"_s},
                           {u"target"_s, QJsonObject{{u"system"_s, u"pg"_s},
                                                     {u"resource"_s, u"users"_s},
                                                     {u"environment"_s, u"production"_s}}},
                           {u"justification"_s, u"for CHG-1234"_s}}
            << 201 << u"pending"_s;
    }

    void policyOutcomes_answerAtSubmission()
    {
        QFETCH(QJsonObject, overrides);
        QFETCH(int, httpStatus);
        QFETCH(QString, expected);
        const HttpResult result = m_http->post(u"/v1/actions"_s, m_agent.token, HttpProbe::sampleAction(overrides));
        QCOMPARE(result.status, httpStatus);
        if (httpStatus == 201) {
            QCOMPARE(result.body.value(u"status"_s).toString(), expected);
        } else {
            QCOMPARE(result.errorCode(), expected);
            QCOMPARE(result.body.value(u"error"_s).toObject().value(u"message"_s).toString(),
                     u"Name the change ticket (CHG-1234)."_s);
        }
        if (expected == u"denied"_s)
            QCOMPARE(result.body.value(u"resolution"_s).toObject().value(u"reason"_s).toString(),
                     u"Agents do not drop tables."_s);
    }

    void explain_saysWhichRuleAndWhy()
    {
        const HttpResult result = m_http->post(u"/v1/policy/explain"_s, m_agent.token,
                                               HttpProbe::sampleAction({{u"kind"_s, u"iam.change"_s}}));
        QCOMPARE(result.status, 200);
        QCOMPARE(result.body.value(u"rule"_s).toString(), u"two-groups"_s);
        QCOMPARE(result.body.value(u"outcome"_s).toString(), u"require"_s);
        QCOMPARE(result.body.value(u"require"_s).toObject().value(u"quorum"_s).toString(),
                 u"1 of sre AND 1 of security"_s);
        QVERIFY(!result.body.value(u"reasons"_s).toArray().isEmpty());
        // Nothing was submitted.
        QVERIFY(m_http->get(u"/v1/actions"_s, m_alice.token).status == 200);
    }

    void cli_explainsAndWithdraws()
    {
        // The gateway and token go before the command's own options (and before any --).
        const auto cli = [this](const QStringList &words, const QStringList &arguments, const QString &token,
                                int *exitCode) {
            QProcess process;
            process.start(QStringLiteral(COUNTERSIGN_CLI_BIN),
                          words + QStringList{u"--url"_s, m_gateway.url().toString(), u"--token"_s, token} + arguments);
            process.waitForFinished(20000);
            *exitCode = process.exitCode();
            return QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
        };
        int exitCode = -1;
        QString output = cli({u"policy"_s, u"explain"_s},
                             {u"--kind"_s, u"iam.change"_s, u"--system"_s, u"aws-iam"_s, u"--resource"_s, u"role/x"_s,
                              u"--env"_s, u"production"_s, u"--"_s, u"aws"_s, u"iam"_s},
                             m_agent.token, &exitCode);
        QVERIFY2(exitCode == 0, qPrintable(output));
        QVERIFY2(output.contains(u"rule: two-groups"_s) && output.contains(u"needs: 1 of sre AND 1 of security"_s) &&
                     output.contains(u"kind 'iam.change' matches iam.change"_s),
                 qPrintable(output));

        const QJsonObject created = submit({{u"kind"_s, u"iam.change"_s}});
        const QString id = created.value(u"id"_s).toString();
        QVERIFY(decide(m_alice, m_gateway.url(), created, u"approve"_s).value(u"accepted"_s).toBool());
        output = cli({u"withdraw"_s}, {id}, m_alice.token, &exitCode);
        QVERIFY2(exitCode == 0 && output.contains(u"withdrawn"_s), qPrintable(output));
        QVERIFY(approvers(action(id)).isEmpty());
        output = cli({u"withdraw"_s}, {id}, m_alice.token, &exitCode);
        QVERIFY2(exitCode == 3 && output.contains(u"no_approval"_s), qPrintable(output));
    }

    void policyCheck_printsEachMistakeWithLineAndColumn()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(u"bad.yaml"_s);
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("rules:\n  - name: r\n    match:\n      kindd: x\n    allow: true\n  - name: s\n"
                   "    require: 1 of wizards\n");
        file.close();
        const QString config = QDir(m_gateway.dataDir()).filePath(u"gateway.yaml"_s);
        QProcess check;
        check.start(GatewayProcess::binaryPath(), {u"policy"_s, u"check"_s, bad, u"--config"_s, config});
        QVERIFY(check.waitForFinished(10000));
        const QString output = QString::fromUtf8(check.readAllStandardOutput() + check.readAllStandardError());
        QCOMPARE(check.exitCode(), 1);
        QVERIFY2(output.contains(bad + u":4:7: unknown key 'kindd'"_s), qPrintable(output));
        QVERIFY2(output.contains(bad + u":7:14: no approver is in the group 'wizards'"_s), qPrintable(output));

        check.start(GatewayProcess::binaryPath(), {u"policy"_s, u"check"_s, policyPath(), u"--config"_s, config});
        QVERIFY(check.waitForFinished(10000));
        QCOMPARE(check.exitCode(), 0);
    }

    void sighup_withABrokenPolicy_keepsTheLastGoodOne()
    {
        FeedProbe watcher;
        QVERIFY(watcher.open(m_gateway.url(), m_erin));
        QVERIFY(!watcher.waitFor(u"snapshot"_s).isEmpty());
        QVERIFY(writePolicy("rules:\n  - name: broken\n    match:\n      kindd: x\n    allow: true\n"));
        m_gateway.signal(SIGHUP);
        // The refusal is in the log, with the mistake's line and column.
        const QJsonObject rejected = watcher.waitForEvent(u"policy.rejected"_s);
        const QString errors = rejected.value(u"payload"_s).toObject().value(u"errors"_s).toArray().first().toString();
        QVERIFY2(errors.contains(u":4:7:"_s) && errors.contains(u"kindd"_s), qPrintable(errors));
        QCOMPARE(submit({{u"kind"_s, u"iam.change"_s}}).value(u"policy"_s).toObject().value(u"rule"_s).toString(),
                 u"two-groups"_s);

        QVERIFY(writePolicy("rules:\n  - name: everything-free\n    allow: true\n"));
        m_gateway.signal(SIGHUP);
        QCOMPARE(watcher.waitForEvent(u"policy.loaded"_s).value(u"payload"_s).toObject().value(u"rules"_s).toInt(), 1);
        QTRY_COMPARE(submit({{u"kind"_s, u"iam.change"_s}}).value(u"status"_s).toString(), u"allowed"_s);
        QVERIFY(writePolicy(kPolicy));
        m_gateway.signal(SIGHUP);
        QTRY_COMPARE(submit({{u"kind"_s, u"iam.change"_s}}).value(u"status"_s).toString(), u"pending"_s);
    }
};

QTEST_GUILESS_MAIN(TestQuorum)
#include "tst_quorum.moc"
