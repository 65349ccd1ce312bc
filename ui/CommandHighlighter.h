#pragma once

#include <QList>
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace cs {

// Colours a command as the review pane shows it: shell operators, options, quoted strings,
// variables, SQL keywords, and what is dangerous (rm -rf, DROP, a download piped into a shell).
// The markers CommandDisplay puts in place of hidden characters, and masked secrets, are drawn
// as highlighted blocks that no text can imitate. Colours derive from the palette's base.
class CommandHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit CommandHighlighter(QTextDocument *document);

    // Re-derives the colours (the palette changed, e.g. to dark).
    void setPalette(const QPalette &palette);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule
    {
        QRegularExpression pattern;
        QTextCharFormat format;
    };
    QList<Rule> m_rules;
};

} // namespace cs
