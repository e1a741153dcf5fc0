#include "host/httpexchange.h"

namespace mcppm {

HttpExchange::HttpExchange(HttpListener *listener, quint64 connection, quint64 serial)
    : m_listener(listener)
    , m_connection(connection)
    , m_serial(serial)
{ }

void HttpExchange::respond(const HttpResponse &response)
{
    if (m_listener && !m_streaming)
        m_listener->respond(m_connection, m_serial, response);
}

bool HttpExchange::startStream(const HttpResponse &head)
{
    if (!m_listener || m_streaming)
        return false;
    m_streaming = m_listener->startStream(m_connection, m_serial, head);
    return m_streaming;
}

bool HttpExchange::write(const QByteArray &piece)
{
    return m_listener && m_streaming && m_listener->writeStream(m_connection, m_serial, piece);
}

void HttpExchange::finish()
{
    if (m_listener && m_streaming)
        m_listener->finishStream(m_connection, m_serial);
}

bool HttpExchange::isOpen() const
{
    return m_listener && m_listener->isAnswering(m_connection, m_serial);
}

void HttpExchange::setClosedHandler(std::function<void()> handler)
{
    if (m_listener)
        m_listener->setClosedHandler(m_connection, m_serial, std::move(handler));
}

} // namespace mcppm
