#pragma once

#include <QtGlobal>

#include <memory>

class QNetworkAccessManager;

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

    QNetworkAccessManager *network() const { return m_network; }
    TimerSource *timers() const { return m_timers; }

private:
    std::unique_ptr<QNetworkAccessManager> m_ownNetwork;
    std::unique_ptr<TimerSource> m_ownTimers;
    QNetworkAccessManager *m_network = nullptr;
    TimerSource *m_timers = nullptr;
};

} // namespace mcppm
