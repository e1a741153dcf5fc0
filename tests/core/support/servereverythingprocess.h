#pragma once

#include <QProcess>
#include <QString>
#include <QUrl>

// The reference MCP server (@modelcontextprotocol/server-everything, pinned in
// tests/conformance) on a free loopback port, in "streamableHttp" or "sse"
// mode. Stopped in the destructor.
class ServerEverythingProcess final
{
public:
    explicit ServerEverythingProcess(const QString &mode);
    ~ServerEverythingProcess();
    Q_DISABLE_COPY_MOVE(ServerEverythingProcess)

    // Starts and waits for the "listening" line; false with errorString() on failure.
    bool start(int timeoutMs = 20000);
    // http://127.0.0.1:PORT/mcp (streamableHttp) or .../sse (sse).
    QUrl url() const;
    QString errorString() const { return m_error; }
    static QString peersDir();

private:
    QString m_mode;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};
