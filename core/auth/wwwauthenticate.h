#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace mcppm {

// One challenge of a WWW-Authenticate header (RFC 9110 §11.6.1), e.g.
//   Bearer resource_metadata="https://…/.well-known/oauth-protected-resource",
//          scope="files:read", error="insufficient_scope"
// Parameter names are lower-cased; quoted values unescaped.
struct AuthChallenge
{
    QString scheme; // as sent ("Bearer")
    QString token68; // the rare non-parameter form
    QHash<QString, QString> params;

    bool isBearer() const
    {
        return scheme.compare(QLatin1String("bearer"), Qt::CaseInsensitive) == 0;
    }
    QString param(const QString &name) const { return params.value(name.toLower()); }

    // Every challenge in the header; malformed parts are skipped, never fatal.
    static QList<AuthChallenge> parse(const QByteArray &header);
    // The first Bearer challenge, or an empty one.
    static AuthChallenge bearer(const QByteArray &header);
};

} // namespace mcppm
