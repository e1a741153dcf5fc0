#pragma once

#include <QByteArrayView>

namespace mcppm {

// RFC 9110 grammar shared by the client, the listener, header checks and the
// WWW-Authenticate parser: one definition of a token.
class HttpSyntax final
{
public:
    // tchar: ALPHA / DIGIT / "!#$%&'*+-.^_`|~"
    static bool isTokenChar(char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || (c != 0 && QByteArrayView("!#$%&'*+-.^_`|~").contains(c));
    }
    // token: 1*tchar
    static bool isToken(QByteArrayView text)
    {
        if (text.isEmpty())
            return false;
        for (char c : text) {
            if (!isTokenChar(c))
                return false;
        }
        return true;
    }
};

} // namespace mcppm
