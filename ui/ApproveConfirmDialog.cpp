#include "ApproveConfirmDialog.h"

#include "PendingQueueModel.h"
#include "RiskStyle.h"
#include "domain/CommandDisplay.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cs {

ApproveConfirmDialog::ApproveConfirmDialog(const Action &action, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Approve action"));
    setObjectName(u"approveConfirmDialog"_s);
    const ActionRequest &request = action.request;
    const auto text = [](const QString &field) { return CommandDisplay::escape(field, false).toHtmlEscaped(); };
    auto *layout = new QVBoxLayout(this);
    auto *question = new QLabel(this);
    question->setObjectName(u"approveQuestion"_s);
    question->setTextFormat(Qt::RichText);
    question->setWordWrap(true);
    QString environment = text(request.target.environment);
    if (RiskStyle::isProduction(request.target.environment))
        environment = u"<b>%1</b>"_s.arg(environment);
    question->setText(tr("Approve <b>%1</b> on <b>%2 / %3</b> (%4), urgency %5, requested by %6?")
                          .arg(text(request.kind), text(request.target.system), text(request.target.resource),
                               environment, PendingQueueModel::urgencyLabel(request.urgency).toLower(),
                               text(action.initiator)));
    layout->addWidget(question);
    auto *note = new QLabel(tr("Your key signs the command exactly as the review pane shows it."), this);
    note->setWordWrap(true);
    layout->addWidget(note);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_approve = buttons->addButton(tr("Approve"), QDialogButtonBox::AcceptRole);
    m_approve->setObjectName(u"confirmApproveButton"_s);
    m_approve->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        accept();
        Q_EMIT confirmed();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ApproveConfirmDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    // Enter confirms: the focus starts on Approve, not on the first button of the box (Cancel).
    m_approve->setFocus(Qt::OtherFocusReason);
}

} // namespace cs
