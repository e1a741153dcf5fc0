#pragma once

#include <QtGlobal>

#include <memory>

namespace mcppm {
class Http1Client;
}

namespace mcppm {

struct HttpTransportOptions;
class TimerSource;

// The network lane and the clock an HTTP transport runs on: the shared ones
// from its options, or its own when none were given.
class HttpResources final
{
public:
    explicit HttpResources(const HttpTransportOptions &options);
    ~HttpResources();
    Q_DISABLE_COPY_MOVE(HttpResources)

    Http1Client *network() const { return m_network; }
    TimerSource *timers() const { return m_timers; }

private:
    std::unique_ptr<Http1Client> m_ownNetwork;
    std::unique_ptr<TimerSource> m_ownTimers;
    Http1Client *m_network = nullptr;
    TimerSource *m_timers = nullptr;
};

} // namespace mcppm
