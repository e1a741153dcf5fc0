#include "jsonrpc/jsonwriter.h"

#include <QCborValue>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace mcppm {

namespace {
char hexDigit(uint v)
{
    return char(v < 10 ? '0' + v : 'a' + v - 10);
}

// One character outside ASCII at p (a surrogate pair counts as one) as UTF-8; a lone
// surrogate, which UTF-8 cannot carry, as a \uXXXX escape, as Qt writes it.
void appendNonAscii(QByteArray &out, const char16_t *&p, const char16_t *end)
{
    const char16_t c = *p++;
    char bytes[4];
    qsizetype n = 0;
    if (c < 0x800) {
        bytes[n++] = char(0xc0 | (c >> 6));
        bytes[n++] = char(0x80 | (c & 0x3f));
    } else if (QChar::isHighSurrogate(c) && p < end && QChar::isLowSurrogate(*p)) {
        const char32_t u = QChar::surrogateToUcs4(c, *p++);
        bytes[n++] = char(0xf0 | (u >> 18));
        bytes[n++] = char(0x80 | ((u >> 12) & 0x3f));
        bytes[n++] = char(0x80 | ((u >> 6) & 0x3f));
        bytes[n++] = char(0x80 | (u & 0x3f));
    } else if (QChar::isSurrogate(c)) {
        const char escape[] = {'\\',
                               'u',
                               hexDigit(c >> 12),
                               hexDigit((c >> 8) & 0xf),
                               hexDigit((c >> 4) & 0xf),
                               hexDigit(c & 0xf)};
        out.append(escape, sizeof escape);
        return;
    } else {
        bytes[n++] = char(0xe0 | (c >> 12));
        bytes[n++] = char(0x80 | ((c >> 6) & 0x3f));
        bytes[n++] = char(0x80 | (c & 0x3f));
    }
    out.append(bytes, n);
}

void appendNumber(QByteArray &out, const QJsonValue &value)
{
    // Qt keeps whole numbers that came in as integers as integers, and writes them so;
    // doubles get the shortest text that reads back the same, non-finite ones null.
    const QCborValue cbor = QCborValue::fromJsonValue(value);
    if (cbor.isInteger()) {
        out += QByteArray::number(cbor.toInteger());
        return;
    }
    const double d = value.toDouble();
    if (std::isfinite(d))
        out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
    else
        out += "null";
}
} // namespace

void JsonWriter::appendString(QByteArray &out, QStringView text)
{
    out += '"';
    const char16_t *p = text.utf16();
    const char16_t *const end = p + text.size();
    while (p < end) {
        // A run of printable ASCII without quote or backslash: copied as it is.
        const char16_t *run = p;
        while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
            ++p;
        if (p > run) {
            const qsizetype n = p - run;
            const qsizetype at = out.size();
            out.resize(at + n);
            char *dst = out.data() + at;
            for (qsizetype i = 0; i < n; ++i)
                dst[i] = char(run[i]);
        }
        if (p == end)
            break;
        const char16_t c = *p;
        if (c >= 0x80) {
            appendNonAscii(out, p, end);
            continue;
        }
        ++p;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default: {
            const char escape[] = {'\\', 'u', '0', '0', hexDigit(c >> 4), hexDigit(c & 0xf)};
            out.append(escape, sizeof escape);
        }
        }
    }
    out += '"';
}

void JsonWriter::append(QByteArray &out, const QJsonObject &object)
{
    out += '{';
    bool first = true;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!first)
            out += ',';
        first = false;
        appendString(out, it.key());
        out += ':';
        append(out, it.value());
    }
    out += '}';
}

void JsonWriter::append(QByteArray &out, const QJsonArray &array)
{
    out += '[';
    bool first = true;
    for (const QJsonValue &v : array) {
        if (!first)
            out += ',';
        first = false;
        append(out, v);
    }
    out += ']';
}

void JsonWriter::append(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        break;
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double:
        appendNumber(out, value);
        break;
    case QJsonValue::String:
        appendString(out, value.toString());
        break;
    case QJsonValue::Array:
        append(out, value.toArray());
        break;
    case QJsonValue::Object:
        append(out, value.toObject());
        break;
    }
}

QByteArray JsonWriter::toBytes(const QJsonValue &value)
{
    QByteArray out;
    out.reserve(256);
    append(out, value);
    return out;
}

} // namespace mcppm
