#include "auth/wwwauthenticate.h"

#include "net/httpsyntax.h"
namespace mcppm {

namespace {
bool isTokenChar(char c)
{
    return HttpSyntax::isTokenChar(c);
}
bool isToken68Char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || QByteArrayView("-._~+/").contains(c);
}

class Reader
{
public:
    explicit Reader(const QByteArray &text)
        : m_text(text)
    { }
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text.at(m_pos); }
    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t'))
            ++m_pos;
    }
    void skipSeparators()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == ','))
            ++m_pos;
    }
    QByteArray token()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isTokenChar(peek()))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }
    // A quoted-string after its opening quote; false when unterminated.
    bool quoted(QByteArray *out)
    {
        ++m_pos; // the opening quote
        while (!atEnd()) {
            const char c = m_text.at(m_pos++);
            if (c == '"')
                return true;
            if (c == '\\' && !atEnd())
                out->append(m_text.at(m_pos++));
            else
                out->append(c);
        }
        return false;
    }
    qsizetype pos() const { return m_pos; }
    void setPos(qsizetype pos) { m_pos = pos; }
    void skipToComma()
    {
        while (!atEnd() && peek() != ',')
            ++m_pos;
    }

private:
    const QByteArray &m_text;
    qsizetype m_pos = 0;
};
} // namespace

QList<AuthChallenge> AuthChallenge::parse(const QByteArray &header)
{
    QList<AuthChallenge> out;
    Reader r(header);
    AuthChallenge *current = nullptr;
    int guard = 0;
    while (!r.atEnd() && ++guard < 10000) {
        r.skipSeparators();
        if (r.atEnd())
            break;
        const qsizetype start = r.pos();
        const QByteArray name = r.token();
        if (name.isEmpty()) {
            r.setPos(start + 1); // not a token: skip the character
            continue;
        }
        r.skipSpace();
        if (r.peek() == '=' && current) {
            // auth-param: name = token / quoted-string
            r.setPos(r.pos() + 1);
            r.skipSpace();
            QByteArray value;
            if (r.peek() == '"') {
                if (!r.quoted(&value))
                    break; // unterminated: the rest is unusable
            } else {
                value = r.token();
            }
            current->params.insert(QString::fromLatin1(name).toLower(), QString::fromUtf8(value));
            r.skipSpace();
            if (!r.atEnd() && r.peek() != ',')
                r.skipToComma();
            continue;
        }
        // A new challenge: auth-scheme [ 1*SP ( token68 / #auth-param ) ]
        out.append(AuthChallenge());
        current = &out.last();
        current->scheme = QString::fromLatin1(name);
        r.skipSpace();
        // token68 form: chars then optional '=' padding, followed by end or comma.
        const qsizetype after = r.pos();
        qsizetype p = after;
        while (p < header.size() && isToken68Char(header.at(p)))
            ++p;
        qsizetype q = p;
        while (q < header.size() && header.at(q) == '=')
            ++q;
        qsizetype end = q;
        while (end < header.size() && (header.at(end) == ' ' || header.at(end) == '\t'))
            ++end;
        if (p > after && q > p && (end >= header.size() || header.at(end) == ',')) {
            current->token68 = QString::fromLatin1(header.mid(after, q - after));
            r.setPos(end);
        } else if (p > after && q == p && (end >= header.size() || header.at(end) == ',')
                   && !header.mid(after, p - after).contains('=')) {
            // A bare token: token68 without padding, unless the next thing is a parameter.
            qsizetype look = p;
            while (look < header.size() && (header.at(look) == ' ' || header.at(look) == '\t'))
                ++look;
            if (look >= header.size() || header.at(look) == ',') {
                current->token68 = QString::fromLatin1(header.mid(after, p - after));
                r.setPos(end);
            }
        }
    }
    return out;
}

AuthChallenge AuthChallenge::bearer(const QByteArray &header)
{
    const QList<AuthChallenge> all = parse(header);
    for (const AuthChallenge &c : all) {
        if (c.isBearer())
            return c;
    }
    return {};
}

} // namespace mcppm
