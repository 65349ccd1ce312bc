#pragma once

#include <QWidget>

class QButtonGroup;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace cs {

// Settings > Signing keys (also File > Signing key…): which key signs this approver's decisions
// on one gateway: a FIDO2 security key, a PKCS#11 token (smartcard, YubiKey PIV, HSM) by its URI,
// or a development software key kept in the keychain. "Enroll" also sends the key to the gateway,
// where an operator must approve it.
class SigningKeyPanel : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { Fido2, Pkcs11, Software };

    explicit SigningKeyPanel(QWidget *parent = nullptr);

    void setCurrent(const QString &description);
    void setKind(Kind kind);
    Kind kind() const;
    void setPkcs11Uri(const QString &uri);
    QString pkcs11Uri() const;
    // Shows the outcome of the last use or enrollment.
    void setStatus(const QString &text);
    void setBusy(bool busy);

Q_SIGNALS:
    void useRequested(cs::SigningKeyPanel::Kind kind, const QString &pkcs11Uri, bool enroll);

private:
    void updateState();

    QLabel *m_current;
    QButtonGroup *m_kinds;
    QLineEdit *m_uri;
    QLabel *m_status;
    QPushButton *m_use;
    QPushButton *m_enroll;
};

} // namespace cs
