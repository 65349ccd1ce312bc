#include "SigningPrompt.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cs {

SigningPrompt::SigningPrompt(QWidget *parent)
    : QDialog(parent), m_message(new QLabel(this)), m_pin(new QLineEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"signingPrompt"_s);
    setWindowTitle(tr("Sign the decision"));
    setModal(true);
    m_message->setObjectName(u"signingMessage"_s);
    m_message->setWordWrap(true);
    m_pin->setObjectName(u"pinEdit"_s);
    m_pin->setEchoMode(QLineEdit::Password);
    m_pin->setAccessibleName(tr("PIN"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(u"pinOkButton"_s);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"signingCancelButton"_s);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_pin);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        const QString pin = m_pin->text();
        m_pin->clear(); // the PIN lives only as long as this call
        Q_EMIT pinEntered(pin);
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, [this] {
        m_pin->clear();
        Q_EMIT cancelRequested();
    });
}

void SigningPrompt::setMode(Mode mode, const QString &keyDescription)
{
    m_mode = mode;
    const bool pin = mode == Mode::Pin;
    m_pin->setVisible(pin);
    m_buttons->button(QDialogButtonBox::Ok)->setVisible(pin);
    switch (mode) {
    case Mode::Pin:
        m_message->setText(tr("Enter the PIN of %1 to sign this decision.").arg(keyDescription));
        m_pin->setFocus();
        break;
    case Mode::Touch:
        m_message->setText(tr("Touch your security key to sign this decision."));
        break;
    case Mode::Working:
        m_message->setText(tr("Signing with %1…").arg(keyDescription));
        break;
    }
}

QString SigningPrompt::pin() const
{
    return m_pin->text();
}

void SigningPrompt::setPin(const QString &pin)
{
    m_pin->setText(pin);
}

} // namespace cs
