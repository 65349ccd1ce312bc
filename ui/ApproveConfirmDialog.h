#pragma once

#include "domain/Action.h"

#include <QDialog>

namespace cs {

// "Approve db.export on postgres / customers (production)?": asked before a critical or
// production action is approved, and whenever Approve comes from the keyboard, so that one
// stray key press never signs. Enter confirms, Esc cancels; opened with open(), never exec().
class ApproveConfirmDialog : public QDialog
{
    Q_OBJECT
public:
    ApproveConfirmDialog(const Action &action, QWidget *parent = nullptr);

Q_SIGNALS:
    void confirmed();

protected:
    void showEvent(QShowEvent *event) override;

private:
    class QPushButton *m_approve;
};

} // namespace cs
