#pragma once

#include <QString>
#include <QStringList>

#include <cstdio>

class QCommandLineParser;

namespace cs::CommandLine {

// The exit codes of countersign-gateway and its commands (countersign-gateway(8)).
inline constexpr int kFailure = 1; // a runtime failure: a file that does not load, a port in use
inline constexpr int kUsage = 2;   // a usage error: an unknown option or command, a missing argument

void print(FILE *stream, const QString &text);
// Says why on stderr and returns kFailure.
int fail(const QString &message);
// Says what was wrong with the command line on stderr and returns kUsage.
int usageError(const QString &message);
// Parses like QCommandLineParser::process(), but a usage error returns kUsage (process() exits 1,
// the code of a runtime failure), and --help (and --version where the parser has it) print and
// return 0. False with `code` set when the program is to exit now.
bool parse(QCommandLineParser &parser, const QStringList &arguments, int *code);

} // namespace cs::CommandLine
