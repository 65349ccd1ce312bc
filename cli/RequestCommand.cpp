#include "RequestCommand.h"

#include "ReportCommand.h"
#include "RequestOptions.h"
#include "wire/ActionCodec.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <cerrno>
#include <cstring>
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace cs {

RequestCommand::RequestCommand(Mode mode, QObject *parent)
    : QObject(parent), m_mode(mode), m_wait(mode == Mode::Exec), m_client(&m_network)
{
}

bool RequestCommand::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(m_mode == Mode::Exec
                                         ? tr("Ask for approval, wait, and run COMMAND only if approved.")
                                         : tr("Ask the gateway for approval of an action."));
    parser.addHelpOption();
    CliContext::addOptions(parser);
    RequestOptions::add(parser);
    parser.addOption({u"retry"_s,
                      tr("Seconds to keep sending the request again while the gateway cannot be reached "
                         "(default 30; the gateway makes one action of them)."),
                      u"SECONDS"_s, u"30"_s});
    if (m_mode == Mode::Request)
        parser.addOption({u"wait"_s, tr("Wait for the decision; exit 0 approved, 1 denied, 2 expired/cancelled.")});
    else
        parser.addOption({u"id"_s,
                          tr("Run an action requested before (its command must be the one given), "
                             "once approved, instead of requesting a new one."),
                          u"ID"_s});
    const auto context = CliContext::parse(parser, arguments, Role::Agent);
    if (!context)
        return false;
    m_context = *context;
    m_wait = m_wait || parser.isSet(u"wait"_s);
    bool retryOk = false;
    m_retrySeconds = parser.value(u"retry"_s).toInt(&retryOk);
    if (!retryOk || m_retrySeconds < 0)
        usageError(tr("--retry takes a whole number of seconds"));
    if (m_mode == Mode::Exec)
        m_existingId = parser.value(u"id"_s);
    m_argv = parser.positionalArguments();
    m_shellCommand = parser.value(u"command"_s);
    m_body = RequestOptions::body(parser, m_argv);
    return true;
}

void RequestCommand::run()
{
    m_client.setEndpoint(m_context.gatewayUrl, m_context.token, m_context.trust);
    m_client.setSubmitRetry(m_retrySeconds); // a gateway restarting: the same request again, never twice
    if (m_existingId.isEmpty())
        return m_client.submit(m_body, this, [this](const AgentClient::Reply &reply) { onSubmitted(reply); });
    // exec --id: the action must be the one this command line describes, word for word.
    m_client.fetch(m_existingId, 0, this, [this](const AgentClient::Reply &reply) {
        if (reply.ok()) {
            const bool same = m_argv.isEmpty()
                                  ? reply.body.value(u"command"_s).toString() == m_shellCommand
                                  : reply.body.value(u"argv"_s).toArray() == QJsonArray::fromStringList(m_argv);
            if (!same) {
                printErr(u"countersign-cli: action %1 was requested for another command; nothing was run"_s.arg(
                    m_existingId));
                return finish(ExitCode::Error);
            }
        }
        onSubmitted(reply);
    });
}

void RequestCommand::onSubmitted(const AgentClient::Reply &reply)
{
    if (!reply.ok()) {
        printErr(u"countersign-cli: request refused (%1): %2"_s.arg(reply.error.code, reply.error.message));
        return finish(ExitCode::Error);
    }
    const QString id = reply.body.value(u"id"_s).toString();
    // Without --wait a pending request is done once submitted (exit 0); one the policy settled
    // ends as settled: 0 allowed, 1 denied.
    const bool pending = reply.body.value(u"status"_s).toString() == u"pending";
    if (!m_wait && pending) {
        printOut(QString::fromUtf8(QJsonDocument(reply.body).toJson(QJsonDocument::Compact)));
        return finish(ExitCode::Approved);
    }
    // The policy may have settled it at once (allowed, or denied with its rule's sentence); else wait.
    if (pending) {
        const QDateTime expiresAt = parseTime(reply.body.value(u"expires_at"_s).toString());
        printErr(u"countersign: waiting for approval of %1 (expires %2)"_s.arg(
            id, expiresAt.toLocalTime().toString(Qt::ISODate)));
    }
    auto *waiter = ActionWaiter::follow(&m_client, reply.body, this);
    connect(waiter, &ActionWaiter::finished, this, &RequestCommand::onDecided);
    connect(waiter, &ActionWaiter::failed, this, [this](const WireError &error) {
        printErr(u"countersign-cli: lost the gateway while waiting (%1): %2"_s.arg(error.code, error.message));
        finish(ExitCode::Error);
    });
    waiter->start();
}

