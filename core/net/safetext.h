#pragma once

#include <QString>
#include <QStringView>

namespace mcppm {

// Text from a server (status line, error bodies, server info, tool names and
// descriptions, results) made safe to print on a terminal or show in a
// label: C0 control characters, DEL and C1 controls become \xHH, bidi
// embeddings/overrides/isolates/marks and line/paragraph separators become
// \u{HHHH}, so no server string can retitle, clear or reorder a terminal or a
// view. Everything else (letters of any script, emoji, backslashes) is kept.
class SafeText final
{
public:
    enum class Mode {
        SingleLine, // every control character escaped, newlines too
        MultiLine, // newline (LF) and tab kept, everything else as in SingleLine
    };

    static QString escape(QStringView text, Mode mode = Mode::SingleLine);
    // True if escape() would change nothing.
    static bool isSafe(QStringView text, Mode mode = Mode::SingleLine);

    // Server ids are printable: letters and digits of any script, spaces
    // inside (not at either end) and the punctuation - _ . : @ / + # ( ),
    // at most kMaxServerIdLength characters. False with a message (the id
    // escaped) otherwise.
    static constexpr int kMaxServerIdLength = 64;
    static QString serverIdPunctuation() { return QStringLiteral("-_.:@/+#()"); }
    static bool checkServerId(const QString &id, QString *error);
};

} // namespace mcppm
