#pragma once

#include "client/TlsTrust.h"
#include "domain/Action.h"

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QTabWidget;

namespace cs {

class SigningKeyPanel;

// Settings (Ctrl+,): the gateways (add with a token kept in the keychain, remove, test the
// connection), the signing key of each, the notifications (which urgencies, commands in
// them or not, the re-notify delay, a sound for critical), the language and start at login. It
// only shows and asks; the SettingsController stores and applies.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    struct GatewayRow
    {
        QString name;
        QUrl url;
        QString state;
    };
    struct Values
    {
        Urgency minimumUrgency = Urgency::High;
        bool showCommands = false;
        int renotifyMinutes = 5;
        bool soundForCritical = true;
        QString language; // empty: follow the system
        bool startAtLogin = false;
    };

    explicit SettingsDialog(QWidget *parent = nullptr);

    void setGateways(const QList<GatewayRow> &gateways);
    void setValues(const Values &values);
    Values values() const;
    void setGatewayStatus(const QString &sentence);
    QString selectedGateway() const;

    // The Signing keys page, on `gateway`'s key (File > Signing key…, the Gateways page's button).
    void showSigningKeys(const QString &gateway);
    QString signingKeyGateway() const;
    SigningKeyPanel *signingKeyPanel() const { return m_keyPanel; }

    // The form for a new gateway, for tests and for the Add button.
    void setNewGateway(const QString &name, const QString &url, const QString &token, const TlsTrust &trust = {});

Q_SIGNALS:
    void addGatewayRequested(const QString &name, const QUrl &url, const QString &token, const cs::TlsTrust &trust);
    void testNewGatewayRequested(const QUrl &url, const QString &token, const cs::TlsTrust &trust);
    void removeGatewayRequested(const QString &name);
    void testGatewayRequested(const QString &name);
    // The Signing keys page now shows `name`'s key: the panel is to be filled for it.
    void signingKeyGatewayChanged(const QString &name);
    void applied(const cs::SettingsDialog::Values &values);

private:
    QWidget *gatewaysPage();
    TlsTrust newTrust() const;
    QWidget *signingKeysPage();
    QWidget *notificationsPage();
    QWidget *generalPage();

    QTabWidget *m_tabs;
    QListWidget *m_gateways;
    QComboBox *m_keyGateway;
    SigningKeyPanel *m_keyPanel;
    QLineEdit *m_newName;
    QLineEdit *m_newUrl;
    QLineEdit *m_newToken;
    QLineEdit *m_newCaFile;
    QLineEdit *m_newFingerprint;
    QLabel *m_gatewayStatus;
    QComboBox *m_minimumUrgency;
    QCheckBox *m_showCommands;
    QSpinBox *m_renotify;
    QCheckBox *m_sound;
    QComboBox *m_language;
    QCheckBox *m_startAtLogin;
};

} // namespace cs
