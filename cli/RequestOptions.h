#pragma once

#include <QCommandLineParser>
#include <QJsonObject>
#include <QStringList>

namespace cs {

// The options that describe an action (--kind, --system, --resource, --env, --justification,
// --urgency, --ttl, --on-behalf-of, --context, --command or -- ARGV), shared by `request`, `exec`
// and `policy explain`, and the request body they make.
namespace RequestOptions {

void add(QCommandLineParser &parser);
// The body of POST /v1/actions from the parsed options; a mistake in them is a usage error (the
// program exits ExitCode::Usage). `argv` is the command after --, or empty for --command.
QJsonObject body(const QCommandLineParser &parser, const QStringList &argv);

} // namespace RequestOptions
} // namespace cs
