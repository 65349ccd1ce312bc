#include "CommandView.h"

#include "WindowShortcuts.h"

#include "CommandHighlighter.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace cs {

// The line numbers beside the command; paints through its view.
class CommandGutter : public QWidget
{
public:
    explicit CommandGutter(CommandView *view) : QWidget(view), m_view(view) {}
    QSize sizeHint() const override { return {m_view->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_view->paintGutter(event); }

private:
    CommandView *m_view;
};

CommandView::CommandView(QWidget *parent)
    : QPlainTextEdit(parent), m_gutter(new CommandGutter(this)), m_highlighter(new CommandHighlighter(document()))
{
    setReadOnly(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setTabChangesFocus(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // wrapped: every character stays in view
    connect(this, &QPlainTextEdit::blockCountChanged, this, &CommandView::updateGutterWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &rect, int dy) {
        if (dy)
            m_gutter->scroll(0, dy);
        else
            m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    });
    // The keyboard's way to the end (Ctrl+End, Page Down) shows the last line whole, not cut.
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, [this] {
        if (textCursor().block() == document()->lastBlock())
            verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    });
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, &CommandView::checkSeen);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &CommandView::checkSeen);
    updateGutterWidth();
}

void CommandView::setCommand(const QString &text)
{
    m_seen = false;
    setPlainText(text);
    // The layout settles after this event; judge what is on screen then.
    QTimer::singleShot(0, this, &CommandView::checkSeen);
}

void CommandView::checkSeen()
{
    if (m_seen || !isVisible() || document()->isEmpty())
        return;
    // Seen means the last line's bottom edge is inside the viewport (wrapped lines included), the
    // way the approver sees it, whatever unit the scroll bar counts in.
    const QTextBlock last = document()->lastBlock();
    const QRectF lastLine = blockBoundingGeometry(last).translated(contentOffset());
    if (lastLine.bottom() > viewport()->height() + 0.5)
        return;
    m_seen = true;
    Q_EMIT commandSeen();
}

int CommandView::gutterWidth() const
{
    const int digits = int(QString::number(std::max(1, blockCount())).size());
    return 10 + fontMetrics().horizontalAdvance(u'9') * std::max(2, digits);
}

void CommandView::updateGutterWidth()
{
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

bool CommandView::event(QEvent *event)
{
    return leavePrintableKeysToWindowShortcuts(event) || QPlainTextEdit::event(event);
}

void CommandView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect area = contentsRect();
    m_gutter->setGeometry(QRect(area.left(), area.top(), gutterWidth(), area.height()));
    checkSeen();
}

void CommandView::showEvent(QShowEvent *event)
{
    QPlainTextEdit::showEvent(event);
    QTimer::singleShot(0, this, &CommandView::checkSeen);
}

void CommandView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_highlighter->setPalette(palette());
}

void CommandView::paintGutter(QPaintEvent *event)
{
    QPainter painter(m_gutter);
    painter.fillRect(event->rect(), palette().color(QPalette::AlternateBase));
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.setFont(font());
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    const int lineHeight = fontMetrics().height();
    while (block.isValid() && top <= event->rect().bottom()) {
        const int bottom = top + qRound(blockBoundingRect(block).height());
        if (block.isVisible() && bottom >= event->rect().top())
            painter.drawText(0, top, m_gutter->width() - 5, lineHeight, Qt::AlignRight,
                             QString::number(block.blockNumber() + 1));
        block = block.next();
        top = bottom;
    }
}

} // namespace cs
