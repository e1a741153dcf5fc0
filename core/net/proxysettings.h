#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <optional>

namespace mcppm {

// Which HTTP proxy (if any) a request to a URL goes through, decided like curl:
//  1. a per-server override: "none" (or "direct") = no proxy, or a proxy URL;
//  2. else the environment: http_proxy for http:// URLs, https_proxy for
//     https:// ones, all_proxy for both when those are unset; each also in upper
//     case (HTTP_PROXY, ...), the lower-case one winning when both are set.
//     no_proxy/NO_PROXY (lower case wins) lists what goes direct;
//  3. else, only when none of those proxy variables is set, the system's
//     settings as Qt reads them (QNetworkProxyFactory::systemProxyForQuery:
//     macOS and Windows settings; on Linux libproxy where Qt was built with it,
//     as Debian's is: GNOME/KDE settings, PAC; without it only the environment).
//     Asked once a minute per origin at most.
// Proxy URLs: [http://][user:password@]host[:port] (port 1080 when left out,
// as curl); https:// and socks proxies are refused with a clear error.
// Credentials never appear in display() or in any error text.
class ProxySettings final
{
public:
    // A proxy to go through; isDirect() when there is none.
    struct Proxy
    {
        QString host; // empty: direct
        quint16 port = 0;
        QString user; // percent-decoded
        QString password;

        bool isDirect() const { return host.isEmpty(); }
        bool hasCredentials() const { return !user.isEmpty() || !password.isEmpty(); }
        // "http://host:port", never the credentials.
        QString display() const;
        // The Proxy-Authorization value ("Basic ..."), empty without credentials.
        QByteArray authorization() const;
        // Tells connections apart: host, port and a hash of the credentials.
        QString poolKey() const;
    };

    // Parses a proxy URL (see above). The error names the source, never a secret.
    static std::optional<Proxy> parseProxyUrl(const QString &text, const QString &source,
                                              QString *error);
    // Checks an override as a profile or the command line gives it: "" (none given),
    // "none", "direct", or a proxy URL.
    static bool isValidOverride(const QString &text, QString *error);
    // The proxy for url. override: "" (environment, then system), "none"/"direct",
    // or a proxy URL. nullopt with an error when the chosen setting is unusable.
    static std::optional<Proxy> proxyFor(const QUrl &url, const QString &override, QString *error);
    // Whether a no_proxy list exempts url: "*", host names and domain suffixes
    // ("example.com" and ".example.com" both match example.com and its
    // sub-domains), IPv4/IPv6 literals and CIDR ranges (matched against IP
    // literals in the URL only; names are not resolved), each optionally with
    // ":port" (that port only; curl ignores ports, we honour them).
    static bool noProxyMatches(const QString &noProxy, const QUrl &url);
    // The environment variable deciding url's proxy, and its value ("" if none).
    static QString environmentProxy(const QUrl &url, QString *variable);
};

} // namespace mcppm
