#include "ActionReviewPane.h"

#include "DenyReasonDialog.h"
#include "PendingQueueModel.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

QPlainTextEdit *monospaceView(QWidget *parent, const QString &objectName)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(objectName);
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    view->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    return view;
}

} // namespace

ActionReviewPane::ActionReviewPane(QWidget *parent) : QWidget(parent), m_stack(new QStackedWidget(this))
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    auto *placeholder = new QLabel(tr("Select an action in the queue to review it."), m_stack);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setObjectName(u"reviewPlaceholder"_s);
    m_stack->addWidget(placeholder);

    auto *page = new QWidget(m_stack);
    auto *layout = new QVBoxLayout(page);
    m_title = new QLabel(page);
    m_title->setObjectName(u"reviewTitle"_s);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    auto *form = new QFormLayout;
    m_initiator = addField(form, tr("Initiator"), u"initiatorLabel"_s);
    m_onBehalfOf = addField(form, tr("On behalf of"), u"onBehalfOfLabel"_s);
    m_system = addField(form, tr("System"), u"systemLabel"_s);
    m_resource = addField(form, tr("Resource"), u"resourceLabel"_s);
    m_environment = addField(form, tr("Environment"), u"environmentLabel"_s);
    m_created = addField(form, tr("Requested"), u"createdLabel"_s);
    m_countdown = addField(form, tr("Time left"), u"countdownLabel"_s);
    layout->addLayout(form);

    layout->addWidget(new QLabel(tr("Command"), page));
    m_command = monospaceView(page, u"commandView"_s);
    layout->addWidget(m_command, 2);

    layout->addWidget(new QLabel(tr("Justification"), page));
    m_justification = new QLabel(page);
    m_justification->setObjectName(u"justificationLabel"_s);
    m_justification->setWordWrap(true);
    m_justification->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_justification->setTextFormat(Qt::PlainText);
    layout->addWidget(m_justification);

    m_contextLabel = new QLabel(tr("Context"), page);
    layout->addWidget(m_contextLabel);
    m_context = monospaceView(page, u"contextView"_s);
    layout->addWidget(m_context, 1);

    auto *digestRow = new QHBoxLayout;
    digestRow->addWidget(new QLabel(tr("Digest"), page));
    m_digest = new QLabel(page);
    m_digest->setObjectName(u"digestLabel"_s);
    m_digest->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_digest->setTextInteractionFlags(Qt::TextSelectableByMouse);
    digestRow->addWidget(m_digest, 1);
    layout->addLayout(digestRow);

    m_banner = new QLabel(page);
    m_banner->setObjectName(u"statusBanner"_s);
    m_banner->setWordWrap(true);
    m_banner->setVisible(false);
    layout->addWidget(m_banner);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    m_deny = new QPushButton(tr("Deny…"), page);
    m_deny->setObjectName(u"denyButton"_s);
    m_approve = new QPushButton(tr("Approve"), page);
    m_approve->setObjectName(u"approveButton"_s);
    buttons->addWidget(m_deny);
    buttons->addWidget(m_approve);
    layout->addLayout(buttons);
    m_stack->addWidget(page);

    for (QLabel *label : {m_initiator, m_onBehalfOf, m_system, m_resource, m_environment, m_created})
        label->setTextFormat(Qt::PlainText);

    connect(m_approve, &QPushButton::clicked, this, [this] {
        if (m_action)
            Q_EMIT approveRequested(*m_action);
    });
    connect(m_deny, &QPushButton::clicked, this, &ActionReviewPane::askDenyReason);
    clear();
}

QLabel *ActionReviewPane::addField(QFormLayout *form, const QString &label, const QString &objectName)
{
    auto *value = new QLabel(this);
    value->setObjectName(objectName);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    form->addRow(label, value);
    return value;
}

void ActionReviewPane::showAction(const Action &action, const QDateTime &now)
{
    m_action = action;
    m_resolved = false;
    m_busy = false;
    m_title->setText(tr("%1 · %2").arg(action.request.kind, PendingQueueModel::urgencyLabel(action.request.urgency)));
    m_initiator->setText(action.initiator);
    m_onBehalfOf->setText(action.request.onBehalfOf.isEmpty() ? tr("—") : action.request.onBehalfOf);
    m_system->setText(action.request.target.system);
    m_resource->setText(action.request.target.resource);
    m_environment->setText(action.request.target.environment);
    m_created->setText(QLocale().toString(action.createdAt.toLocalTime(), QLocale::LongFormat));
    m_command->setPlainText(action.displayCommand());
    m_justification->setText(action.request.justification);
    const bool hasContext = !action.request.context.isEmpty();
    m_context->setPlainText(hasContext ? QString::fromUtf8(QJsonDocument(action.request.context).toJson()) : QString());
    m_context->setVisible(hasContext);
    m_contextLabel->setVisible(hasContext);
    m_digest->setText(action.digest);
    m_banner->clear();
    m_banner->setVisible(false);
    m_stack->setCurrentIndex(1);
    tick(now);
}

void ActionReviewPane::clear()
{
    m_action.reset();
    m_stack->setCurrentIndex(0);
    updateButtons();
}

void ActionReviewPane::tick(const QDateTime &now)
{
    if (!m_action)
        return;
    const qint64 left = now.secsTo(m_action->expiresAt);
    m_expired = left <= 0;
    m_countdown->setText(PendingQueueModel::formatTimeLeft(left));
    updateButtons();
}

void ActionReviewPane::markResolved(const QString &sentence)
{
    m_resolved = true;
    m_busy = false;
    setBanner(sentence, false);
    updateButtons();
}

void ActionReviewPane::showRefusal(const QString &sentence)
{
    m_busy = false;
    setBanner(sentence, true);
    updateButtons();
}

void ActionReviewPane::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void ActionReviewPane::setOnline(bool online)
{
    m_online = online;
    updateButtons();
}

void ActionReviewPane::setBanner(const QString &text, bool error)
{
    m_banner->setText(text);
    m_banner->setStyleSheet(error ? u"QLabel { color: #b71c1c; font-weight: bold; }"_s : QString());
    m_banner->setVisible(true);
}

void ActionReviewPane::updateButtons()
{
    const bool enabled = m_action && m_online && !m_resolved && !m_expired && !m_busy;
    m_approve->setEnabled(enabled);
    m_deny->setEnabled(enabled);
}

void ActionReviewPane::askDenyReason()
{
    if (!m_action)
        return;
    const Action action = *m_action;
    auto *dialog = new DenyReasonDialog(u"%1 (%2)"_s.arg(action.request.kind, action.request.target.resource), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DenyReasonDialog::reasonGiven, this,
            [this, action](const QString &reason) { Q_EMIT denyRequested(action, reason); });
    dialog->open();
}

} // namespace cs
