#include "ConnectDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cs {

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent), m_url(new QLineEdit(this)), m_token(new QLineEdit(this)),
      m_remember(new QCheckBox(tr("Remember the token in the system keychain"), this)), m_message(new QLabel(this))
{
    setWindowTitle(tr("Connect to a Countersign gateway"));
    setObjectName(u"connectDialog"_s);
    auto *layout = new QVBoxLayout(this);
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    layout->addWidget(m_message);
    auto *form = new QFormLayout;
    m_url->setObjectName(u"urlEdit"_s);
    m_url->setPlaceholderText(u"http://127.0.0.1:8470"_s);
    m_token->setObjectName(u"tokenEdit"_s);
    m_token->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Gateway URL"), m_url);
    form->addRow(tr("Approver token"), m_token);
    layout->addLayout(form);
    m_remember->setChecked(true);
    layout->addWidget(m_remember);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        const QUrl url = QUrl::fromUserInput(m_url->text().trimmed());
        const QString token = m_token->text().trimmed();
        if (!url.isValid() || token.isEmpty()) {
            setMessage(tr("Give the gateway's URL and your token."));
            return;
        }
        accept();
        Q_EMIT connectRequested(url, token, m_remember->isEnabled() && m_remember->isChecked());
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ConnectDialog::setGatewayUrl(const QUrl &url)
{
    m_url->setText(url.toString());
    if (!url.isEmpty())
        m_token->setFocus();
}

void ConnectDialog::setMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

void ConnectDialog::setRememberAvailable(bool available, const QString &why)
{
    m_remember->setEnabled(available);
    m_remember->setChecked(available);
    m_remember->setToolTip(why);
    if (!available)
        m_remember->setText(tr("No keychain is reachable: the token will be asked at every start"));
}

} // namespace cs
