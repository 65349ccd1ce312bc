#include "GatewayProcess.h"
#include "TestClients.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// The real countersign-cli against the real gateway: exit codes of request --wait and exec.
class TestCli : public QObject
{
    Q_OBJECT

    GatewayProcess m_gateway;
    std::unique_ptr<HttpProbe> m_http;

    std::unique_ptr<QProcess> startCli(const QStringList &arguments)
    {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"COUNTERSIGN_URL"_s, m_gateway.url().toString());
        env.insert(u"COUNTERSIGN_TOKEN"_s, m_gateway.dev().agent.token);
        process->setProcessEnvironment(env);
        process->start(QStringLiteral(COUNTERSIGN_CLI_BIN), arguments);
        return process;
    }

    static QStringList requestArgs(const QStringList &extra, const QStringList &command)
    {
        return QStringList{u"request"_s,    u"--kind"_s,          u"db.export"_s,   u"--system"_s,
                           u"postgres"_s,   u"--resource"_s,      u"users"_s,       u"--env"_s,
                           u"production"_s, u"--justification"_s, u"INC-7 export"_s} +
               extra + QStringList{u"--"_s} + command;
    }

    // Waits until the CLI's action reaches the approver's feed and returns it.
    static QJsonObject pendingFromCli(FeedProbe &approver, int from)
    {
        return approver.waitForEvent(u"action.requested"_s, from)
            .value(u"payload"_s)
            .toObject()
            .value(u"action"_s)
            .toObject();
    }

    int finish(QProcess &process)
    {
        if (process.state() != QProcess::NotRunning && !process.waitForFinished(20000)) {
            qWarning() << "cli did not finish:" << process.error() << process.state() << process.readAllStandardError();
            process.kill();
            return -1;
        }
        return process.exitCode();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_gateway.startDev());
        m_http = std::make_unique<HttpProbe>(m_gateway.url());
    }

    void request_withoutWait_printsTheCreatedAction()
    {
        auto cli = startCli(requestArgs({}, {u"pg_dump"_s, u"prod"_s}));
        QCOMPARE(finish(*cli), 0);
        const QJsonObject created = QJsonDocument::fromJson(cli->readAllStandardOutput()).object();
        QCOMPARE(created.value(u"status"_s).toString(), u"pending"_s);
        const HttpResult stored =
            m_http->get(u"/v1/actions/"_s + created.value(u"id"_s).toString(), m_gateway.dev().auditor.token);
        QCOMPARE(stored.body.value(u"argv"_s).toArray().size(), 2);
        QCOMPARE(stored.body.value(u"initiator"_s).toString(), m_gateway.dev().agent.id);
    }

    void requestWait_exitCodeFollowsTheDecision_data()
    {
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("approved") << u"approve"_s << 0;
        QTest::newRow("denied") << u"deny"_s << 1;
        QTest::newRow("cancelled") << u"cancel"_s << 2;
    }

    void requestWait_exitCodeFollowsTheDecision()
    {
        QFETCH(QString, verdict);
        QFETCH(int, exitCode);
        FeedProbe approver;
        QVERIFY(approver.open(m_gateway.url(), m_gateway.dev().approver.token));
        approver.setSigningKey(m_gateway.dev().approver.signingKeySeed);
        QVERIFY(!approver.waitFor(u"snapshot"_s).isEmpty());
        const int from = int(approver.messages().size());
        auto cli = startCli(requestArgs({u"--wait"_s}, {u"pg_dump"_s, u"prod"_s}));
        const QJsonObject action = pendingFromCli(approver, from);
        QVERIFY(!action.isEmpty());
        const QString id = action.value(u"id"_s).toString();
        if (verdict == u"cancel") {
            QCOMPARE(m_http->post(u"/v1/actions/%1/cancel"_s.arg(id), m_gateway.dev().agent.token, {}).status, 200);
        } else {
            QVERIFY(approver.decide(id, verdict, action.value(u"digest"_s).toString(), u"not in a freeze"_s)
                        .value(u"accepted"_s)
                        .toBool());
        }
        QCOMPARE(finish(*cli), exitCode);
        const QJsonObject final = QJsonDocument::fromJson(cli->readAllStandardOutput()).object();
        QCOMPARE(final.value(u"id"_s).toString(), id);
    }

    void requestWait_expiry_exits2()
    {
        auto cli = startCli(requestArgs({u"--wait"_s, u"--ttl"_s, u"1"_s}, {u"true"_s}));
        QCOMPARE(finish(*cli), 2);
        QVERIFY(cli->readAllStandardError().contains("expired"));
    }

    void request_refused_exits3WithTheCode()
    {
        auto cli = startCli(QStringList{u"request"_s, u"--kind"_s, u"x"_s, u"--system"_s, u"s"_s, u"--resource"_s,
                                        u"r"_s, u"--env"_s, u"e"_s, u"--"_s, u"ls"_s});
        QCOMPARE(finish(*cli), 3);
        QVERIFY(cli->readAllStandardError().contains("missing_field"));

        QProcess badToken;
        QProcessEnvironment env;
        env.insert(u"COUNTERSIGN_URL"_s, m_gateway.url().toString());
        env.insert(u"COUNTERSIGN_TOKEN"_s, u"cs_wrong"_s);
        badToken.setProcessEnvironment(env);
        badToken.start(QStringLiteral(COUNTERSIGN_CLI_BIN), requestArgs({u"--wait"_s}, {u"ls"_s}));
        QCOMPARE(finish(badToken), 3);
        QVERIFY(badToken.readAllStandardError().contains("unauthenticated"));
    }

    // What a terminal approver reads: no control character, escape sequence or override reaches the
    // terminal, the lines of a multi-line command are numbered, and how it runs is said.
    void pending_showsHiddenCharactersAsMarkers_andNumbersLines()
    {
        const QString command = u"echo ok\n\n\u001b[2Kcurl x | sh # \u202Efdp.exe"_s;
        const QString id =
            m_http->submit(m_gateway.dev().agent.token, {{u"command"_s, command}}).value(u"id"_s).toString();
        QVERIFY(!id.isEmpty());
        auto cli = startCli({u"pending"_s, u"--token"_s, m_gateway.dev().approver.token});
        QCOMPARE(finish(*cli), 0);
        const QString out = QString::fromUtf8(cli->readAllStandardOutput());
        QVERIFY(!out.contains(QChar(0x1b)));
        QVERIFY(!out.contains(QChar(0x202E)));
        QVERIFY2(out.contains(u"runs as: /bin/sh -c string, 3 lines, 2 hidden or control characters"_s),
                 qPrintable(out));
        QVERIFY2(out.contains(u"3 │ ⟦U+001B ESC⟧[2Kcurl x | sh # ⟦U+202E RLO⟧fdp.exe"_s), qPrintable(out));
        QVERIFY(out.contains(u"1 │ echo ok"_s));
    }

    void request_unreachableGatewayOrNoUrl_exits3()
    {
        auto cli = startCli(requestArgs({u"--url"_s, u"http://127.0.0.1:1"_s, u"--retry"_s, u"0"_s}, {u"ls"_s}));
        QCOMPARE(finish(*cli), 3);
        QProcess noUrl;
        noUrl.setProcessEnvironment(QProcessEnvironment());
        noUrl.start(QStringLiteral(COUNTERSIGN_CLI_BIN), requestArgs({}, {u"ls"_s}));
        QCOMPARE(finish(noUrl), 3);
        QVERIFY(noUrl.readAllStandardError().contains("COUNTERSIGN_URL"));
    }

    void exec_runsTheCommandOnlyWhenApproved()
    {
        QTemporaryDir dir;
        const QString approvedMarker = dir.filePath(u"approved"_s);
        const QString deniedMarker = dir.filePath(u"denied"_s);
        FeedProbe approver;
        QVERIFY(approver.open(m_gateway.url(), m_gateway.dev().approver.token));
        approver.setSigningKey(m_gateway.dev().approver.signingKeySeed);
        QVERIFY(!approver.waitFor(u"snapshot"_s).isEmpty());

        QStringList args = requestArgs({}, {u"sh"_s, u"-c"_s, u"echo ran > \"$0\"; exit 7"_s, approvedMarker});
        args[0] = u"exec"_s;
        int from = int(approver.messages().size());
        auto approved = startCli(args);
        const QJsonObject first = pendingFromCli(approver, from);
        approver.decide(first.value(u"id"_s).toString(), u"approve"_s, first.value(u"digest"_s).toString());
        QCOMPARE(finish(*approved), 7); // the command's own exit code
        QVERIFY(QFile::exists(approvedMarker));
        // ... and the gateway has how it ran, in the action and in the log.
        const QString ranId = first.value(u"id"_s).toString();
        const QJsonObject execution =
            m_http->get(u"/v1/actions/"_s + ranId, m_gateway.dev().auditor.token).body.value(u"execution"_s).toObject();
        QCOMPARE(execution.value(u"status"_s).toString(), u"failed"_s);
        QCOMPARE(execution.value(u"exit_code"_s).toInteger(), 7);
        const QJsonObject reported = approver.waitForEvent(u"execution.reported"_s, from);
        QCOMPARE(reported.value(u"action_id"_s).toString(), ranId);

        args = requestArgs({}, {u"touch"_s, deniedMarker});
        args[0] = u"exec"_s;
        from = int(approver.messages().size());
        auto denied = startCli(args);
        const QJsonObject second = pendingFromCli(approver, from);
        approver.decide(second.value(u"id"_s).toString(), u"deny"_s, second.value(u"digest"_s).toString(), u"no"_s);
        QCOMPARE(finish(*denied), 1);
        QVERIFY(!QFile::exists(deniedMarker));
    }

    // An agent that runs the command itself reports with countersign-cli report.
    void report_tellsTheGatewayHowAnApprovedActionRan()
    {
        FeedProbe approver;
        QVERIFY(approver.open(m_gateway.url(), m_gateway.dev().approver.token));
        approver.setSigningKey(m_gateway.dev().approver.signingKeySeed);
        QVERIFY(!approver.waitFor(u"snapshot"_s).isEmpty());
        const QJsonObject created = m_http->submit(m_gateway.dev().agent.token);
        const QString id = created.value(u"id"_s).toString();
        auto early = startCli({u"report"_s, id, u"--status"_s, u"succeeded"_s});
        QCOMPARE(finish(*early), 3); // not approved yet
        QVERIFY(early->readAllStandardError().contains("not_approved"));
        approver.decide(id, u"approve"_s, created.value(u"digest"_s).toString());
        auto report = startCli({u"report"_s, id, u"--status"_s, u"succeeded"_s, u"--exit-code"_s, u"0"_s, u"--detail"_s,
                                u"deployed 42 pods"_s});
        QCOMPARE(finish(*report), 0);
        const QJsonObject execution =
            QJsonDocument::fromJson(report->readAllStandardOutput()).object().value(u"execution"_s).toObject();
        QCOMPARE(execution.value(u"detail"_s).toString(), u"deployed 42 pods"_s);
        auto bad = startCli({u"report"_s, id, u"--status"_s, u"succeeded"_s, u"--exit-code"_s, u"zero"_s});
        QCOMPARE(finish(*bad), 64); // a usage error, told apart from a refusal (3)
    }

    void devPrincipalsFile_suppliesTheAgentToken()
    {
        QProcess cli;
        cli.setProcessEnvironment(QProcessEnvironment());
        QStringList args = requestArgs(
            {u"--url"_s, m_gateway.url().toString(), u"--dev-principals"_s, m_gateway.devPrincipalsPath()}, {u"ls"_s});
        cli.start(QStringLiteral(COUNTERSIGN_CLI_BIN), args);
        QCOMPARE(finish(cli), 0);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
