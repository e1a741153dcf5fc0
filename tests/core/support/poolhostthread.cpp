#include "poolhostthread.h"

#include <QDeadlineTimer>
#include <QTest>

using namespace mcppm;

PoolHostThread::PoolHostThread(const PoolHost::Options &options)
{
    host = new PoolHost(options);
    host->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, host, &QObject::deleteLater);
    QObject::connect(host, &PoolHost::shutdownFinished, &m_receiver,
                     [this]() { m_shutDown = true; });
    m_thread.start();
}

PoolHostThread::~PoolHostThread()
{
    stop();
}

bool PoolHostThread::stop(int timeoutMs)
{
    if (!m_thread.isRunning())
        return true;
    QDeadlineTimer deadline(timeoutMs);
    if (!m_shutDown)
        QMetaObject::invokeMethod(host, &PoolHost::shutdown);
    const bool shutDown
        = QTest::qWaitFor([this]() { return m_shutDown; }, int(deadline.remainingTime()));
    m_thread.quit();
    return m_thread.wait(deadline) && shutDown;
}
