#pragma once

#include "domain/Action.h"

#include <QDateTime>
#include <QWidget>

#include <optional>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace cs {

// Shows one pending action whole: the command (monospace, wrapped, never cut), who initiated it
// and for whom, the target, the justification, the context and the digest, with a live
// countdown, and the Approve and Deny buttons. What it shows is what the decision is about:
// it emits the action as displayed, digest included.
class ActionReviewPane : public QWidget
{
    Q_OBJECT
public:
    explicit ActionReviewPane(QWidget *parent = nullptr);

    void showAction(const Action &action, const QDateTime &now);
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

Q_SIGNALS:
    void approveRequested(const cs::Action &action);
    void denyRequested(const cs::Action &action, const QString &reason);

private:
    void askDenyReason();
    void updateButtons();
    void setBanner(const QString &text, bool error);
    QLabel *addField(QFormLayout *form, const QString &label, const QString &objectName);

    std::optional<Action> m_action;
    bool m_resolved = false;
    bool m_expired = false;
    bool m_busy = false;
    bool m_online = false;

    QStackedWidget *m_stack;
    QLabel *m_title;
    QLabel *m_initiator;
    QLabel *m_onBehalfOf;
    QLabel *m_system;
    QLabel *m_resource;
    QLabel *m_environment;
    QLabel *m_created;
    QLabel *m_countdown;
    QPlainTextEdit *m_command;
    QLabel *m_justification;
    QPlainTextEdit *m_context;
    QLabel *m_contextLabel;
    QLabel *m_digest;
    QLabel *m_banner;
    QPushButton *m_approve;
    QPushButton *m_deny;
};

} // namespace cs