void RequestCommand::onDecided(const QJsonObject &action, ActionStatus status)
{
    const ActionOutcome outcome = ActionOutcome::of(action, status);
    switch (status) {
    case ActionStatus::Approved:
        printErr(u"countersign: approved by %1"_s.arg(outcome.by));
        break;
    case ActionStatus::Allowed:
        printErr(u"countersign: %1 (no approval needed)"_s.arg(outcome.reason));
        break;
    case ActionStatus::Denied:
        printErr(u"countersign: denied by %1: %2"_s.arg(outcome.by, outcome.reason));
        break;
    default:
        printErr(u"countersign: %1"_s.arg(statusName(status)));
        break;
    }
    if (m_mode == Mode::Exec) {
        if (outcome.mayRun())
            return claimAndRun(action.value(u"id"_s).toString());
    } else {
        printOut(QString::fromUtf8(QJsonDocument(action).toJson(QJsonDocument::Compact)));
    }
    finish(outcome.mayRun()                 ? ExitCode::Approved
           : status == ActionStatus::Denied ? ExitCode::Denied
                                            : ExitCode::ExpiredOrCancelled);
}

void RequestCommand::claimAndRun(const QString &actionId)
{
    // The approval is used before the command runs: once, and within the rule's use_within.
    ReportCommand::post(
        &m_client, actionId, {{u"status"_s, u"started"_s}}, this, [this, actionId](const AgentClient::Reply &reply) {
            if (!reply.ok()) {
                printErr(u"countersign-cli: the approval cannot be used (%1): %2; nothing was run"_s.arg(
                    reply.error.code, reply.error.message));
                return finish(ExitCode::Error);
            }
            runAndReport(actionId);
        });
}

void RequestCommand::runAndReport(const QString &actionId)
{
    QList<QByteArray> words;
    if (m_argv.isEmpty())
        words = {"/bin/sh", "-c", m_shellCommand.toLocal8Bit()};
    else
        for (const QString &word : std::as_const(m_argv))
            words.append(word.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &word : words)
        argv.push_back(word.data());
    argv.push_back(nullptr);

    // As system() does: Ctrl-C and Ctrl-\ go to the command (our process group), and this process
    // stays to report how it ended. The wait blocks: nothing else has to run meanwhile.
    struct sigaction ignore = {}, oldInt = {}, oldQuit = {};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGINT, &ignore, &oldInt);
    ::sigaction(SIGQUIT, &ignore, &oldQuit);
    const pid_t child = ::fork();
    if (child == 0) {
        ::sigaction(SIGINT, &oldInt, nullptr);
        ::sigaction(SIGQUIT, &oldQuit, nullptr);
        ::execvp(argv[0], argv.data());
        printErr(u"countersign-cli: cannot run %1: %2"_s.arg(QString::fromLocal8Bit(argv[0]),
                                                             QString::fromLocal8Bit(std::strerror(errno))));
        std::_Exit(127);
    }
    int status = 0;
    while (child > 0 && ::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    ::sigaction(SIGINT, &oldInt, nullptr);
    ::sigaction(SIGQUIT, &oldQuit, nullptr);

    QJsonObject report;
    int exitCode = 127;
    if (child < 0) {
        report = {{u"status"_s, u"failed"_s}, {u"detail"_s, u"could not start the command"_s}};
    } else if (WIFSIGNALED(status)) {
        exitCode = 128 + WTERMSIG(status);
        report = {{u"status"_s, u"failed"_s},
                  {u"exit_code"_s, exitCode},
                  {u"detail"_s, u"ended by signal %1"_s.arg(WTERMSIG(status))}};
    } else {
        exitCode = WEXITSTATUS(status);
        report = {{u"status"_s, exitCode == 0 ? u"succeeded"_s : u"failed"_s}, {u"exit_code"_s, exitCode}};
        if (exitCode == 127)
            report.insert(u"detail"_s, u"the command could not be run"_s);
    }
    ReportCommand::post(&m_client, actionId, report, this, [this, exitCode](const AgentClient::Reply &reply) {
        if (!reply.ok())
            printErr(u"countersign-cli: could not report how the command ran (%1): %2"_s.arg(reply.error.code,
                                                                                             reply.error.message));
        finish(exitCode);
    });
}

void RequestCommand::finish(int code)
{
    QCoreApplication::exit(code);
}

} // namespace cs
