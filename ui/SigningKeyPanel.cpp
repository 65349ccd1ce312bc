#include "SigningKeyPanel.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cs {

SigningKeyPanel::SigningKeyPanel(QWidget *parent)
    : QWidget(parent), m_current(new QLabel(this)), m_kinds(new QButtonGroup(this)), m_uri(new QLineEdit(this)),
      m_status(new QLabel(this))
{
    setObjectName(u"signingKeyPanel"_s);
    m_current->setObjectName(u"currentKeyLabel"_s);
    m_current->setWordWrap(true);
    m_status->setObjectName(u"keyStatusLabel"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse); // the operator needs the key id
    m_uri->setObjectName(u"pkcs11UriEdit"_s);
    m_uri->setPlaceholderText(u"pkcs11:token=…;object=…"_s);

    auto *fido2 = new QRadioButton(tr("Security key (FIDO2): touch the key to sign"), this);
    auto *pkcs11 = new QRadioButton(tr("Smartcard, YubiKey PIV or HSM (PKCS#11), with its PIN"), this);
    auto *software = new QRadioButton(tr("Software key in the keychain (development only)"), this);
    fido2->setObjectName(u"fido2Radio"_s);
    pkcs11->setObjectName(u"pkcs11Radio"_s);
    software->setObjectName(u"softwareRadio"_s);
    m_kinds->addButton(fido2, int(Kind::Fido2));
    m_kinds->addButton(pkcs11, int(Kind::Pkcs11));
    m_kinds->addButton(software, int(Kind::Software));
    fido2->setChecked(true);

    auto *buttons = new QDialogButtonBox(this);
    m_use = buttons->addButton(tr("Use"), QDialogButtonBox::AcceptRole);
    m_enroll = buttons->addButton(tr("Use and enroll…"), QDialogButtonBox::ActionRole);
    m_use->setObjectName(u"useKeyButton"_s);
    m_enroll->setObjectName(u"enrollKeyButton"_s);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins({});
    layout->addWidget(m_current);
    layout->addWidget(fido2);
    layout->addWidget(pkcs11);
    layout->addWidget(m_uri);
    layout->addWidget(software);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    layout->addStretch();

    connect(m_kinds, &QButtonGroup::idToggled, this, [this] { updateState(); });
    connect(m_uri, &QLineEdit::textChanged, this, [this] { updateState(); });
    connect(m_use, &QPushButton::clicked, this, [this] { Q_EMIT useRequested(kind(), pkcs11Uri(), false); });
    connect(m_enroll, &QPushButton::clicked, this, [this] { Q_EMIT useRequested(kind(), pkcs11Uri(), true); });
    updateState();
}

void SigningKeyPanel::setCurrent(const QString &description)
{
    m_current->setText(description.isEmpty() ? tr("No signing key is set up: decisions cannot be signed.")
                                             : tr("Decisions are signed with %1.").arg(description));
}

void SigningKeyPanel::setKind(Kind kind)
{
    m_kinds->button(int(kind))->setChecked(true);
}

SigningKeyPanel::Kind SigningKeyPanel::kind() const
{
    return Kind(m_kinds->checkedId());
}

void SigningKeyPanel::setPkcs11Uri(const QString &uri)
{
    m_uri->setText(uri);
}

QString SigningKeyPanel::pkcs11Uri() const
{
    return m_uri->text().trimmed();
}

void SigningKeyPanel::setStatus(const QString &text)
{
    m_status->setText(text);
}

void SigningKeyPanel::setBusy(bool busy)
{
    m_use->setDisabled(busy);
    m_enroll->setDisabled(busy);
    if (!busy)
        updateState();
}

void SigningKeyPanel::updateState()
{
    const bool pkcs11 = kind() == Kind::Pkcs11;
    m_uri->setEnabled(pkcs11);
    const bool ready = !pkcs11 || pkcs11Uri().startsWith(u"pkcs11:"_s);
    m_use->setEnabled(ready && kind() != Kind::Fido2); // a FIDO2 credential is made by enrolling
    m_enroll->setEnabled(ready);
}

} // namespace cs
