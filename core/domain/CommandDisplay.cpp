#include "CommandDisplay.h"

#include "Action.h"

#include <QChar>

using namespace Qt::StringLiterals;

namespace cs {

namespace {

// Short names an approver may recognise; every other escaped character shows its code point only.
QLatin1StringView shortName(char32_t codePoint)
{
    switch (codePoint) {
    case 0x00:
        return "NUL"_L1;
    case 0x07:
        return "BEL"_L1;
    case 0x08:
        return "BS"_L1;
    case 0x09:
        return "TAB"_L1;
    case 0x0A:
        return "LF"_L1;
    case 0x0B:
        return "VT"_L1;
    case 0x0C:
        return "FF"_L1;
    case 0x0D:
        return "CR"_L1;
    case 0x1B:
        return "ESC"_L1;
    case 0x7F:
        return "DEL"_L1;
    case 0x85:
        return "NEL"_L1;
    case 0xA0:
        return "NBSP"_L1;
    case 0xAD:
        return "SHY"_L1;
    case 0x061C:
        return "ALM"_L1;
    case 0x200B:
        return "ZWSP"_L1;
    case 0x200C:
        return "ZWNJ"_L1;
    case 0x200D:
        return "ZWJ"_L1;
    case 0x200E:
        return "LRM"_L1;
    case 0x200F:
        return "RLM"_L1;
    case 0x2028:
        return "LS"_L1;
    case 0x2029:
        return "PS"_L1;
    case 0x202A:
        return "LRE"_L1;
    case 0x202B:
        return "RLE"_L1;
    case 0x202C:
        return "PDF"_L1;
    case 0x202D:
        return "LRO"_L1;
    case 0x202E:
        return "RLO"_L1;
    case 0x2060:
        return "WJ"_L1;
    case 0x2066:
        return "LRI"_L1;
    case 0x2067:
        return "RLI"_L1;
    case 0x2068:
        return "FSI"_L1;
    case 0x2069:
        return "PDI"_L1;
    case 0xFEFF:
        return "BOM"_L1;
    default:
        return {};
    }
}

bool needsMarker(char32_t codePoint)
{
    if (codePoint == CommandDisplay::kMarkerOpen.unicode() || codePoint == CommandDisplay::kMarkerClose.unicode())
        return true;
    if (codePoint < 0x20 || (codePoint >= 0x7F && codePoint <= 0x9F))
        return true; // C0, DEL, C1
    if (codePoint < 0x7F)
        return false; // printable ASCII, the common case
    switch (QChar::category(codePoint)) {
    case QChar::Other_Control:
    case QChar::Other_Format:        // ZW*, LRM/RLM, embeddings, overrides, isolates, BOM, tags, SHY…
    case QChar::Other_Surrogate:     // never valid alone
    case QChar::Other_PrivateUse:    // drawn as whatever a font decides
    case QChar::Other_NotAssigned:   // drawn as nothing or as a box
    case QChar::Separator_Line:      // U+2028
    case QChar::Separator_Paragraph: // U+2029
    case QChar::Separator_Space:     // NBSP, en/em/thin spaces…: look like U+0020 and are not
        return true;
    default:
        break;
    }
    // Variation selectors and the Hangul fillers render as nothing and change no meaning a reader sees.
    return (codePoint >= 0xFE00 && codePoint <= 0xFE0F) || (codePoint >= 0xE0100 && codePoint <= 0xE01EF) ||
           codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xFFA0;
}

} // namespace

std::optional<QString> CommandDisplay::markerFor(char32_t codePoint, bool keepNewlines)
{
    if (codePoint == U'\n' && keepNewlines)
        return std::nullopt;
    if (!needsMarker(codePoint))
        return std::nullopt;
    QString marker = kMarkerOpen + u"U+"_s + QString::number(uint(codePoint), 16).toUpper().rightJustified(4, u'0');
    const QLatin1StringView name = shortName(codePoint);
    if (!name.isEmpty())
        marker += u' ' + QString(name);
    return marker + kMarkerClose;
}

QString CommandDisplay::escape(QStringView text, bool keepNewlines, int *count)
{
    QString out;
    out.reserve(text.size());
    int escaped = 0;
    for (qsizetype i = 0; i < text.size();) {
        char32_t codePoint = text.at(i).unicode();
        qsizetype width = 1;
        if (QChar::isHighSurrogate(codePoint) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            codePoint = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
            width = 2;
        }
        if (const auto marker = markerFor(codePoint, keepNewlines)) {
            out += *marker;
            ++escaped;
        } else {
            out += text.mid(i, width);
        }
        i += width;
    }
    if (count)
        *count = escaped;
    return out;
}

CommandDisplay CommandDisplay::of(const ActionRequest &request)
{
    CommandDisplay display;
    if (!request.argv.isEmpty()) {
        display.mode = Mode::Argv;
        display.argumentCount = int(request.argv.size());
        QStringList words;
        words.reserve(request.argv.size());
        for (const QString &word : request.argv)
            words.append(shellQuote(word));
        display.text = escape(words.join(u' '), true, &display.markerCount);
    } else {
        display.text = escape(request.command, true, &display.markerCount);
    }
    display.lineCount = int(display.text.count(u'\n')) + 1;
    return display;
}

QString CommandDisplay::singleLine(const ActionRequest &request)
{
    CommandDisplay display = of(request);
    return display.lineCount == 1 ? display.text : escape(display.text, false);
}

QString CommandDisplay::howItRuns() const
{
    const QString lines = lineCount == 1 ? u"1 line"_s : u"%1 lines"_s.arg(lineCount);
    QString how = mode == Mode::Argv ? u"argv, %1 %2, run without a shell, %3"_s.arg(argumentCount)
                                           .arg(argumentCount == 1 ? u"argument"_s : u"arguments"_s, lines)
                                     : u"/bin/sh -c string, %1"_s.arg(lines);
    if (markerCount > 0)
        how += u", %1 hidden or control %2 shown as %3…%4"_s.arg(markerCount)
                   .arg(markerCount == 1 ? u"character"_s : u"characters"_s, kMarkerOpen, kMarkerClose);
    return how;
}

QString CommandDisplay::numberedLines() const
{
    const QStringList lines = text.split(u'\n');
    const int width = int(QString::number(lines.size()).size());
    QString out;
    for (int i = 0; i < lines.size(); ++i) {
        if (i)
            out += u'\n';
        out += u"%1 │ "_s.arg(i + 1, width) + lines.at(i);
    }
    return out;
}

} // namespace cs
