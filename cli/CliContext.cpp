#include "CliContext.h"

#include "util/DevPrincipals.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace cs {

void CliContext::addOptions(QCommandLineParser &parser)
{
    parser.addOption(
        {u"url"_s, QCoreApplication::translate("countersign-cli", "Gateway URL (or COUNTERSIGN_URL)."), u"URL"_s});
    parser.addOption({u"token"_s,
                      QCoreApplication::translate("countersign-cli", "Bearer token (or COUNTERSIGN_TOKEN)."),
                      u"TOKEN"_s});
    parser.addOption(
        {u"dev-principals"_s,
         QCoreApplication::translate("countersign-cli", "Take the token from a dev gateway's dev-principals.json."),
         u"FILE"_s});
    parser.addOption(
        {u"ca-file"_s,
         QCoreApplication::translate(
             "countersign-cli", "Trust only this CA (PEM) for the gateway's certificate (or COUNTERSIGN_CA_FILE)."),
         u"FILE"_s});
    parser.addOption(
        {u"ca-fingerprint"_s,
         QCoreApplication::translate(
             "countersign-cli",
             "SHA-256 fingerprint of the gateway's certificate or CA to pin (or COUNTERSIGN_CA_FINGERPRINT)."),
         u"SHA256"_s});
    parser.addOption({u"insecure"_s, QCoreApplication::translate(
                                         "countersign-cli", "Allow plain http:// to a gateway on another machine.")});
}

std::optional<CliContext> CliContext::resolve(const QCommandLineParser &parser, Role role, QString *error)
{
    CliContext context;
    const QString url = parser.isSet(u"url"_s) ? parser.value(u"url"_s) : qEnvironmentVariable("COUNTERSIGN_URL");
    context.gatewayUrl = QUrl(url);
    if (url.isEmpty() || !context.gatewayUrl.isValid() ||
        (context.gatewayUrl.scheme() != u"http" && context.gatewayUrl.scheme() != u"https")) {
        *error = u"give the gateway as --url https://HOST:PORT or in COUNTERSIGN_URL"_s;
        return std::nullopt;
    }
    context.trust = TlsTrust::fromEnvironment();
    if (parser.isSet(u"ca-file"_s))
        context.trust.caFile = parser.value(u"ca-file"_s);
    if (parser.isSet(u"ca-fingerprint"_s))
        context.trust.fingerprint = parser.value(u"ca-fingerprint"_s);
    context.trust.insecure = parser.isSet(u"insecure"_s);
    if (const auto refused = context.trust.refuse(context.gatewayUrl)) {
        *error = *refused;
        return std::nullopt;
    }
    if (!context.trust.sslConfiguration(error))
        return std::nullopt;
    if (parser.isSet(u"token"_s)) {
        context.token = parser.value(u"token"_s);
    } else if (parser.isSet(u"dev-principals"_s)) {
        const auto dev = DevPrincipals::load(parser.value(u"dev-principals"_s), error);
        if (!dev)
            return std::nullopt;
        context.token = dev->forRole(role).token;
    } else {
        context.token = qEnvironmentVariable("COUNTERSIGN_TOKEN");
    }
    if (context.token.isEmpty()) {
        *error = u"give a token with --token, COUNTERSIGN_TOKEN or --dev-principals FILE"_s;
        return std::nullopt;
    }
    return context;
}

std::optional<CliContext> CliContext::parse(QCommandLineParser &parser, const QStringList &arguments, Role role)
{
    parseCommandLine(parser, arguments);
    QString error;
    auto context = resolve(parser, role, &error);
    if (!context)
        printErr(u"countersign-cli: "_s + error);
    return context;
}

void parseCommandLine(QCommandLineParser &parser, const QStringList &arguments)
{
    if (!parser.parse(arguments))
        usageError(parser.errorText());
    if (parser.isSet(u"help"_s)) {
        printOut(parser.helpText());
        std::exit(0);
    }
}

void usageError(const QString &message)
{
    printErr(u"countersign-cli: "_s + message + u'\n' +
             QCoreApplication::translate("countersign-cli", "Run 'countersign-cli COMMAND --help' for its options."));
    std::exit(ExitCode::Usage);
}

void printErr(const QString &text)
{
    std::fputs(qPrintable(text + u'\n'), stderr);
    std::fflush(stderr);
}

void printOut(const QString &text)
{
    std::fputs(qPrintable(text + u'\n'), stdout);
    std::fflush(stdout);
}

} // namespace cs
