#pragma once

#include "wire/GatewayInfo.h"
#include "KeychainTokenStore.h"
#include "SigningKeyPanel.h"
#include "client/AgentClient.h"
#include "signing/Signer.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <memory>

namespace cs {

class DecisionSigner;

// Which key signs this approver's decisions on this gateway, remembered per gateway and approver
// in QSettings (signing/<gateway>/<approver>): a PKCS#11 URI, a FIDO2 credential file in the app's
// data directory, or "software:keychain" with the Ed25519 seed in the system keychain. Sets the
// DecisionSigner's signer once the approver is known, and enrolls keys with the gateway
// (POST /v1/keys); the device work of enrollment runs off the UI thread.
class SigningKeySettings : public QObject
{
    Q_OBJECT
public:
    SigningKeySettings(KeychainTokenStore *keychain, DecisionSigner *signer, QObject *parent = nullptr);

    void setEndpoint(const QUrl &gatewayUrl, const QString &token, const TlsTrust &trust = {});
    // A key given on the command line (or the dev key): it wins over the remembered one.
    void setOverride(std::shared_ptr<Signer> signer, const QString &description);
    // The approver the feed's hello named: loads their remembered key.
    void setIdentity(const QString &approver);

    QString description() const { return m_description; }
    // From the dialog: use (and perhaps enroll) a key of this kind.
    void use(SigningKeyPanel::Kind kind, const QString &pkcs11Uri, bool enroll);

Q_SIGNALS:
    void statusChanged(const QString &sentence);
    void busyChanged(bool busy);
    // The remembered key cannot be used (unreadable, unknown module…): said in the main window,
    // open dialog or not.
    void unusable(const QString &sentence);

private:
    QString settingsKey() const;
    QString keychainKey() const;
    void install(std::shared_ptr<Signer> signer, const QString &uri, const QString &description);
    void startEnrollment(const std::shared_ptr<Signer> &signer, const QString &uri, const QString &description);
    void sendEnrollment(const KeyEnrollment &enrollment);
    void fail(const QString &sentence);

    KeychainTokenStore *m_keychain;
    DecisionSigner *m_signer;
    QNetworkAccessManager m_network;
    AgentClient m_client;
    QUrl m_gatewayUrl;
    QString m_approver;
    QString m_rpId = kDefaultFido2RpId;
    QString m_description;
    bool m_overridden = false;
};

} // namespace cs
