#include "KeyCommand.h"

#include "CommandLine.h"
#include "EventStore.h"
#include "GatewayConfig.h"
#include "KeyRegistry.h"

#include <QCommandLineParser>
#include <QDir>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace cs {

using CommandLine::fail;
using CommandLine::print;
using CommandLine::usageError;

int runKeyCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "countersign-gateway", "Review approvers' signing keys: key list | key approve ID | key revoke ID"));
    parser.addHelpOption();
    parser.addPositionalArgument(u"verb"_s,
                                 QCoreApplication::translate("countersign-gateway", "list, approve or revoke"));
    parser.addPositionalArgument(
        u"id"_s, QCoreApplication::translate("countersign-gateway", "The key id (for approve and revoke)."));
    parser.addOption({u"config"_s,
                      QCoreApplication::translate("countersign-gateway", "The gateway's YAML configuration."),
                      u"FILE"_s});
    parser.addOption(
        {u"data-dir"_s, QCoreApplication::translate("countersign-gateway", "The gateway's data directory."), u"DIR"_s});
    parser.addOption(
        {u"storage-url"_s,
         QCoreApplication::translate("countersign-gateway", "The gateway's store, when not in its configuration."),
         u"URL"_s});
    parser.addOption({u"by"_s,
                      QCoreApplication::translate("countersign-gateway",
                                                  "Operator name recorded with the approval (default: $USER)."),
                      u"NAME"_s});
    if (int code = 0; !CommandLine::parse(parser, arguments, &code))
        return code;
    const QStringList positional = parser.positionalArguments();
    const QString verb = positional.value(0);
    if (!(verb == u"list" || ((verb == u"approve" || verb == u"revoke") && positional.size() == 2))) {
        return usageError(QCoreApplication::translate(
            "countersign-gateway",
            "usage: key list | key approve ID | key revoke ID (--config FILE or --data-dir DIR)"));
    }
    QString error;
    GatewayConfig config;
    if (parser.isSet(u"config"_s)) {
        auto loaded = GatewayConfig::load(parser.value(u"config"_s), &error);
        if (!loaded)
            return fail(error);
        config = *loaded;
    }
    if (parser.isSet(u"data-dir"_s))
        config.dataDir = parser.value(u"data-dir"_s);
    if (parser.isSet(u"storage-url"_s))
        config.storageUrl = parser.value(u"storage-url"_s);
    if (config.dataDir.isEmpty() && config.storageUrl.isEmpty())
        return usageError(
            QCoreApplication::translate("countersign-gateway", "key commands need --config FILE or --data-dir DIR"));
    const auto location = config.storeLocation(&error);
    if (!location)
        return usageError(error);
    EventStore store(u"countersign-key-command"_s);
    if (!store.open(*location, &error))
        return fail(error);
    SystemClock clock;
    KeyRegistry keys(&store, &clock, config.keys);
    if (verb == u"list") {
        print(stdout, u"%1  %2  %3  %4  %5  %6"_s.arg(u"ID"_s, -23)
                          .arg(u"OWNER"_s, -16)
                          .arg(u"TYPE"_s, -8)
                          .arg(u"ALG"_s, -7)
                          .arg(u"ASSURANCE"_s, -9)
                          .arg(u"STATUS"_s));
        for (const KeyRecord &key : keys.all()) {
            print(stdout, u"%1  %2  %3  %4  %5  %6"_s.arg(key.id, -23)
                              .arg(key.owner, -16)
                              .arg(key.type, -8)
                              .arg(key.algorithm, -7)
                              .arg(key.assurance, -9)
                              .arg(key.status));
        }
        return 0;
    }
    const QString by = parser.isSet(u"by"_s) ? parser.value(u"by"_s) : qEnvironmentVariable("USER", u"operator"_s);
    WireError failure;
    std::optional<std::pair<KeyRecord, Event>> changed;
    // A gateway may append between our reading the head and our write: read on and try again.
    for (int attempt = 0; attempt < 16; ++attempt) {
        store.forgetStale();
        changed =
            verb == u"approve" ? keys.approve(positional[1], by, &failure) : keys.revoke(positional[1], by, &failure);
        if (!store.lastWriteStale())
            break;
        store.appendedByOthers();
    }
    store.releaseHead();
    if (!changed) {
        print(stderr, u"countersign-gateway: %1 (%2)"_s.arg(failure.message, failure.code));
        return 1;
    }
    print(stdout,
          u"key %1 of %2 is now %3 (event seq %4)"_s.arg(changed->first.id, changed->first.owner, changed->first.status)
              .arg(changed->second.seq));
    return 0;
}

} // namespace cs
