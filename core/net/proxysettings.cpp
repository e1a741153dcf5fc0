#include "net/proxysettings.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QNetworkProxy>
#include <QRegularExpression>
#include <QStringList>

namespace mcppm {

namespace {
const QStringList &proxyVariables()
{
    static const QStringList names{QStringLiteral("http_proxy"),  QStringLiteral("HTTP_PROXY"),
                                   QStringLiteral("https_proxy"), QStringLiteral("HTTPS_PROXY"),
                                   QStringLiteral("all_proxy"),   QStringLiteral("ALL_PROXY")};
    return names;
}

QString firstSet(const QStringList &names, QString *variable)
{
    for (const QString &name : names) {
        const QString value = qEnvironmentVariable(name.toLatin1().constData()).trimmed();
        if (!value.isEmpty()) {
            if (variable)
                *variable = name;
            return value;
        }
    }
    return {};
}

QString noProxyList()
{
    return firstSet({QStringLiteral("no_proxy"), QStringLiteral("NO_PROXY")}, nullptr);
}

int defaultPort(const QUrl &url)
{
    return url.scheme() == QLatin1String("https") ? 443 : 80;
}

// The system's first answer for url's origin, asked at most once a minute per
// origin: with libproxy (Debian's Qt) a query can read desktop settings or run a PAC script.
QNetworkProxy systemProxy(const QUrl &url)
{
    struct Cached
    {
        QNetworkProxy proxy;
        QDeadlineTimer expires;
    };
    static QMutex mutex;
    static QHash<QString, Cached> cache;
    const QString key = url.scheme() + QLatin1Char('|') + url.host().toLower() + QLatin1Char('|')
        + QString::number(url.port(defaultPort(url)));
    {
        const QMutexLocker lock(&mutex);
        const auto it = cache.constFind(key);
        if (it != cache.cend() && !it->expires.hasExpired())
            return it->proxy;
    }
    QUrl query = url;
    query.setUserInfo({});
    query.setFragment({});
    const QList<QNetworkProxy> answer
        = QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(query));
    const QNetworkProxy proxy
        = answer.isEmpty() ? QNetworkProxy(QNetworkProxy::NoProxy) : answer.first();
    const QMutexLocker lock(&mutex);
    if (cache.size() > 1000)
        cache.clear();
    cache.insert(key, {proxy, QDeadlineTimer(60 * 1000)});
    return proxy;
}

bool isOverrideDirect(const QString &text)
{
    return text.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0
        || text.compare(QLatin1String("direct"), Qt::CaseInsensitive) == 0;
}

// One no_proxy entry against a host (lower case, no brackets, no trailing dot) and port.
bool entryMatches(QString entry, const QString &host, int port)
{
    if (entry == QLatin1String("*"))
        return true;
    int entryPort = -1;
    auto takePort = [&entryPort](const QString &text) {
        bool ok = false;
        const int p = text.toInt(&ok);
        entryPort = ok && p > 0 && p < 65536 ? p : 0; // 0: a bad port never matches
    };
    if (entry.startsWith(QLatin1Char('['))) {
        const qsizetype close = entry.indexOf(QLatin1Char(']'));
        if (close < 0)
            return false;
        const QString rest = entry.mid(close + 1);
        if (rest.startsWith(QLatin1Char(':')))
            takePort(rest.mid(1));
        else if (!rest.isEmpty() && !rest.startsWith(QLatin1Char('/')))
            return false;
        entry = entry.mid(1, close - 1) + (rest.startsWith(QLatin1Char('/')) ? rest : QString());
    } else if (entry.count(QLatin1Char(':')) == 1) {
        const qsizetype colon = entry.indexOf(QLatin1Char(':'));
        takePort(entry.mid(colon + 1));
        entry.truncate(colon);
    }
    if (entryPort == 0 || (entryPort > 0 && entryPort != port))
        return false;
    const QHostAddress target(host);
    if (entry.contains(QLatin1Char('/'))) {
        const std::pair<QHostAddress, int> subnet = QHostAddress::parseSubnet(entry);
        return !target.isNull() && !subnet.first.isNull() && target.isInSubnet(subnet);
    }
    const QHostAddress address(entry);
    if (!address.isNull())
        // ::ffff:10.0.0.1 is 10.0.0.1, but ::1 is not 127.0.0.1 (no "tolerant" localhost).
        return !target.isNull() && target.isEqual(address, QHostAddress::ConvertV4MappedToIPv4);
    // A name: leading and trailing dots do not count; sub-domains match.
    while (entry.startsWith(QLatin1Char('.')))
        entry.remove(0, 1);
    while (entry.endsWith(QLatin1Char('.')))
        entry.chop(1);
    if (entry.isEmpty())
        return false;
    return host == entry || host.endsWith(QLatin1Char('.') + entry);
}
} // namespace

