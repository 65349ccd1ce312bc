#pragma once

#include "ApproveConfirmDialog.h"

#include <QPalette>
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

// A dark palette as a dark desktop theme gives one, for the dark screenshots and contrast checks.
inline QPalette darkPalette()
{
    QPalette dark;
    const QColor text(0xe6, 0xe6, 0xe6);
    dark.setColor(QPalette::Window, QColor(0x20, 0x22, 0x25));
    dark.setColor(QPalette::Base, QColor(0x16, 0x18, 0x1b));
    dark.setColor(QPalette::AlternateBase, QColor(0x22, 0x25, 0x29));
    dark.setColor(QPalette::Text, text);
    dark.setColor(QPalette::WindowText, text);
    dark.setColor(QPalette::Button, QColor(0x2c, 0x2f, 0x33));
    dark.setColor(QPalette::ButtonText, text);
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xd6));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    dark.setColor(QPalette::Mid, QColor(0x44, 0x47, 0x4c));
    dark.setColor(QPalette::BrightText, Qt::white);
    dark.setColor(QPalette::ToolTipBase, QColor(0x2c, 0x2f, 0x33));
    dark.setColor(QPalette::ToolTipText, text);
    return dark;
}

} // namespace cs::test
