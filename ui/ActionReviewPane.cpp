#include "ActionReviewPane.h"

#include "ApproveConfirmDialog.h"
#include "CommandView.h"
#include "DenyReasonDialog.h"
#include "PendingQueueModel.h"
#include "RiskStyle.h"
#include "domain/CommandDisplay.h"
#include "domain/SecretMask.h"
#include "json/Jcs.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

QString shownText(const QString &field)
{
    return CommandDisplay::escape(field, false);
}

void addJson(QTreeWidgetItem *parent, const QString &key, const QJsonValue &value)
{
    auto *item = new QTreeWidgetItem(parent, {key});
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            addJson(item, shownText(it.key()), it.value());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            addJson(item, u"[%1]"_s.arg(i), array.at(i));
    } else if (value.isString()) {
        item->setText(1, shownText(value.toString()));
    } else {
        // Numbers as the digest covers them (RFC 8785), not as QJsonDocument would print them.
        item->setText(1, value.isDouble() ? QString::fromLatin1(Jcs::formatNumber(value.toDouble()))
                                          : QString::fromLatin1(value.toBool()   ? "true"
                                                                : value.isNull() ? "null"
                                                                                 : "false"));
    }
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
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    m_productionBadge = new QLabel(tr("⚠ Production"), page);
    m_productionBadge->setObjectName(u"productionBadge"_s);
    m_productionBadge->setToolTip(tr("This action touches a production environment: approve with care."));
    titleRow->addWidget(m_productionBadge);
    layout->addLayout(titleRow);

    auto *form = new QFormLayout;
    m_initiator = addField(form, tr("Initiator"), u"initiatorLabel"_s);
    m_onBehalfOf = addField(form, tr("On behalf of"), u"onBehalfOfLabel"_s);
    m_system = addField(form, tr("System"), u"systemLabel"_s);
    m_resource = addField(form, tr("Resource"), u"resourceLabel"_s);
    m_environment = addField(form, tr("Environment"), u"environmentLabel"_s);
    m_created = addField(form, tr("Requested"), u"createdLabel"_s);
    m_countdown = addField(form, tr("Time left"), u"countdownLabel"_s);
    m_quorum = addField(form, tr("Approval"), u"quorumLabel"_s);
    m_quorum->setWordWrap(true);
    layout->addLayout(form);

    auto *commandHeader = new QHBoxLayout;
    auto *commandLabel = new QLabel(tr("Command"), page);
    QFont bold = commandLabel->font();
    bold.setBold(true);
    commandLabel->setFont(bold);
    commandHeader->addWidget(commandLabel);
    m_commandHow = new QLabel(page);
    m_commandHow->setObjectName(u"commandHowLabel"_s);
    m_commandHow->setWordWrap(true);
    commandHeader->addWidget(m_commandHow, 1);
    layout->addLayout(commandHeader);
    m_command = new CommandView(page);
    m_command->setObjectName(u"commandView"_s);
    m_command->setAccessibleName(tr("Command"));
    commandLabel->setBuddy(m_command);
    layout->addWidget(m_command, 3);

    auto *secretRow = new QHBoxLayout;
    m_secrets = new QLabel(page);
    m_secrets->setObjectName(u"secretsLabel"_s);
    m_secrets->setWordWrap(true);
    secretRow->addWidget(m_secrets, 1);
    m_reveal = new QToolButton(page);
    m_reveal->setObjectName(u"revealButton"_s);
    m_reveal->setCheckable(true);
    m_reveal->setText(tr("Reveal"));
    m_reveal->setToolTip(tr("Show the masked values on screen"));
    secretRow->addWidget(m_reveal);
    layout->addLayout(secretRow);
    m_readHint = new QLabel(page);
    m_readHint->setObjectName(u"readHint"_s);
    m_readHint->setWordWrap(true);
    layout->addWidget(m_readHint);

    layout->addWidget(new QLabel(tr("Justification"), page));
    m_justification = new QLabel(page);
    m_justification->setObjectName(u"justificationLabel"_s);
    m_justification->setWordWrap(true);
    m_justification->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_justification->setTextFormat(Qt::PlainText);
    layout->addWidget(m_justification);

    m_contextLabel = new QLabel(tr("Context"), page);
    layout->addWidget(m_contextLabel);
    m_context = new QTreeWidget(page);
    m_context->setObjectName(u"contextView"_s);
    m_context->setAccessibleName(tr("Context"));
    m_context->setHeaderLabels({tr("Field"), tr("Value")});
    m_context->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_context->setRootIsDecorated(true);
    m_contextLabel->setBuddy(m_context);
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
    m_deny = new QPushButton(tr("&Deny…"), page);
    m_deny->setObjectName(u"denyButton"_s);
    m_deny->setToolTip(tr("Deny this action with a reason (D)"));
    m_approve = new QPushButton(tr("&Approve…"), page);
    m_approve->setObjectName(u"approveButton"_s);
    m_approve->setToolTip(tr("Approve and sign this action (A)"));
    m_withdraw = new QPushButton(tr("&Withdraw my approval"), page);
    m_withdraw->setObjectName(u"withdrawButton"_s);
    m_withdraw->setToolTip(tr("Take back your approval while the action still waits for others"));
    m_withdraw->setVisible(false);
    buttons->addWidget(m_withdraw);
    buttons->addWidget(m_deny);
    buttons->addWidget(m_approve);
    layout->addLayout(buttons);
    m_stack->addWidget(page);

    for (QLabel *label : {m_initiator, m_onBehalfOf, m_system, m_resource, m_environment, m_created, m_quorum})
        label->setTextFormat(Qt::PlainText);

    connect(m_approve, &QPushButton::clicked, this, [this] { requestApprove(false); });
    connect(m_command, &CommandView::commandSeen, this, &ActionReviewPane::updateButtons);
    connect(m_reveal, &QToolButton::toggled, this, [this](bool revealed) {
        m_revealed = revealed;
        showCommand();
    });
    connect(m_deny, &QPushButton::clicked, this, &ActionReviewPane::askDenyReason);
    connect(m_withdraw, &QPushButton::clicked, this, [this] {
        if (m_action && mayDecide())
            Q_EMIT withdrawRequested(*m_action);
    });
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
    m_revealed = false;
    const ActionRequest &request = action.request;
    m_title->setText(tr("%1 · %2").arg(shownText(request.kind), PendingQueueModel::urgencyLabel(request.urgency)));
    QPalette titlePalette = palette();
    titlePalette.setColor(QPalette::WindowText, RiskStyle::urgencyColor(request.urgency, palette()));
    m_title->setPalette(titlePalette);
    m_initiator->setText(shownText(action.initiator));
    m_onBehalfOf->setText(request.onBehalfOf.isEmpty() ? tr("—") : shownText(request.onBehalfOf));
    m_system->setText(shownText(request.target.system));
    m_resource->setText(shownText(request.target.resource));
    const bool production = RiskStyle::isProduction(request.target.environment);
    m_environment->setText(shownText(request.target.environment));
    m_productionBadge->setVisible(production);
    QFont environmentFont = font();
    environmentFont.setBold(production);
    m_environment->setFont(environmentFont);
    QPalette environmentPalette = palette();
    if (production)
        environmentPalette.setColor(QPalette::WindowText, RiskStyle::productionColor(palette()));
    m_environment->setPalette(environmentPalette);
    m_productionBadge->setPalette(environmentPalette);
    m_productionBadge->setFont(environmentFont);
    m_created->setText(QLocale().toString(action.createdAt.toLocalTime(), QLocale::LongFormat));
    {
        QSignalBlocker blocker(m_reveal);
        m_reveal->setChecked(false);
    }
    showCommand();
    m_justification->setText(CommandDisplay::escape(request.justification));
    const bool hasContext = !request.context.isEmpty();
    m_context->clear();
    for (auto it = request.context.begin(); it != request.context.end(); ++it)
        addJson(m_context->invisibleRootItem(), shownText(it.key()), it.value());
    m_context->expandAll();
    m_context->setVisible(hasContext);
    m_contextLabel->setVisible(hasContext);
    m_digest->setText(action.digest);
    showQuorum();
    m_banner->clear();
    m_banner->setVisible(false);
    m_stack->setCurrentIndex(1);
    tick(now);
}

