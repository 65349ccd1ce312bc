#include "GatewayProcess.h"
#include "TestClients.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

namespace {

const QByteArray kPolicy = R"(rules:
  - name: reads
    match:
      kind: claude.read
    allow: true
  - name: no-github-writes
    match:
      system: github
      kind: "mcp.create_*"
    deny: Agents do not write to GitHub.
  - name: quick
    match:
      kind: shell.run
      command: '^sleep\b'
    require:
      approvers: 1 approver
      ttl: 1s
default:
  require: 1 approver
)";

// A PreToolUse input as Claude Code sends it.
QByteArray hookInput(const QString &tool, const QJsonObject &toolInput)
{
    return QJsonDocument(QJsonObject{{u"session_id"_s, u"abc123"_s},
                                     {u"transcript_path"_s, u"/home/dev/.claude/projects/x.jsonl"_s},
                                     {u"cwd"_s, u"/home/dev/shop"_s},
                                     {u"hook_event_name"_s, u"PreToolUse"_s},
                                     {u"tool_name"_s, tool},
                                     {u"tool_input"_s, toolInput},
                                     {u"tool_use_id"_s, u"toolu_01"_s}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

// `countersign-cli hook claude-code` against the real gateway: Bash, Write, Edit and an MCP tool
// each become an action; approve, deny with a reason, expiry, the policy's allow and deny, an
// unreachable gateway (closed, or open with --fail-open), and input that is no tool call. Every
// answer is checked as the JSON Claude Code reads.
class TestHook : public QObject
{
    Q_OBJECT

    GatewayProcess m_gateway;
    TestPrincipal m_agent = GatewayProcess::principal(u"claude-agent"_s, Role::Agent);
    TestPrincipal m_alice = GatewayProcess::principal(u"alice"_s, Role::Approver);
    std::unique_ptr<HttpProbe> m_http;

    struct Answer
    {
        QString decision;
        QString reason;
        QJsonObject pending; // the action the hook asked for, as an approver saw it
    };

    // Runs the hook with `input`; when `verdict` is set, decides the action it submits.
    Answer runHook(const QByteArray &input, const QString &verdict = {}, const QString &reason = {},
                   const QStringList &extra = {}, const QUrl &url = {})
    {
        QProcess hook;
        hook.setProcessChannelMode(QProcess::SeparateChannels);
        hook.start(QStringLiteral(COUNTERSIGN_CLI_BIN),
                   QStringList{u"hook"_s, u"claude-code"_s, u"--url"_s,
                               (url.isEmpty() ? m_gateway.url() : url).toString(), u"--token"_s, m_agent.token} +
                       extra);
        hook.write(input);
        hook.closeWriteChannel();
        Answer answer;
        if (!verdict.isEmpty()) {
            QDeadlineTimer deadline(10000);
            while (answer.pending.isEmpty() && !deadline.hasExpired()) {
                const QJsonArray actions =
                    m_http->get(u"/v1/actions?status=pending"_s, m_alice.token).body.value(u"actions"_s).toArray();
                if (!actions.isEmpty())
                    answer.pending = actions.last().toObject();
                else
                    QTest::qWait(50);
            }
            FeedProbe alice;
            if (!alice.open(m_gateway.url(), m_alice))
                qWarning() << "cannot open the feed";
            const QJsonObject result = alice.decide(answer.pending.value(u"id"_s).toString(), verdict,
                                                    answer.pending.value(u"digest"_s).toString(), reason);
            if (!result.value(u"accepted"_s).toBool())
                qWarning() << "decision refused:" << result;
        }
        // It may have finished already, while the test's event loop ran.
        if (hook.state() != QProcess::NotRunning)
            hook.waitForFinished(20000);
        if (hook.state() != QProcess::NotRunning || hook.exitCode() != 0) {
            qWarning() << "hook failed:" << hook.state() << hook.exitCode() << hook.readAllStandardError()
                       << hook.readAllStandardOutput();
            return answer;
        }
        QJsonParseError error;
        const QJsonDocument output = QJsonDocument::fromJson(hook.readAllStandardOutput(), &error);
        const QJsonObject specific = output.object().value(u"hookSpecificOutput"_s).toObject();
        if (output.object().size() != 1 || specific.value(u"hookEventName"_s).toString() != u"PreToolUse"_s)
            return answer;
        answer.decision = specific.value(u"permissionDecision"_s).toString();
        answer.reason = specific.value(u"permissionDecisionReason"_s).toString();
        return answer;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString policy = QDir(m_gateway.dataDir()).filePath(u"policy.yaml"_s);
        QFile file(policy);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(kPolicy) == kPolicy.size());
        file.close();
        QVERIFY(m_gateway.startWithConfig({m_agent, m_alice}, "policy: " + policy.toUtf8() + "\n"));
        m_http = std::make_unique<HttpProbe>(m_gateway.url());
    }

    void bash_approved_allows()
    {
        const Answer answer =
            runHook(hookInput(u"Bash"_s, {{u"command"_s, u"npm test"_s}, {u"description"_s, u"Run the tests"_s}}),
                    u"approve"_s);
        QCOMPARE(answer.pending.value(u"kind"_s).toString(), u"shell.run"_s);
        QCOMPARE(answer.pending.value(u"command"_s).toString(), u"npm test"_s);
        QCOMPARE(answer.pending.value(u"justification"_s).toString(), u"Claude Code: Run the tests"_s);
        QCOMPARE(answer.pending.value(u"target"_s).toObject().value(u"resource"_s).toString(), u"/home/dev/shop"_s);
        QCOMPARE(answer.decision, u"allow"_s);
        QVERIFY2(answer.reason.contains(m_alice.id), qPrintable(answer.reason));
    }

    void write_denied_deniesWithTheReason()
    {
        const Answer answer =
            runHook(hookInput(u"Write"_s, {{u"file_path"_s, u"/home/dev/shop/.env"_s}, {u"content"_s, u"SECRET=1"_s}}),
                    u"deny"_s, u"no secrets in the repo"_s);
        QCOMPARE(answer.pending.value(u"kind"_s).toString(), u"file.write"_s);
        QCOMPARE(answer.pending.value(u"target"_s).toObject().value(u"resource"_s).toString(),
                 u"/home/dev/shop/.env"_s);
        QCOMPARE(answer.pending.value(u"context"_s).toObject().value(u"tool_input"_s).toObject().value(u"content"_s),
                 QJsonValue(u"SECRET=1"_s));
        QCOMPARE(answer.decision, u"deny"_s);
        QVERIFY2(answer.reason.contains(u"no secrets in the repo"_s), qPrintable(answer.reason));
    }

    void edit_approved_allows()
    {
        const Answer answer = runHook(hookInput(u"Edit"_s, {{u"file_path"_s, u"/home/dev/shop/src/app.ts"_s},
                                                            {u"old_string"_s, u"a"_s},
                                                            {u"new_string"_s, u"b"_s}}),
                                      u"approve"_s);
        QCOMPARE(answer.pending.value(u"kind"_s).toString(), u"file.write"_s);
        QCOMPARE(answer.pending.value(u"argv"_s).toArray().first().toString(), u"Edit"_s);
        QCOMPARE(answer.decision, u"allow"_s);
    }

    void mcpTool_matchesItsServerAndTool()
    {
        const Answer answer =
            runHook(hookInput(u"mcp__github__create_issue"_s, {{u"title"_s, u"x"_s}, {u"repo"_s, u"shop"_s}}));
        QCOMPARE(answer.decision, u"deny"_s);
        QVERIFY2(answer.reason.contains(u"Agents do not write to GitHub."_s), qPrintable(answer.reason));
    }

    void policyAllow_allowsAtOnce()
    {
        const Answer answer = runHook(hookInput(u"Read"_s, {{u"file_path"_s, u"/home/dev/shop/README.md"_s}}));
        QCOMPARE(answer.decision, u"allow"_s);
        QVERIFY2(answer.reason.contains(u"reads"_s), qPrintable(answer.reason));
    }

    void expiry_denies()
    {
        const Answer answer = runHook(hookInput(u"Bash"_s, {{u"command"_s, u"sleep 100"_s}}));
        QCOMPARE(answer.decision, u"deny"_s);
        QVERIFY2(answer.reason.contains(u"expired"_s), qPrintable(answer.reason));
    }

    void unreachableGateway_deniesUnlessFailOpen()
    {
        QTcpServer closed; // a port nothing answers on once closed
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        QUrl url(u"http://127.0.0.1"_s);
        url.setPort(closed.serverPort());
        closed.close();
        const QByteArray input = hookInput(u"Bash"_s, {{u"command"_s, u"ls"_s}});
        Answer answer = runHook(input, {}, {}, {}, url);
        QCOMPARE(answer.decision, u"deny"_s);
        QVERIFY2(answer.reason.contains(u"unreachable"_s), qPrintable(answer.reason));
        answer = runHook(input, {}, {}, {u"--fail-open"_s}, url);
        QCOMPARE(answer.decision, u"allow"_s);
        QVERIFY2(answer.reason.contains(u"--fail-open"_s), qPrintable(answer.reason));
        // Recorded where the user can show it: the gateway could not hear of it.
        QFile record(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                     u"/countersign/fail-open.jsonl"_s);
        QVERIFY(record.open(QIODevice::ReadOnly));
        const QJsonObject line = QJsonDocument::fromJson(record.readAll().trimmed().split('\n').last()).object();
        QCOMPARE(line.value(u"action"_s).toObject().value(u"command"_s).toString(), u"ls"_s);
        QCOMPARE(line.value(u"gateway"_s).toString(), url.toString());
    }

    void inputThatIsNoToolCall_denies()
    {
        QCOMPARE(runHook("not json").decision, u"deny"_s);
        QCOMPARE(runHook(R"({"hook_event_name":"PostToolUse","tool_name":"Bash"})").decision, u"deny"_s);
        QCOMPARE(runHook(hookInput(u"Bash"_s, {})).decision, u"deny"_s);
    }
};

QTEST_GUILESS_MAIN(TestHook)
#include "tst_hook.moc"
