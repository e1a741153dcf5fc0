#include "mcp/httpresources.h"

#include "mcp/httpsupport.h"
#include "net/timersource.h"

#include "net/http1client.h"

namespace mcppm {

HttpResources::HttpResources(const HttpTransportOptions &options)
    : m_network(options.network)
    , m_timers(options.timers)
{
    if (!m_network) {
        m_ownNetwork = std::make_unique<Http1Client>();
        m_network = m_ownNetwork.get();
    }
    if (!m_timers) {
        m_ownTimers = std::make_unique<SystemTimerSource>();
        m_timers = m_ownTimers.get();
    }
}

HttpResources::~HttpResources() = default;

} // namespace mcppm