void ActionReviewPane::showCommand()
{
    if (!m_action)
        return;
    const CommandDisplay display = CommandDisplay::of(m_action->request);
    const QString masked = SecretMask::mask(display.text, &m_secretCount);
    // Revealed values may wrap onto new lines: the approver reads to the end again.
    m_command->setCommand(m_revealed ? display.text : masked);
    QString how = display.mode == CommandDisplay::Mode::Argv
                      ? tr("runs without a shell, as %n argument(s)", nullptr, display.argumentCount)
                      : tr("runs as one /bin/sh -c string");
    how += u" · "_s + tr("%n line(s)", nullptr, display.lineCount);
    if (display.markerCount > 0)
        how += u" · "_s + tr("%n hidden or control character(s) shown as ⟦…⟧", nullptr, display.markerCount);
    m_commandHow->setText(how);
    m_secrets->setText(m_revealed ? tr("%n value(s) that look like secrets are shown.", nullptr, m_secretCount)
                                  : tr("%n value(s) that look like secrets are masked as •••••••• on screen; the "
                                       "signature covers the original.",
                                       nullptr, m_secretCount));
    m_secrets->setVisible(m_secretCount > 0);
    m_reveal->setVisible(m_secretCount > 0);
    updateButtons();
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
    const bool wasExpired = m_expired;
    m_expired = left <= 0;
    m_countdown->setText(PendingQueueModel::formatTimeLeft(left));
    QPalette countdownPalette = palette();
    if (left < 60)
        countdownPalette.setColor(QPalette::WindowText, RiskStyle::urgencyColor(Urgency::Critical, palette()));
    m_countdown->setPalette(countdownPalette);
    QFont countdownFont = font();
    countdownFont.setBold(left < 60);
    m_countdown->setFont(countdownFont);
    if (m_expired && !wasExpired && !m_resolved)
        setBanner(tr("This action expired: it can no longer be decided."), true);
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
    QPalette bannerPalette = palette();
    if (error)
        bannerPalette.setColor(QPalette::WindowText, RiskStyle::urgencyColor(Urgency::Critical, palette()));
    m_banner->setPalette(bannerPalette);
    QFont bannerFont = font();
    bannerFont.setBold(error);
    m_banner->setFont(bannerFont);
    m_banner->setVisible(true);
}

