#include "auth/authorizationresponse.h"

#include <QUrlQuery>

namespace mcppm {

AuthorizationResponse AuthorizationResponse::fromRedirect(const QUrl &to)
{
    // The query is application/x-www-form-urlencoded: '+' is a space.
    QString query = to.query(QUrl::FullyEncoded);
    query.replace(QLatin1Char('+'), QStringLiteral("%20"));
    const QUrlQuery items(query);
    auto item = [&items](const char *name) {
        return items.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
    };
    AuthorizationResponse r;
    r.code = item("code");
    r.state = item("state");
    r.error = item("error");
    r.errorDescription = item("error_description");
    r.hasIss = items.hasQueryItem(QStringLiteral("iss"));
    r.iss = item("iss");
    return r;
}

QString AuthorizationResponse::checkIssuer(const AuthorizationResponse &response,
                                           const QString &recordedIssuer, bool issRequired)
{
    if (recordedIssuer.isEmpty())
        return {};
    if (!response.hasIss) {
        if (!issRequired)
            return {};
        return QStringLiteral("the answer carries no \"iss\", although the authorization server "
                              "%1 says it always sends one (RFC 9207); not using it")
            .arg(recordedIssuer.left(200));
    }
    if (response.iss == recordedIssuer)
        return {};
    return QStringLiteral("the answer comes from issuer \"%1\", not \"%2\" (RFC 9207: a mix-up "
                          "or a forged redirect); not using it")
        .arg(response.iss.left(200), recordedIssuer.left(200));
}

} // namespace mcppm
