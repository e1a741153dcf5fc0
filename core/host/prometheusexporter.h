#pragma once

#include <QByteArray>
#include <QString>

namespace mcppm {

class ServerPool;
struct HttpListenerStats;
struct EndpointStats;

// The pool in the Prometheus text exposition format (version 0.0.4): server
// status and in-flight calls, requests and errors by kind (per server and per
// tool), request duration histograms, queue depth, task outcomes, retries and
// failovers. Names follow Prometheus conventions (mcppm_ prefix, _total
// counters, base unit seconds); label values are escaped.
class PrometheusExporter final
{
public:
    static QByteArray render(const ServerPool &pool);
    // The same, then the listener that serves it (mcppm_listener_...: open
    // connections, accepted, refused over the cap, timed out, accept errors).
    static QByteArray render(const ServerPool &pool, const HttpListenerStats &listener);
    static QByteArray renderListener(const HttpListenerStats &listener);
    // The pool's MCP endpoint: requests by downstream client and by method,
    // errors, cancels, active requests, sessions, streams, refusals
    // (mcppm_endpoint_...), and its listener (mcppm_endpoint_listener_...).
    static QByteArray renderEndpoint(const EndpointStats &endpoint);
    static QString escapeLabel(const QString &value);
    static constexpr const char *contentType()
    {
        return "text/plain; version=0.0.4; charset=utf-8";
    }
};

} // namespace mcppm