QString ProxySettings::Proxy::display() const
{
    if (isDirect())
        return QStringLiteral("direct");
    const QString h
        = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return QStringLiteral("http://%1:%2").arg(h).arg(port);
}

QByteArray ProxySettings::Proxy::authorization() const
{
    if (!hasCredentials())
        return {};
    return "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

QString ProxySettings::Proxy::poolKey() const
{
    if (isDirect())
        return {};
    QString key = display();
    if (hasCredentials())
        key += QLatin1Char('#')
            + QString::fromLatin1(
                   QCryptographicHash::hash(authorization(), QCryptographicHash::Sha256)
                       .toHex()
                       .left(16));
    return key;
}

std::optional<ProxySettings::Proxy>
ProxySettings::parseProxyUrl(const QString &text, const QString &source, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(source, why);
        return std::optional<Proxy>();
    };
    QString t = text.trimmed();
    if (t.isEmpty())
        return fail(QStringLiteral("no proxy URL given"));
    if (!t.contains(QLatin1String("://")))
        t.prepend(QLatin1String("http://"));
    const QUrl url(t, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return fail(QStringLiteral("not a proxy URL (want http://[user:password@]host:port)"));
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return fail(QStringLiteral("https:// proxies are not supported (use an http:// proxy; "
                                   "https servers are reached through it with CONNECT)"));
    if (scheme.startsWith(QLatin1String("socks")))
        return fail(QStringLiteral("SOCKS proxies are not supported (only http:// proxies)"));
    if (scheme != QLatin1String("http"))
        return fail(QStringLiteral("unsupported proxy scheme \"%1\" (only http://)").arg(scheme));
    const int port = url.port(1080);
    if (port <= 0 || port > 65535)
        return fail(QStringLiteral("bad proxy port"));
    Proxy proxy;
    proxy.host = url.host().toLower();
    proxy.port = quint16(port);
    proxy.user = url.userName(QUrl::FullyDecoded);
    proxy.password = url.password(QUrl::FullyDecoded);
    return proxy;
}

bool ProxySettings::isValidOverride(const QString &text, QString *error)
{
    if (text.isEmpty() || isOverrideDirect(text))
        return true;
    return parseProxyUrl(text, QStringLiteral("proxy"), error).has_value();
}

bool ProxySettings::noProxyMatches(const QString &noProxy, const QUrl &url)
{
    QString host = url.host().toLower();
    while (host.endsWith(QLatin1Char('.')))
        host.chop(1);
    const int port = url.port(defaultPort(url));
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    const QStringList entries = noProxy.split(separators, Qt::SkipEmptyParts);
    for (const QString &entry : entries) {
        if (entryMatches(entry.toLower(), host, port))
            return true;
    }
    return false;
}

QString ProxySettings::environmentProxy(const QUrl &url, QString *variable)
{
    const bool https = url.scheme() == QLatin1String("https");
    QStringList names;
    if (https)
        names << QStringLiteral("https_proxy") << QStringLiteral("HTTPS_PROXY");
    else
        names << QStringLiteral("http_proxy") << QStringLiteral("HTTP_PROXY");
    names << QStringLiteral("all_proxy") << QStringLiteral("ALL_PROXY");
    return firstSet(names, variable);
}

std::optional<ProxySettings::Proxy> ProxySettings::proxyFor(const QUrl &url,
                                                            const QString &override, QString *error)
{
    if (isOverrideDirect(override))
        return Proxy();
    if (!override.isEmpty())
        return parseProxyUrl(override, QStringLiteral("proxy setting"), error);
    QString variable;
    const QString value = environmentProxy(url, &variable);
    if (!value.isEmpty()) {
        if (noProxyMatches(noProxyList(), url))
            return Proxy();
        return parseProxyUrl(value, variable, error);
    }
    // Any proxy variable set means the environment decides (here: direct), as in curl;
    // it also keeps Qt's Linux fallback from sending https through http_proxy.
    if (!firstSet(proxyVariables(), nullptr).isEmpty() || noProxyMatches(noProxyList(), url))
        return Proxy();
    const QNetworkProxy first = systemProxy(url);
    switch (first.type()) {
    case QNetworkProxy::HttpProxy:
    case QNetworkProxy::HttpCachingProxy: {
        Proxy proxy;
        proxy.host = first.hostName().toLower();
        proxy.port = first.port() > 0 ? first.port() : 1080;
        proxy.user = first.user();
        proxy.password = first.password();
        return proxy;
    }
    case QNetworkProxy::Socks5Proxy:
        if (error)
            *error = QStringLiteral("system proxy settings: SOCKS proxies are not supported "
                                    "(only http:// proxies)");
        return std::nullopt;
    default:
        return Proxy();
    }
}

} // namespace mcppm
