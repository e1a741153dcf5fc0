#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace mcppm {

// Extra HTTP headers a server wants on every request (an API key, a tenant
// id): profile "headers": {"Name": "value"}, mcp-poolctl --header 'Name: value'.
// Checked before anything is sent: the name is an RFC 9110 token, the value
// has no control characters (CR, LF, NUL, ...; tabs allowed), and headers the
// client itself owns are refused (framing, session, protocol version, proxy
// credentials, Accept/Content-Type, and Authorization when a token is set).
// Values may be secrets: errors name the header, never its value.
class CustomHeaders final
{
public:
    using List = QList<std::pair<QByteArray, QByteArray>>;

    // tokenSet: the server has a bearer token (then Authorization is ours).
    static bool check(const QString &name, const QString &value, bool tokenSet, QString *error);
    // "Name: value" (as curl -H writes it) into a checked pair.
    static bool parseLine(const QString &line, bool tokenSet,
                          std::pair<QByteArray, QByteArray> *out, QString *error);
    // Whether the list sets this header (case-insensitive name).
    static bool contains(const List &headers, const QByteArray &name);
};

} // namespace mcppm
