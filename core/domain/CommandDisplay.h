#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace cs {

struct ActionRequest;

// What an approver reads of a command, so that what they see is what they sign: every character
// that would draw as nothing, as something else, or would move or reorder the text around it
// (C0/C1 controls, zero-width and bidirectional marks, embeddings, overrides and isolates, the
// byte order mark, other Unicode format characters, line and paragraph separators, spaces that
// are not U+0020, private-use and unassigned code points) is replaced by a visible marker such as
// ⟦U+202E RLO⟧. The marker's own bracket is escaped where the command holds it, so a marker can
// never be typed into a command. Newlines stay real line breaks: the console numbers the lines.
// The console's review pane, its queue and the CLI's pending/decide output all use this.
class CommandDisplay
{
public:
    static constexpr QChar kMarkerOpen = QChar(0x27E6);  // ⟦
    static constexpr QChar kMarkerClose = QChar(0x27E7); // ⟧

    enum class Mode { Shell, Argv };

    // The command as the pane shows it: argv words shell-quoted and joined, then escaped;
    // a shell string escaped. Newlines remain.
    QString text;
    Mode mode = Mode::Shell;
    int argumentCount = 0; // argv only
    int lineCount = 1;
    int markerCount = 0; // characters replaced by a marker

    static CommandDisplay of(const ActionRequest &request);

    // The marker that replaces `codePoint`, or nothing when it is shown as itself. A newline is
    // shown as itself only when `keepNewlines`.
    static std::optional<QString> markerFor(char32_t codePoint, bool keepNewlines = true);
    // `text` with every such character replaced; `count` receives how many were.
    static QString escape(QStringView text, bool keepNewlines = true, int *count = nullptr);
    // One line for a table cell, a tooltip or a notification: newlines become markers too.
    static QString singleLine(const ActionRequest &request);

    // "argv, 5 arguments, run without a shell" / "/bin/sh -c string, 41 lines": for the CLI.
    QString howItRuns() const;
    // The text with a right-aligned line number before each line, for a terminal.
    QString numberedLines() const;
};

} // namespace cs
