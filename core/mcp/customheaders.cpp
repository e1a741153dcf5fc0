#include "mcp/customheaders.h"

#include "net/httpsyntax.h"
#include <QStringList>

namespace mcppm {

namespace {
bool isTokenChar(QChar c)
{
    return c.unicode() <= 0x7e && HttpSyntax::isTokenChar(char(c.unicode()));
}

// For messages: control and non-ASCII characters as '?'.
QString printable(QString text)
{
    for (QChar &c : text) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            c = QLatin1Char('?');
    }
    return text;
}

const QStringList &ownedNames()
{
    static const QStringList names{QStringLiteral("host"),
                                   QStringLiteral("content-length"),
                                   QStringLiteral("transfer-encoding"),
                                   QStringLiteral("connection"),
                                   QStringLiteral("keep-alive"),
                                   QStringLiteral("te"),
                                   QStringLiteral("trailer"),
                                   QStringLiteral("upgrade"),
                                   QStringLiteral("expect"),
                                   QStringLiteral("proxy-authorization"),
                                   QStringLiteral("proxy-connection"),
                                   QStringLiteral("accept"),
                                   QStringLiteral("content-type"),
                                   QStringLiteral("mcp-session-id"),
                                   QStringLiteral("mcp-protocol-version"),
                                   QStringLiteral("last-event-id")};
    return names;
}
} // namespace

bool CustomHeaders::check(const QString &name, const QString &value, bool tokenSet, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (name.isEmpty())
        return fail(QStringLiteral("a header needs a name"));
    for (const QChar c : name) {
        if (!isTokenChar(c))
            return fail(QStringLiteral("header name \"%1\" may hold only letters, digits and "
                                       "!#$%&'*+-.^_`|~")
                            .arg(printable(name.left(40))));
    }
    const QString lower = name.toLower();
    if (ownedNames().contains(lower))
        return fail(
            QStringLiteral("header %1 is set by the client itself and cannot be given").arg(name));
    if (lower == QLatin1String("authorization") && tokenSet)
        return fail(QStringLiteral("header Authorization cannot be given together with a token"));
    for (const QChar c : value) {
        if ((c.unicode() < 0x20 && c != QLatin1Char('\t')) || c.unicode() == 0x7f)
            return fail(QStringLiteral("the value of header %1 holds a control character (CR, LF, "
                                       "NUL, ...)")
                            .arg(name));
    }
    return true;
}

bool CustomHeaders::parseLine(const QString &line, bool tokenSet,
                              std::pair<QByteArray, QByteArray> *out, QString *error)
{
    const qsizetype colon = line.indexOf(QLatin1Char(':'));
    if (colon <= 0) {
        if (error)
            *error = QStringLiteral("a header is given as 'Name: value'");
        return false;
    }
    const QString name = line.left(colon).trimmed();
    const QString value = line.mid(colon + 1).trimmed();
    if (!check(name, value, tokenSet, error))
        return false;
    *out = {name.toLatin1(), value.toUtf8()};
    return true;
}

bool CustomHeaders::contains(const List &headers, const QByteArray &name)
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace mcppm
