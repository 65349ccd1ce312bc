#include "ConsoleController.h"
#include "KeychainTokenStore.h"
#include "MainWindow.h"
#include "util/DevPrincipals.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTranslator>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Countersign"_s);
    QApplication::setApplicationName(u"countersign"_s);
    QApplication::setApplicationDisplayName(u"Countersign"_s);
    QApplication::setDesktopFileName(u"countersign"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/countersign.svg"_s));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), u"countersign"_s, u"_"_s, u":/i18n"_s))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Countersign console: review and decide "
                                                                     "agents' privileged actions."));
    parser.addHelpOption();
    parser.addOption(
        {u"gateway"_s, QApplication::translate("main", "Gateway URL, e.g. http://127.0.0.1:8470."), u"URL"_s});
    parser.addOption({u"dev-principals"_s,
                      QApplication::translate("main", "Use the approver token of a dev gateway's principals file."),
                      u"FILE"_s});
    parser.addOption({u"key"_s,
                      QApplication::translate("main", "Your signing key: pkcs11:…, fido2:FILE or software:FILE "
                                                      "(for this run; File > Signing key… remembers one)."),
                      u"URI"_s});
    parser.process(app);

    cs::ConsoleController::Options options;
    options.gatewayUrl = QUrl::fromUserInput(parser.value(u"gateway"_s));
    options.token = qEnvironmentVariable("COUNTERSIGN_TOKEN");
    options.keyUri = parser.value(u"key"_s);
    if (parser.isSet(u"dev-principals"_s)) {
        QString error;
        const auto dev = cs::DevPrincipals::load(parser.value(u"dev-principals"_s), &error);
        if (!dev) {
            QMessageBox::critical(nullptr, QApplication::translate("main", "Countersign"), error);
            return 2;
        }
        options.token = dev->approver.token;
        if (options.keyUri.isEmpty())
            options.devSigningSeed = dev->approver.signingKeySeed;
    }

    cs::SystemClock clock;
    cs::KeychainTokenStore keychain;
    cs::ConsoleController console(&clock, &keychain);
    console.window()->show();
    console.start(options);
    return app.exec();
}
