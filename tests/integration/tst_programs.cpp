#include "GatewayProcess.h"
#include "TestClients.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace cs;
using namespace cs::test;

// The three programs as a user and a service manager meet them: --version and --help everywhere,
// usage errors told apart from runtime failures by their exit code (countersign-gateway(8)), and
// the gateway stopping cleanly on SIGTERM.
class TestPrograms : public QObject
{
    Q_OBJECT

    using Run = ProgramRun;
    static Run run(const QString &program, const QStringList &arguments) { return runProgram(program, arguments); }
    // The program as a user with this locale runs it (LC_ALL and LANGUAGE both: QLocale reads each).
    static Run runIn(const QString &locale, const QString &program, const QStringList &arguments)
    {
        QProcessEnvironment environment;
        environment.insert(u"LC_ALL"_s, locale);
        environment.insert(u"LANGUAGE"_s, locale.section(u'.', 0, 0));
        return runProgram(program, arguments, environment);
    }
    // The descriptions in a QCommandLineParser help or the CLI's overview ("  --url <URL>  Gateway
    // URL …", continued on the lines below), whitespace collapsed; Qt's own options left out.
    static QStringList helpDescriptions(const QString &help)
    {
        static const QRegularExpression entry(uR"(^  (-\S.*?|\w[\w-]*)\s{2,}(\S.*)$)"_s);
        static const QRegularExpression continuation(uR"(^\s{3,}(\S.*)$)"_s);
        QStringList descriptions;
        bool ours = false;
        for (const QString &line : help.split(u'\n')) {
            if (const auto match = entry.match(line); match.hasMatch()) {
                const QString name = match.captured(1);
                ours = !name.startsWith(u"-h,"_s) && name != u"--help-all"_s && !name.startsWith(u"-v,"_s);
                if (ours)
                    descriptions.append(match.captured(2));
            } else if (const auto more = continuation.match(line); more.hasMatch() && ours) {
                descriptions.last() += u' ' + more.captured(1);
            } else {
                ours = false;
            }
        }
        return descriptions;
    }
    static Run gateway(const QStringList &arguments) { return run(GatewayProcess::binaryPath(), arguments); }

private Q_SLOTS:
    void version_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("name");
        QTest::newRow("console") << QStringLiteral(COUNTERSIGN_CONSOLE_BIN) << u"countersign"_s;
        QTest::newRow("gateway") << GatewayProcess::binaryPath() << u"countersign-gateway"_s;
        QTest::newRow("cli") << QStringLiteral(COUNTERSIGN_CLI_BIN) << u"countersign-cli"_s;
    }
    void version()
    {
        QFETCH(QString, program);
        QFETCH(QString, name);
        const Run version = run(program, {u"--version"_s});
        QCOMPARE(version.code, 0);
        QCOMPARE(version.out.trimmed(), u"%1 %2"_s.arg(name, QStringLiteral(COUNTERSIGN_VERSION)));
        const Run help = run(program, {u"--help"_s});
        QCOMPARE(help.code, 0);
        QVERIFY2(help.out.contains(u"--version"_s) || help.out.contains(u"COMMAND"_s), qPrintable(help.out));
    }

    void gatewaySubcommands_haveTheirOwnHelp_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("says");
        QTest::newRow("token") << QStringList{u"token"_s, u"--help"_s} << u"token create"_s;
        QTest::newRow("token create") << QStringList{u"token"_s, u"create"_s, u"--help"_s} << u"--role"_s;
        QTest::newRow("key") << QStringList{u"key"_s, u"--help"_s} << u"key approve ID"_s;
        QTest::newRow("policy") << QStringList{u"policy"_s, u"--help"_s} << u"policy check FILE"_s;
        QTest::newRow("tls") << QStringList{u"tls"_s, u"--help"_s} << u"tls self-signed"_s;
    }
    void gatewaySubcommands_haveTheirOwnHelp()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, says);
        const Run help = gateway(arguments);
        QCOMPARE(help.code, 0);
        QVERIFY2(help.out.contains(says), qPrintable(help.out));
        QVERIFY(!help.out.contains(u"--insecure-listen"_s)); // not the main help
    }

    // Every description in every --help exists in German: none is left in English (which the
    // translator falls back to when a text has no translation).
    void help_isTranslated_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("arguments");
        const QString gateway = GatewayProcess::binaryPath();
        const QString cli = QStringLiteral(COUNTERSIGN_CLI_BIN);
        for (const QString &command : {u""_s, u"token"_s, u"key"_s, u"policy"_s, u"tls"_s})
            QTest::newRow(qPrintable(u"gateway "_s + command)) << gateway << QStringList{command, u"--help"_s};
        for (const QString &command :
             {u""_s, u"request"_s, u"exec"_s, u"report"_s, u"policy explain"_s, u"hook claude-code"_s, u"mcp"_s,
              u"pending"_s, u"decide"_s, u"withdraw"_s, u"key enroll"_s, u"key list"_s, u"canonicalize"_s,
              u"verify-decision"_s, u"audit verify"_s, u"audit export"_s}) {
            QTest::newRow(qPrintable(u"cli "_s + command))
                << cli << command.split(u' ', Qt::SkipEmptyParts) + QStringList{u"--help"_s};
        }
    }
    void help_isTranslated()
    {
        QFETCH(QString, program);
        QFETCH(QStringList, arguments);
        arguments.removeAll(QString());
        const Run english = runIn(u"C"_s, program, arguments);
        const Run german = runIn(u"de_DE.UTF-8"_s, program, arguments);
        QCOMPARE(english.code, 0);
        QCOMPARE(german.code, 0);
        const QStringList descriptions = helpDescriptions(english.out);
        QVERIFY2(!descriptions.isEmpty(), qPrintable(english.out));
        const QString germanText = german.out.simplified();
        for (const QString &description : descriptions)
            QVERIFY2(!germanText.contains(description.simplified()), qPrintable(u"untranslated: "_s + description));
        // The headline too: the first line after "Usage:" (the CLI's overview starts with it).
        const QString headline = english.out.section(u'\n', 1, 1).simplified();
        QVERIFY2(headline.isEmpty() || !germanText.contains(headline), qPrintable(headline));
    }
    void usageErrors_areTranslated()
    {
        const Run cli = runIn(u"de_DE.UTF-8"_s, QStringLiteral(COUNTERSIGN_CLI_BIN), {u"audit"_s, u"verify"_s});
        QCOMPARE(cli.code, 64);
        QVERIFY2(cli.err.contains(u"braucht das Verzeichnis des Bündels"_s), qPrintable(cli.err));
        QVERIFY2(cli.err.contains(u"zeigt seine Optionen"_s), qPrintable(cli.err));
        const Run gateway = runIn(u"de_DE.UTF-8"_s, GatewayProcess::binaryPath(), {u"--log-format"_s, u"xml"_s});
        QCOMPARE(gateway.code, 2);
        QVERIFY2(gateway.err.contains(u"--log-format ist text oder json"_s), qPrintable(gateway.err));
        // English where the user's language has no catalogue.
        const Run french = runIn(u"fr_FR.UTF-8"_s, QStringLiteral(COUNTERSIGN_CLI_BIN), {u"audit"_s, u"verify"_s});
        QVERIFY2(french.err.contains(u"audit verify needs the bundle directory"_s), qPrintable(french.err));
    }

    void gatewayUsageErrors_exit2_failuresExit1_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("code");
        QTest::newRow("unknown option") << QStringList{u"--bogus"_s} << 2;
        QTest::newRow("unknown command") << QStringList{u"frobnicate"_s} << 2;
        QTest::newRow("no configuration") << QStringList{} << 2;
        QTest::newRow("token without verb") << QStringList{u"token"_s} << 2;
        QTest::newRow("token without role") << QStringList{u"token"_s, u"create"_s, u"--id"_s, u"x"_s} << 2;
        QTest::newRow("key without data") << QStringList{u"key"_s, u"list"_s} << 2;
        QTest::newRow("policy unknown option") << QStringList{u"policy"_s, u"check"_s, u"--bogus"_s} << 2;
        QTest::newRow("bad listen") << QStringList{u"--dev"_s, u"--data-dir"_s, u"/tmp"_s, u"--listen"_s, u"x"_s} << 2;
        QTest::newRow("bad storage url") << QStringList{u"--dev"_s, u"--data-dir"_s, u"/tmp"_s, u"--storage-url"_s,
                                                        u"redis://localhost"_s}
                                         << 2;
        QTest::newRow("unreachable store")
            << QStringList{u"--dev"_s, u"--data-dir"_s, u"/tmp/cs-unreachable"_s, u"--storage-url"_s,
                           u"postgresql://127.0.0.1:1/countersign?connect_timeout=2"_s}
            << 1;
        QTest::newRow("missing configuration file") << QStringList{u"--config"_s, u"/nonexistent/gateway.yaml"_s} << 1;
        QTest::newRow("missing policy file") << QStringList{u"policy"_s, u"check"_s, u"/nonexistent.yaml"_s} << 1;
    }
    void gatewayUsageErrors_exit2_failuresExit1()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, code);
        const Run result = gateway(arguments);
        QCOMPARE(result.code, code);
        QVERIFY(!result.err.trimmed().isEmpty()); // and says why
        if (code == 2)                            // and where to look
            QVERIFY2(result.err.contains(u"--help"_s), qPrintable(result.err));
    }

    void cliUsageErrors_exit64_failuresExit3_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("code");
        QTest::newRow("no command") << QStringList{} << 64;
        QTest::newRow("unknown command") << QStringList{u"frobnicate"_s} << 64;
        QTest::newRow("unknown option") << QStringList{u"pending"_s, u"--bogus"_s} << 64;
        const QStringList gateway{u"--url"_s, u"http://127.0.0.1:1"_s, u"--token"_s, u"t"_s};
        QTest::newRow("ttl not a number")
            << QStringList{u"request"_s, u"--ttl"_s, u"soon"_s} + gateway + QStringList{u"--"_s, u"ls"_s} << 64;
        QTest::newRow("decide without verdict")
            << QStringList{u"decide"_s, u"some-id"_s, u"--key"_s, u"software:x"_s} + gateway << 64;
        QTest::newRow("verify without bundle") << QStringList{u"audit"_s, u"verify"_s} << 64;
        QTest::newRow("canonicalize unknown option") << QStringList{u"canonicalize"_s, u"--bogus"_s} << 64;
        QTest::newRow("gateway unreachable") << QStringList{u"pending"_s} + gateway << 3;
        QTest::newRow("no gateway given") << QStringList{u"pending"_s} << 3;
    }
    void cliUsageErrors_exit64_failuresExit3()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, code);
        QProcess cli;
        cli.setProcessEnvironment(QProcessEnvironment()); // no COUNTERSIGN_URL or token from outside
        cli.start(QStringLiteral(COUNTERSIGN_CLI_BIN), arguments);
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), code);
        if (code == 64 && !arguments.isEmpty() && arguments.constFirst() != u"frobnicate"_s)
            QVERIFY2(cli.readAllStandardError().contains("--help"), "a usage error says where to look");
    }

    void gateway_stopsCleanlyOnSigterm()
    {
        GatewayProcess gateway;
        const TestPrincipal agent = GatewayProcess::principal(u"agent"_s, Role::Agent);
        const TestPrincipal approver = GatewayProcess::principal(u"alice"_s, Role::Approver);
        QVERIFY(gateway.startWithConfig({agent, approver}));
        const QString id = HttpProbe(gateway.url()).submit(agent.token).value(u"id"_s).toString();
        QVERIFY(!id.isEmpty());
        // An agent waits on a long poll, a console on the feed.
        FeedProbe console;
        QVERIFY(console.open(gateway.url(), approver.token));
        console.waitFor(u"snapshot"_s);
        QTimer::singleShot(300, this, [&gateway] { gateway.signal(SIGTERM); });
        const HttpResult answer = HttpProbe(gateway.url()).get(u"/v1/actions/%1?wait=30"_s.arg(id), agent.token, 20000);
        QVERIFY2(answer.status == 200, qPrintable(QString::fromUtf8(answer.raw)));
        QCOMPARE(answer.body[u"status"_s].toString(), u"pending"_s); // as it stands: the agent polls again
        QTRY_COMPARE_WITH_TIMEOUT(console.socket().state(), QAbstractSocket::UnconnectedState, 10000);
        QCOMPARE(console.socket().closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        const int exitCode = gateway.waitForExit(10000);
        QVERIFY2(exitCode == 0, qPrintable(u"exit code %1; output:\n%2"_s.arg(exitCode).arg(gateway.output())));
        QVERIFY2(gateway.output().contains(u"countersign-gateway stopped"_s), qPrintable(gateway.output()));
        // The store was closed: it opens again with the action still there.
        QVERIFY(gateway.restart());
        QCOMPARE(HttpProbe(gateway.url()).get(u"/v1/actions/%1"_s.arg(id), agent.token).body[u"status"_s].toString(),
                 u"pending"_s);
    }
};

QTEST_GUILESS_MAIN(TestPrograms)
#include "tst_programs.moc"
