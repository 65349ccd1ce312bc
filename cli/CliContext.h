#pragma once

#include "client/TlsTrust.h"
#include "domain/Principal.h"

#include <QCommandLineParser>
#include <QString>
#include <QUrl>

namespace cs {

// Exit codes of countersign-cli; documented in docs/cli.md.
namespace ExitCode {
inline constexpr int Approved = 0;
inline constexpr int Denied = 1;
inline constexpr int ExpiredOrCancelled = 2;
inline constexpr int Error = 3;  // the gateway unreachable, a refusal, a failure
inline constexpr int Usage = 64; // the command line is wrong (EX_USAGE of sysexits.h)
} // namespace ExitCode

// Where the gateway is and who we are: --url/--token, COUNTERSIGN_URL/COUNTERSIGN_TOKEN, or the
// dev gateway's principals file (--dev-principals FILE) for the given role.
struct CliContext
{
    QUrl gatewayUrl;
    QString token;
    TlsTrust trust; // --ca-file, --ca-fingerprint, --insecure (or COUNTERSIGN_CA_FILE, …)

    static void addOptions(QCommandLineParser &parser);
    static std::optional<CliContext> resolve(const QCommandLineParser &parser, Role role, QString *error);
    // Parses a command's arguments and resolves the context for `role`. On --help prints the help
    // and exits 0, on a usage error exits ExitCode::Usage (as QCommandLineParser::process() does,
    // before anything ran); on a context that cannot be resolved (no URL, no token) prints why and
    // returns nothing.
    static std::optional<CliContext> parse(QCommandLineParser &parser, const QStringList &arguments, Role role);
};

void printErr(const QString &text);
// Parses like QCommandLineParser::process(), but a usage error exits ExitCode::Usage (process()
// exits 1, which means "denied" here); --help prints the help and exits 0.
void parseCommandLine(QCommandLineParser &parser, const QStringList &arguments);
// Says what is wrong with the command line and exits ExitCode::Usage; for parse(), before anything ran.
[[noreturn]] void usageError(const QString &message);
void printOut(const QString &text);

} // namespace cs
