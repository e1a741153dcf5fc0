#pragma once

#include "host/poolhost.h"

#include <QObject>
#include <QThread>

// A PoolHost on its own QThread, as the monitor runs it. stop() (and the
// destructor) asks the host to shut down unless it already has, waits for
// shutdownFinished() (bounded) and ends the thread, so a test that fails half-way
// leaves no running QThread behind.
class PoolHostThread final
{
public:
    explicit PoolHostThread(const mcppm::PoolHost::Options &options = {});
    ~PoolHostThread();
    Q_DISABLE_COPY_MOVE(PoolHostThread)

    // False when the shutdown or the thread's end took longer than timeoutMs.
    bool stop(int timeoutMs = 10000);
    // shutdownFinished() has arrived in this thread.
    bool isShutDown() const { return m_shutDown; }

    mcppm::PoolHost *host = nullptr; // deleted on its thread when that ends

private:
    QObject m_receiver; // in the test's thread: the host's signals are queued to it
    QThread m_thread;
    bool m_shutDown = false;
};
