#pragma once

#include <QProcess>
#include <QStringList>
#include <QUrl>

// One mcp-demo-worker on a free loopback port (--port 0), started with the
// given extra arguments. start() waits for its "listening on URL" line. The
// process is killed when the fixture goes out of scope.
class DemoWorkerProcess final
{
public:
    DemoWorkerProcess() = default;
    ~DemoWorkerProcess();
    Q_DISABLE_COPY_MOVE(DemoWorkerProcess)

    bool start(const QStringList &extraArgs = {});
    QUrl url() const { return m_url; }
    // The exact first line the worker printed (for checking its format).
    QByteArray firstLine() const { return m_firstLine; }
    QProcess &process() { return m_process; }

private:
    QProcess m_process;
    QUrl m_url;
    QByteArray m_firstLine;
};
