#pragma once

#include "jsonrpc/mcperror.h"
#include "mcp/customheaders.h"
#include "net/tlstrust.h"
#include "net/version.h"

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>
#include <QString>
#include <QUrl>

namespace mcppm {
class Http1Client;
}

namespace mcppm {

class AuthHandler;
class TimerSource;

// What both HTTP transports are configured with.
struct HttpTransportOptions
{
    QUrl url; // the MCP endpoint
    QString authToken; // sent as a bearer token; never logged
    TlsTrust tls; // extra CAs and/or a pinned certificate (https only)
    // OAuth: gives the bearer token (instead of authToken) and handles 401/403
    // insufficient_scope by authorizing and resending. Not owned; may be null.
    AuthHandler *auth = nullptr;
    int maxAuthAttempts = 3; // authorizations per request before its refusal stands
    qint64 maxBodyBytes = 32 * 1024 * 1024; // per answer body or per SSE event
    int defaultRetryMs = 1000; // when a stream gave no retry: field
    int maxResumeAttempts = 5; // resumption GETs per request without progress
    int connectTimeoutMs = 10000; // legacy SSE: waiting for the endpoint event
    QString userAgent = QString::fromLatin1(kUserAgent);
    // "" (environment, then system), "none", or a proxy URL (see ProxySettings).
    QString proxy;
    CustomHeaders::List headers; // checked (CustomHeaders::check); sent on every request
    Http1Client *network = nullptr; // not owned; the transport makes one if null
    TimerSource *timers = nullptr; // not owned; the transport makes one if null
};

// Helpers shared by the HTTP transports (free functions, no state).
namespace http {

// "application/json" from "Application/JSON; charset=utf-8".
QByteArray mediaType(const QNetworkReply *reply);
int status(const QNetworkReply *reply);
// The URL without user info, query or fragment, fit for messages.
QString displayUrl(const QUrl &url);
bool sameOrigin(const QUrl &a, const QUrl &b);
// Retry-After as milliseconds (delta seconds or HTTP date), -1 if absent/unusable.
int retryAfterMs(const QNetworkReply *reply);
// A request with the headers every MCP HTTP request carries; method (GET,
// POST, DELETE) for the authorization headers (a DPoP proof names it).
QNetworkRequest makeRequest(const QUrl &url, const HttpTransportOptions &options,
                            const QByteArray &accept, const QByteArray &method);
// Turns a failed reply into an error value: TLS problems named, network
// failures in plain words, HTTP errors with status and a short body excerpt.
McpError replyError(const QNetworkReply *reply, const QByteArray &body,
                    const QList<QSslError> &sslErrors);

} // namespace http
} // namespace mcppm
