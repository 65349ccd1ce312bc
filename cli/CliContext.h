#pragma once

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
inline constexpr int Error = 3;
} // namespace ExitCode

// Where the gateway is and who we are: --url/--token, COUNTERSIGN_URL/COUNTERSIGN_TOKEN, or the
// dev gateway's principals file (--dev-principals FILE) for the given role.
struct CliContext
{
    QUrl gatewayUrl;
    QString token;

    static void addOptions(QCommandLineParser &parser);
    static std::optional<CliContext> resolve(const QCommandLineParser &parser, Role role, QString *error);
};

void printErr(const QString &text);
void printOut(const QString &text);

} // namespace cs
