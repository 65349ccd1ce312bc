#pragma once

#include <QDialog>

class QPlainTextEdit;
class QPushButton;

namespace cs {

// Asks why an action is denied. Opened with open() (window-modal, no nested event loop);
// reasonGiven() fires when the approver confirms with a non-empty reason.
class DenyReasonDialog : public QDialog
{
    Q_OBJECT
public:
    explicit DenyReasonDialog(const QString &actionSummary, QWidget *parent = nullptr);

    QString reason() const;
    void setReason(const QString &reason);

Q_SIGNALS:
    void reasonGiven(const QString &reason);

private:
    QPlainTextEdit *m_reason;
    QPushButton *m_deny;
};

} // namespace cs
