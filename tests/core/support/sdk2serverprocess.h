#pragma once

#include <QProcess>
#include <QString>
#include <QUrl>

// A fixture server on the TypeScript SDK v2 (tests/conformance/sdk2-server.mjs)
// on a free loopback port: mode "modern" (2026-07-28 only, 2025 requests
// refused) or "dual" (2026-07-28 plus a stateless 2025 fallback). Stopped in
// the destructor (SIGTERM; the server also exits when its stdin closes).
class Sdk2ServerProcess final
{
public:
    explicit Sdk2ServerProcess(const QString &mode);
    ~Sdk2ServerProcess();
    Q_DISABLE_COPY_MOVE(Sdk2ServerProcess)

    // True when the pinned npm peers (node 22, the SDK v2 packages) are installed.
    static bool peersInstalled();
    // Starts and waits for the URL line; false with errorString() on failure.
    bool start(int timeoutMs = 20000);
    // http://127.0.0.1:PORT/mcp, as the server printed it.
    QUrl url() const { return m_url; }
    QString errorString() const { return m_error; }

private:
    QString m_mode;
    QProcess m_process;
    QUrl m_url;
    QString m_error;
};
