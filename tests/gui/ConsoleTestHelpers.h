#pragma once

#include "ApproveConfirmDialog.h"

#include <QPushButton>
#include <QTest>

namespace cs::test {

// Clicks Approve in the review pane of `window`, and confirms when the console asks (a critical or
// production action): what an approver does with the mouse.
inline bool clickApprove(QWidget *window)
{
    auto *approve = window->findChild<QPushButton *>(QStringLiteral("approveButton"));
    if (!approve || !QTest::qWaitFor([approve] { return approve->isEnabled(); }))
        return false;
    QTest::mouseClick(approve, Qt::LeftButton);
    ApproveConfirmDialog *dialog = nullptr;
    const bool asked = QTest::qWaitFor(
        [&] { return (dialog = window->findChild<ApproveConfirmDialog *>()) && dialog->isVisible(); }, 300);
    if (asked)
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("confirmApproveButton")), Qt::LeftButton);
    return true;
}

} // namespace cs::test
