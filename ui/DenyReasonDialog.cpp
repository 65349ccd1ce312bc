#include "DenyReasonDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace cs {

DenyReasonDialog::DenyReasonDialog(const QString &actionSummary, QWidget *parent)
    : QDialog(parent), m_reason(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Deny action"));
    setObjectName(QStringLiteral("denyReasonDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(
        tr("Why do you deny %1? The agent and the audit log will see this reason.").arg(actionSummary), this);
    label->setWordWrap(true);
    layout->addWidget(label);
    m_reason->setObjectName(QStringLiteral("denyReason"));
    m_reason->setTabChangesFocus(true);
    layout->addWidget(m_reason);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_deny = buttons->addButton(tr("Deny"), QDialogButtonBox::AcceptRole);
    m_deny->setObjectName(QStringLiteral("confirmDenyButton"));
    m_deny->setEnabled(false);
    layout->addWidget(buttons);
    connect(m_reason, &QPlainTextEdit::textChanged, this, [this] { m_deny->setEnabled(!reason().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (reason().isEmpty())
            return;
        accept();
        Q_EMIT reasonGiven(reason());
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Enter makes a new line in the reason; Ctrl+Enter sends it, Esc cancels (QDialog's own).
    for (const QKeySequence &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *send = new QShortcut(keys, this);
        connect(send, &QShortcut::activated, m_deny, &QPushButton::click);
    }
    m_deny->setToolTip(tr("Send the denial (Ctrl+Enter)"));
    m_deny->setAutoDefault(false);
    m_reason->setFocus();
}

QString DenyReasonDialog::reason() const
{
    return m_reason->toPlainText().trimmed();
}

void DenyReasonDialog::setReason(const QString &reason)
{
    m_reason->setPlainText(reason);
}

} // namespace cs
