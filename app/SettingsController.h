#pragma once

#include "KeychainTokenStore.h"
#include "SettingsDialog.h"
#include "client/AgentClient.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>

#include <memory>

namespace cs {

class ConsoleController;

// Runs the Settings dialog against the console: adds a gateway (its token into the keychain, its
// name and URL into the settings as text), removes one, tests a connection, shows and changes
// each gateway's signing key, and stores and applies the notification, language and start-at-login choices.
class SettingsController : public QObject
{
    Q_OBJECT
public:
    SettingsController(ConsoleController *console, KeychainTokenStore *keychain, QObject *parent = nullptr);

    SettingsDialog *open();
    // Settings on the Signing keys page, for `gateway`.
    SettingsDialog *openSigningKeys(const QString &gateway);
    SettingsDialog *dialog() const { return m_dialog; }

private:
    void refreshGateways();
    void addGateway(const QString &name, const QUrl &url, const QString &token, const TlsTrust &trust);
    void removeGateway(const QString &name);
    void testGateway(const QUrl &url, const QString &token, const QString &label, const TlsTrust &trust);
    // Ties the Signing keys page to `gateway`'s SigningKeySettings (and unties the one before).
    void showSigningKey(const QString &gateway);

    ConsoleController *m_console;
    KeychainTokenStore *m_keychain;
    QNetworkAccessManager m_network;
    QPointer<SettingsDialog> m_dialog;
    std::unique_ptr<QObject> m_keyBinding; // context of the panel's connections to one gateway's keys
};

} // namespace cs
