#pragma once

#include "demoserver.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>

class QSocketNotifier;

namespace mcppm::demo {

// The demo worker as a local MCP server over stdio (--stdio): newline-
// delimited JSON-RPC on stdin/stdout, its log on stderr. Speaks 2025-11-25
// (initialize, then requests), 2026-07-28 (server/discover, _meta on every
// request, resultType and serverInfo in results) or both, with the tools
// echo, add, sleep, progress and fail and the knobs --latency, --die-after,
// --hang-after, --stderr-flood and --busy-us. Exits when stdin closes.
class StdioDemoServer final : public QObject
{
    Q_OBJECT
public:
    // stderrFloodKiB: log written to stderr at start and after each tool
    // call; busyUs: CPU burnt per tool call on the one thread (a CPU-bound,
    // single-threaded server).
    StdioDemoServer(const WorkerOptions &options, int stderrFloodKiB, int busyUs,
                    QObject *parent = nullptr);
    ~StdioDemoServer() override;
    Q_DISABLE_COPY_MOVE(StdioDemoServer)

    void start();

private:
    void onReadable();
    void handle(const QByteArray &line);
    void handleRequest(const JsonRpcMessage &message);
    void callTool(const JsonRpcMessage &message, bool modern);
    void answer(const JsonRpcMessage &message, bool modern, QJsonObject result);
    void write(const JsonRpcMessage &message);
    void flood(int kib);
    QJsonObject serverInfo() const;

    WorkerOptions m_options;
    int m_stderrFloodKiB = 0;
    int m_busyUs = 0;
    QSocketNotifier *m_notifier = nullptr;
    QByteArray m_buffer;
    bool m_initialized = false;
    bool m_hanging = false;
    qint64 m_toolCalls = 0;
};

} // namespace mcppm::demo
