#pragma once

#include "domain/Action.h"

#include <QDateTime>
#include <QWidget>

#include <optional>

class QFormLayout;
class QLabel;
class QPushButton;
class QStackedWidget;
class QToolButton;
class QTreeWidget;

namespace cs {

// Shows one pending action whole: the command (CommandView: every line numbered, hidden
// characters as markers, secrets masked until revealed, how it runs), who initiated it and for
// whom, the target, the justification, the context as a tree and the digest, with a live
// countdown, and the Approve and Deny buttons. Approve stays disabled until the whole command has
// been on screen; a critical or production action, or Approve from the keyboard, asks once more.
// What it shows is what the decision is about: it emits the action as displayed, digest included.
class ActionReviewPane : public QWidget
{
    Q_OBJECT
public:
    explicit ActionReviewPane(QWidget *parent = nullptr);

    void showAction(const Action &action, const QDateTime &now);
    // The shown action's approvals changed while it waits for more (a quorum).
    void showApprovals(const QList<Approval> &approvals);
    // Who is looking: their own approval disables Approve and offers to withdraw it.
    void setViewer(const QString &approverId);
    void clear();
    const Action *shownAction() const { return m_action ? &*m_action : nullptr; }

    // Updates the countdown; past the deadline the buttons are disabled.
    void tick(const QDateTime &now);
    // The shown action left pending: say how, and disable the buttons.
    void markResolved(const QString &sentence);
    // The gateway refused the decision: say why; the approver may try again.
    void showRefusal(const QString &sentence);
    // While a decision is on its way, or the console is offline, the buttons are disabled.
    void setBusy(bool busy);
    void setOnline(bool online);

    // The keyboard's A and D: the same as the buttons, when they are enabled. A always confirms.
    void approveFromKeyboard();
    void denyFromKeyboard();
    bool mayApprove() const;
    bool mayDecide() const;
    // Tab from the queue lands here: on the command.
    void focusCommand();

Q_SIGNALS:
    void approveRequested(const cs::Action &action);
    void denyRequested(const cs::Action &action, const QString &reason);
    void withdrawRequested(const cs::Action &action);

private:
    void askDenyReason();
    void requestApprove(bool alwaysConfirm);
    void showCommand();
    void showQuorum();
    bool viewerApproved() const;
    void updateButtons();
    void setBanner(const QString &text, bool error);
    QLabel *addField(QFormLayout *form, const QString &label, const QString &objectName);

    std::optional<Action> m_action;
    bool m_resolved = false;
    bool m_expired = false;
    bool m_busy = false;
    bool m_online = false;
    bool m_revealed = false;
    QString m_viewer;
    int m_secretCount = 0;

    QStackedWidget *m_stack;
    QLabel *m_title;
    QLabel *m_productionBadge;
    QLabel *m_initiator;
    QLabel *m_onBehalfOf;
    QLabel *m_system;
    QLabel *m_resource;
    QLabel *m_environment;
    QLabel *m_created;
    QLabel *m_countdown;
    QLabel *m_quorum;
    QPushButton *m_withdraw;
    QLabel *m_commandHow;
    class CommandView *m_command;
    QLabel *m_secrets;
    QToolButton *m_reveal;
    QLabel *m_readHint;
    QLabel *m_justification;
    QTreeWidget *m_context;
    QLabel *m_contextLabel;
    QLabel *m_digest;
    QLabel *m_banner;
    QPushButton *m_approve;
    QPushButton *m_deny;
};

} // namespace cs
