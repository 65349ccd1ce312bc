#include "CommandHighlighter.h"

#include "RiskStyle.h"

#include <QApplication>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace cs {

CommandHighlighter::CommandHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    setPalette(QApplication::palette());
}

void CommandHighlighter::setPalette(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const auto colour = [&](int hue, int saturation = 170) {
        QTextCharFormat format;
        format.setForeground(RiskStyle::readableOn(QColor::fromHsl(hue, saturation, 128), base));
        return format;
    };
    QTextCharFormat option = colour(210);
    QTextCharFormat string = colour(120, 140);
    QTextCharFormat variable = colour(180);
    QTextCharFormat keyword = colour(265);
    keyword.setFontWeight(QFont::Bold);
    QTextCharFormat shellOperator = keyword;
    QTextCharFormat danger = colour(0, 200);
    danger.setFontWeight(QFont::Bold);
    danger.setFontUnderline(true);
    QTextCharFormat secret;
    secret.setBackground(palette.color(QPalette::Mid));
    secret.setForeground(palette.color(QPalette::BrightText));
    secret.setFontItalic(true);
    QTextCharFormat marker;
    marker.setBackground(palette.color(QPalette::Highlight));
    marker.setForeground(palette.color(QPalette::HighlightedText));
    marker.setFontWeight(QFont::Bold);

    const auto ci = QRegularExpression::CaseInsensitiveOption;
    // Later rules paint over earlier ones: markers and secrets last, so nothing can recolour them.
    m_rules = {
        {QRegularExpression(u"(?:^|(?<=\\s))--?[A-Za-z][\\w.-]*"_s), option},
        {QRegularExpression(u"\\$\\{?[A-Za-z_][A-Za-z0-9_]*\\}?"_s), variable},
        {QRegularExpression(u"\\b(?:SELECT|INSERT|UPDATE|DELETE|DROP|TRUNCATE|ALTER|CREATE|GRANT|REVOKE|FROM|WHERE|"
                            "INTO|VALUES|SET|TABLE|DATABASE|SCHEMA|JOIN|VACUUM|COPY)\\b"_s,
                            ci),
         keyword},
        {QRegularExpression(u"\\|\\||&&|[|;&]|>>?|<<?|\\$\\(|`"_s), shellOperator},
        {QRegularExpression(u"'[^']*'?|\"(?:[^\"\\\\]|\\\\.)*\"?"_s), string},
        {QRegularExpression(u"\\brm\\s+-[A-Za-z]*[rRf][A-Za-z]*\\b|\\b(?:DROP|TRUNCATE)\\s+\\w+|\\bmkfs(?:\\.\\w+)?\\b|"
                            "\\bdd\\s+[^\\n]*\\bof=|\\b(?:curl|wget)\\b[^|\\n]*\\|\\s*(?:sudo\\s+)?(?:ba|z|k)?sh\\b|"
                            "--force\\b|-auto-approve\\b|\\bchmod\\s+-R\\s+777\\b"_s,
                            ci),
         danger},
        {QRegularExpression(u"•{8}"_s), secret},
        {QRegularExpression(u"⟦U\\+[0-9A-F]{4,6}(?: [A-Z]+)?⟧"_s), marker},
    };
    rehighlight();
}

void CommandHighlighter::highlightBlock(const QString &text)
{
    for (const Rule &rule : std::as_const(m_rules)) {
        auto matches = rule.pattern.globalMatch(text);
        while (matches.hasNext()) {
            const QRegularExpressionMatch match = matches.next();
            setFormat(int(match.capturedStart()), int(match.capturedLength()), rule.format);
        }
    }
}

} // namespace cs
