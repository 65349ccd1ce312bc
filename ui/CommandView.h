#pragma once

#include <QPlainTextEdit>

namespace cs {

class CommandHighlighter;

// The command of the action under review, whole: read-only, monospace, wrapped, lines numbered in
// a gutter, highlighted. It knows whether every line of it has been on screen (it fits, or the
// approver scrolled to its end), which the pane requires before Approve is enabled.
class CommandView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit CommandView(QWidget *parent = nullptr);

    // `text` as CommandDisplay (and perhaps SecretMask) made it; starts unseen.
    void setCommand(const QString &text);
    bool wholeCommandSeen() const { return m_seen; }
    int gutterWidth() const;

Q_SIGNALS:
    void commandSeen();

protected:
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    friend class CommandGutter;
    void paintGutter(QPaintEvent *event);
    void updateGutterWidth();
    void checkSeen();

    QWidget *m_gutter;
    CommandHighlighter *m_highlighter;
    bool m_seen = false;
};

} // namespace cs
