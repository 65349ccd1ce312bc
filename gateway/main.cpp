#include "CommandLine.h"
#include "DevSetup.h"
#include "Gateway.h"
#include "JsonLog.h"
#include "KeyCommand.h"
#include "PolicyCommand.h"
#include "TlsCommand.h"
#include "UnixSignals.h"
#include "util/Tokens.h"
#include "util/Translations.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QCoreApplication>

#include <QTimer>

#include <cstdio>
#include <sys/resource.h>
#include <sys/stat.h>

#ifdef COUNTERSIGN_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

using namespace Qt::StringLiterals;

namespace {

using cs::CommandLine::fail;
using cs::CommandLine::print;
using cs::CommandLine::usageError;

// Tells systemd (Type=notify) how the service stands; nothing without NOTIFY_SOCKET or libsystemd.
void notifyService([[maybe_unused]] const QString &state)
{
#ifdef COUNTERSIGN_HAVE_SYSTEMD
    sd_notify(0, state.toUtf8().constData());
#endif
}

// `countersign-gateway token create --id ID --role ROLE`: prints a new token once, and the
// configuration entry that holds only its hash.
int createToken(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("countersign-gateway", "Create a bearer token for a principal."));
    parser.addHelpOption();
    parser.addOption({u"id"_s, QCoreApplication::translate("countersign-gateway", "Principal id."), u"ID"_s});
    parser.addOption(
        {u"role"_s, QCoreApplication::translate("countersign-gateway", "agent, approver or auditor."), u"ROLE"_s});
    parser.addOption(
        {u"display-name"_s, QCoreApplication::translate("countersign-gateway", "Name shown to approvers."), u"NAME"_s});
    parser.addPositionalArgument(u"create"_s, QCoreApplication::translate("countersign-gateway", "The verb: create."),
                                 u"token create"_s);
    int code = 0;
    if (!cs::CommandLine::parse(parser, arguments, &code))
        return code;
    const QString id = parser.value(u"id"_s);
    const auto role = cs::roleFromName(parser.value(u"role"_s));
    if (parser.positionalArguments() != QStringList{u"create"_s} || id.isEmpty() || !role)
        return usageError(QCoreApplication::translate(
            "countersign-gateway", "usage: token create --id ID --role agent|approver|auditor [--display-name NAME]"));
    const QString token = cs::Tokens::generate();
    const QString name = parser.isSet(u"display-name"_s) ? parser.value(u"display-name"_s) : id;
    print(stdout, u"token: %1"_s.arg(token));
    print(stdout, u"# Give the token to %1 now; it is not stored. Add this to the gateway's principals:"_s.arg(id));
    print(stdout, u"  - id: %1\n    display_name: \"%2\"\n    role: %3\n    token_sha256: %4"_s.arg(
                      id, name, cs::roleName(*role), cs::Tokens::hash(token)));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // Every file the gateway makes (database, WAL, keys, tokens) is its own: 0600, whatever the
    // umask it was started with.
    ::umask(077);
    // Every connection is a file descriptor: take what the hard limit allows (limits.max_connections
    // is 4096 by default, the usual soft limit 1024).
    rlimit files{};
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &files);
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"countersign-gateway"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    // The help and the usage errors in the user's language; the log stays English for operators.
    const cs::Translations translations(QLocale(), u"countersign-gateway"_s);

    const QStringList arguments = app.arguments();
    if (arguments.size() >= 2 && arguments[1] == u"token")
        return createToken(arguments.mid(1));
    if (arguments.size() >= 2 && arguments[1] == u"key")
        return cs::runKeyCommand(arguments.mid(1));
    if (arguments.size() >= 2 && arguments[1] == u"policy")
        return cs::runPolicyCommand(arguments.mid(1));
    if (arguments.size() >= 2 && arguments[1] == u"tls")
        return cs::runTlsCommand(arguments.mid(1));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "countersign-gateway",
        "Countersign gateway: human approval for agents' privileged actions.\n\n"
        "Also: token create --id ID --role ROLE, key list|approve ID|revoke ID, policy check FILE [--config FILE],\n"
        "tls self-signed --host NAME | client-certificate --cn NAME | fingerprint FILE."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(
        {u"config"_s, QCoreApplication::translate("countersign-gateway", "YAML configuration file."), u"FILE"_s});
    parser.addOption({u"listen"_s,
                      QCoreApplication::translate("countersign-gateway",
                                                  "Address to listen on (default 127.0.0.1:8470; port 0 picks one)."),
                      u"HOST:PORT"_s});
    parser.addOption({u"data-dir"_s,
                      QCoreApplication::translate("countersign-gateway", "Directory for the database and keys."),
                      u"DIR"_s});
    parser.addOption({u"storage-url"_s,
                      QCoreApplication::translate("countersign-gateway",
                                                  "The store: sqlite:///PATH or postgresql://USER@HOST/DB (overrides "
                                                  "the configuration's storage.url)."),
                      u"URL"_s});
    parser.addOption({u"dev"_s, QCoreApplication::translate(
                                    "countersign-gateway",
                                    "Development mode: no configuration, dev principals in DIR/dev-principals.json.")});
    parser.addOption({u"policy"_s,
                      QCoreApplication::translate("countersign-gateway",
                                                  "The policy file (YAML; overrides the configuration's 'policy')."),
                      u"FILE"_s});
    parser.addOption({u"log-format"_s,
                      QCoreApplication::translate("countersign-gateway",
                                                  "text (the default) or json: one JSON object per log line."),
                      u"FORMAT"_s, u"text"_s});
    parser.addOption(
        {u"insecure-listen"_s,
         QCoreApplication::translate(
             "countersign-gateway",
             "Listen off loopback without TLS (behind a TLS-terminating proxy only); logged at every start.")});
    if (int code = 0; !cs::CommandLine::parse(parser, arguments, &code))
        return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(QCoreApplication::translate("countersign-gateway", "unknown command '%1'")
                              .arg(parser.positionalArguments().constFirst()));
    const QString logFormat = parser.value(u"log-format"_s);
    if (logFormat == u"json")
        cs::installJsonLog();
    else if (logFormat != u"text")
        return usageError(QCoreApplication::translate("countersign-gateway", "--log-format is text or json"));

    QString error;
    cs::GatewayConfig config;
    if (parser.isSet(u"config"_s)) {
        auto loaded = cs::GatewayConfig::load(parser.value(u"config"_s), &error);
        if (!loaded)
            return fail(error);
        config = *loaded;
    } else if (!parser.isSet(u"dev"_s)) {
        return usageError(QCoreApplication::translate(
            "countersign-gateway", "give --config FILE, or --dev --data-dir DIR for a development gateway"));
    }
    if (parser.isSet(u"listen"_s) && !config.setListen(parser.value(u"listen"_s), &error))
        return usageError(error);
    config.insecureListen = parser.isSet(u"insecure-listen"_s);
    if (parser.isSet(u"data-dir"_s))
        config.dataDir = parser.value(u"data-dir"_s);
    if (parser.isSet(u"storage-url"_s)) {
        config.storageUrl = parser.value(u"storage-url"_s);
        if (!cs::StoreLocation::parse(config.storageUrl, &error))
            return usageError(error);
    }
    if (parser.isSet(u"policy"_s))
        config.policyPath = QFileInfo(parser.value(u"policy"_s)).absoluteFilePath();
    if (parser.isSet(u"dev"_s)) {
        if (config.dataDir.isEmpty())
            return usageError(QCoreApplication::translate("countersign-gateway", "--dev needs --data-dir DIR"));
        if (!config.listenAddress.isLoopback())
            return usageError(QCoreApplication::translate("countersign-gateway", "--dev listens on loopback only"));
        if (!cs::DevSetup::addDevPrincipals(config, &error))
            return fail(error);
    }

    cs::SystemClock clock;
    cs::Gateway gateway(config, &clock);
    if (!gateway.start(&error))
        return fail(error);
    // SIGHUP reads the policy and the TLS files again; a broken file keeps the one in force (and
    // says why). SIGTERM stops cleanly: parked polls answered, feeds closed, the store closed.
    cs::UnixSignals signals;
    QObject::connect(&signals, &cs::UnixSignals::hangup, &gateway, [&gateway] {
        notifyService(u"RELOADING=1"_s);
        QString reloadError;
        gateway.reloadPolicy(&reloadError);
        gateway.reloadTls(&reloadError);
        notifyService(u"READY=1"_s);
    });
    QObject::connect(&signals, &cs::UnixSignals::terminate, &gateway, [&gateway] {
        notifyService(u"STOPPING=1"_s);
        print(stdout, u"countersign-gateway stopping"_s);
        gateway.stop();
        QTimer::singleShot(0, QCoreApplication::instance(), &QCoreApplication::quit);
    });
    QObject::connect(&gateway, &cs::Gateway::fatal, &gateway, [] {
        notifyService(u"STOPPING=1"_s);
        QCoreApplication::exit(1);
    });
    const QString listening = u"listening on %1"_s.arg(gateway.url().toString());
    print(stdout, u"countersign-gateway "_s + listening);
    notifyService(u"READY=1\nSTATUS="_s + listening);
    const int code = app.exec();
    print(stdout, u"countersign-gateway stopped"_s);
    return code;
}