bool ActionReviewPane::mayDecide() const
{
    return m_action && m_online && !m_resolved && !m_expired && !m_busy;
}

bool ActionReviewPane::mayApprove() const
{
    return mayDecide() && m_command->wholeCommandSeen() && !viewerApproved();
}

bool ActionReviewPane::viewerApproved() const
{
    return m_action && !m_viewer.isEmpty() && m_action->approvedBy(m_viewer);
}

void ActionReviewPane::setViewer(const QString &approverId)
{
    m_viewer = approverId;
    showQuorum();
    updateButtons();
}

void ActionReviewPane::showApprovals(const QList<Approval> &approvals)
{
    if (!m_action)
        return;
    m_action->approvals = approvals;
    showQuorum();
    updateButtons();
}

void ActionReviewPane::showQuorum()
{
    if (!m_action)
        return;
    // What the gateway's policy asks (rule and quorum) and how far the approvals are.
    const QString quorum = m_action->quorum().toString();
    QString text = m_action->policy ? tr("%1 (rule %2)").arg(quorum, shownText(m_action->policy->rule)) : quorum;
    if (m_action->policy && m_action->policy->hardwareKey)
        text += u" · "_s + tr("hardware key only");
    if (!m_action->approvals.isEmpty()) {
        const Quorum::Progress progress = m_action->approvalProgress();
        QStringList who;
        for (const Approval &approval : std::as_const(m_action->approvals))
            who.append(shownText(approval.approver));
        const QStringList open = progress.missing();
        text += u"\n"_s + tr("%1 of %2 approved (%3) — waiting for %4")
                              .arg(progress.have)
                              .arg(progress.needed)
                              .arg(who.join(u", "_s), open.join(tr(" and ")));
    }
    if (viewerApproved())
        text += u"\n"_s + tr("You approved this action; it waits for the others.");
    m_quorum->setText(text);
    m_withdraw->setVisible(viewerApproved());
}

void ActionReviewPane::updateButtons()
{
    m_approve->setEnabled(mayApprove());
    m_deny->setEnabled(mayDecide());
    m_withdraw->setEnabled(mayDecide());
    const bool unread = m_action && !m_command->wholeCommandSeen();
    m_readHint->setText(unread ? tr("Scroll to the end of the command to enable Approve: it has lines below.")
                               : QString());
    m_readHint->setVisible(unread);
}

void ActionReviewPane::focusCommand()
{
    if (m_action)
        m_command->setFocus(Qt::OtherFocusReason);
}

void ActionReviewPane::approveFromKeyboard()
{
    if (mayApprove())
        requestApprove(true);
}

void ActionReviewPane::denyFromKeyboard()
{
    if (mayDecide())
        askDenyReason();
}

void ActionReviewPane::requestApprove(bool alwaysConfirm)
{
    if (!mayApprove())
        return;
    const Action action = *m_action;
    const bool risky =
        action.request.urgency == Urgency::Critical || RiskStyle::isProduction(action.request.target.environment);
    if (!alwaysConfirm && !risky) {
        Q_EMIT approveRequested(action);
        return;
    }
    auto *dialog = new ApproveConfirmDialog(action, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ApproveConfirmDialog::confirmed, this, [this, action] {
        // The pane may have moved on while the dialog was open: approve only what was confirmed.
        if (m_action && m_action->id == action.id && mayApprove())
            Q_EMIT approveRequested(action);
    });
    dialog->open();
}

void ActionReviewPane::askDenyReason()
{
    if (!mayDecide())
        return;
    const Action action = *m_action;
    auto *dialog = new DenyReasonDialog(
        u"%1 (%2)"_s.arg(shownText(action.request.kind), shownText(action.request.target.resource)), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DenyReasonDialog::reasonGiven, this,
            [this, action](const QString &reason) { Q_EMIT denyRequested(action, reason); });
    dialog->open();
}

} // namespace cs
