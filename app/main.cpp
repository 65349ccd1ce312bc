#include "ConsoleController.h"
#include "KeychainTokenStore.h"
#include "MainWindow.h"
#include "SingleInstance.h"
#include "util/DevPrincipals.h"
#include "util/Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

// The language chosen in the settings ("de", "en"), else the system's.
QLocale uiLocale()
{
    const QString chosen = QSettings().value(u"ui/language"_s).toString();
    return chosen.isEmpty() ? QLocale() : QLocale(chosen);
}

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Countersign console: review and decide agents' privileged actions, on one or several gateways."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({u"gateway"_s,
                      QCoreApplication::translate("main", "A gateway to connect to, as URL or NAME=URL (e.g. "
                                                          "prod=https://gw.example:8470); repeat for several."),
                      u"URL"_s});
    parser.addOption({u"dev-principals"_s,
                      QCoreApplication::translate("main", "Use the approver token of a dev gateway's principals file; "
                                                          "the n-th belongs to the n-th --gateway."),
                      u"FILE"_s});
    parser.addOption({u"ca-file"_s,
                      QCoreApplication::translate("main", "Trust only this CA (PEM) for the --gateway certificates "
                                                          "(or COUNTERSIGN_CA_FILE)."),
                      u"FILE"_s});
    parser.addOption({u"ca-fingerprint"_s,
                      QCoreApplication::translate("main", "SHA-256 fingerprint of the --gateway certificate or its CA "
                                                          "to pin (or COUNTERSIGN_CA_FINGERPRINT)."),
                      u"SHA256"_s});
    parser.addOption({u"key"_s,
                      QCoreApplication::translate("main", "Your signing key: pkcs11:…, fido2:FILE or software:FILE "
                                                          "(for this run; File > Signing key… remembers one)."),
                      u"URI"_s});
    parser.addPositionalArgument(u"link"_s,
                                 QCoreApplication::translate("main", "A countersign://action/GATEWAY/ID link "
                                                                     "to open."),
                                 u"[link]"_s);
}

bool wantsTextOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView arg(argv[i]);
        if (arg == "--help" || arg == "-h" || arg == "-?" || arg == "--help-all" || arg == "--version" || arg == "-v")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(u"Countersign"_s);
    QCoreApplication::setApplicationName(u"countersign"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(COUNTERSIGN_VERSION));

    if (wantsTextOnly(argc, argv)) {
        // --help and --version print and exit, with or without a display.
        QCoreApplication app(argc, argv);
        const cs::Translations translations(uiLocale(), u"countersign"_s);
        QCommandLineParser parser;
        addOptions(parser);
        parser.process(app);
        return 0;
    }

    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(u"Countersign"_s);
    QApplication::setDesktopFileName(u"org.countersign.Console"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/countersign.svg"_s));
    const cs::Translations translations(uiLocale(), u"countersign"_s);

    QCommandLineParser parser;
    addOptions(parser);
    parser.process(app);

    // A console is running already: hand it the links, let it come forward, and leave.
    const QStringList links = parser.positionalArguments();
    if (cs::SingleInstance::handOff(links))
        return 0;

    const QString token = qEnvironmentVariable("COUNTERSIGN_TOKEN");
    const QStringList devFiles = parser.values(u"dev-principals"_s);
    QList<cs::GatewaySession::Options> gateways;
    const QStringList given = parser.values(u"gateway"_s);
    for (qsizetype i = 0; i < given.size(); ++i) {
        cs::GatewaySession::Options options;
        const QString &value = given.at(i);
        const qsizetype equals = value.indexOf(u'=');
        const bool named = equals > 0 && !value.left(equals).contains(u':');
        options.name = named ? value.left(equals) : QString();
        options.url = QUrl::fromUserInput(named ? value.mid(equals + 1) : value);
        options.token = token;
        options.trust = cs::TlsTrust::fromEnvironment();
        if (parser.isSet(u"ca-file"_s))
            options.trust.caFile = parser.value(u"ca-file"_s);
        if (parser.isSet(u"ca-fingerprint"_s))
            options.trust.fingerprint = parser.value(u"ca-fingerprint"_s);
        options.keyUri = parser.value(u"key"_s);
        if (i < devFiles.size()) {
            QString error;
            const auto dev = cs::DevPrincipals::load(devFiles.at(i), &error);
            if (!dev) {
                QMessageBox::critical(nullptr, QApplication::translate("main", "Countersign"), error);
                return 2;
            }
            options.token = dev->approver.token;
            if (options.keyUri.isEmpty())
                options.devSigningSeed = dev->approver.signingKeySeed;
        }
        gateways.append(options);
    }

    cs::SystemClock clock;
    cs::KeychainTokenStore keychain;
    cs::ConsoleController console(&clock, &keychain);
    cs::SingleInstance instance;
    instance.listen();
    QObject::connect(&instance, &cs::SingleInstance::activated, &console, [&console](const QStringList &handed) {
        console.showWindow();
        for (const QString &link : handed)
            console.openLink(link);
    });
    console.window()->show();
    console.start(gateways);
    for (const QString &link : links)
        console.openLink(link);
    return app.exec();
}
