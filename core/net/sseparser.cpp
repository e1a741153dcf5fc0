#include "net/sseparser.h"

#include <QStringDecoder>

#include <limits>

namespace mcppm {

namespace {
// UTF-8 as it is: a U+FEFF inside a field is data (only the one at the very
// start of the stream is a BOM, and feed() drops that one itself).
QString utf8(const QByteArray &bytes)
{
    // Stateless: a cut-off sequence at the end becomes U+FFFD, not nothing.
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringDecoder::Flag::ConvertInitialBom
                               | QStringDecoder::Flag::Stateless);
    return decoder.decode(bytes);
}
} // namespace

QList<SseEvent> SseParser::feed(const QByteArray &chunk)
{
    QList<SseEvent> out;
    qsizetype i = 0;
    const qsizetype n = chunk.size();
    while (i < n) {
        const char c = chunk.at(i);
        if (m_lastWasCr) {
            m_lastWasCr = false;
            if (c == '\n') {
                ++i;
                continue;
            }
        }
        if (c == '\r' || c == '\n') {
            m_lastWasCr = (c == '\r');
            processLine(m_line, out);
            m_line.clear();
            ++i;
            continue;
        }
        // Copy the run of ordinary bytes up to the next line break in one go.
        qsizetype j = i;
        while (j < n && chunk.at(j) != '\r' && chunk.at(j) != '\n')
            ++j;
        m_line.append(chunk.constData() + i, j - i);
        i = j;
        if (m_atStreamStart && m_line.size() >= 3) {
            if (m_line.startsWith("\xEF\xBB\xBF"))
                m_line.remove(0, 3);
            m_atStreamStart = false;
        }
    }
    return out;
}

void SseParser::finish()
{
    m_line.clear();
    m_data.clear();
    m_eventType.clear();
    m_hasData = false;
    m_lastWasCr = false;
}

void SseParser::reset()
{
    *this = SseParser();
}

void SseParser::processLine(const QByteArray &rawLine, QList<SseEvent> &out)
{
    QByteArray line = rawLine;
    if (m_atStreamStart) {
        if (line.startsWith("\xEF\xBB\xBF"))
            line.remove(0, 3);
        m_atStreamStart = false;
    }
    if (line.isEmpty()) {
        dispatch(out);
        return;
    }
    if (line.startsWith(':'))
        return; // comment
    QByteArray field;
    QByteArray value;
    const qsizetype colon = line.indexOf(':');
    if (colon < 0) {
        field = line;
    } else {
        field = line.left(colon);
        value = line.mid(colon + 1);
        if (value.startsWith(' '))
            value.remove(0, 1);
    }
    if (field == "event") {
        m_eventType = utf8(value);
    } else if (field == "data") {
        m_data += value;
        m_data += '\n';
        m_hasData = true;
    } else if (field == "id") {
        if (!value.contains('\0')) {
            m_lastEventId = utf8(value);
            m_sawEventId = true;
        }
    } else if (field == "retry") {
        bool digitsOnly = !value.isEmpty();
        for (char ch : std::as_const(value))
            digitsOnly = digitsOnly && ch >= '0' && ch <= '9';
        if (digitsOnly) {
            bool ok = false;
            const qlonglong ms = value.toLongLong(&ok);
            m_retryMs = (ok && ms <= std::numeric_limits<int>::max())
                ? int(ms)
                : std::numeric_limits<int>::max();
        }
    }
    // Any other field is ignored.
}

void SseParser::dispatch(QList<SseEvent> &out)
{
    if (m_data.endsWith('\n'))
        m_data.chop(1);
    // An event without data (or only empty data lines, as in MCP's priming
    // events "id: 1\ndata:\n\n") is not dispatched; its id was kept above.
    if (!m_hasData || m_data.isEmpty()) {
        m_data.clear();
        m_eventType.clear();
        m_hasData = false;
        return;
    }
    SseEvent event;
    event.type = m_eventType.isEmpty() ? QStringLiteral("message") : m_eventType;
    event.data = utf8(m_data);
    event.id = m_lastEventId;
    event.hasId = m_sawEventId;
    out.append(event);
    m_data.clear();
    m_eventType.clear();
    m_hasData = false;
}

} // namespace mcppm
