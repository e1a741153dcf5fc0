#include "demoworkerprocess.h"

#include <QDeadlineTimer>
#include <QRegularExpression>

DemoWorkerProcess::~DemoWorkerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(3000);
    }
}

bool DemoWorkerProcess::start(const QStringList &extraArgs)
{
    m_process.start(QStringLiteral(MCPPM_DEMO_WORKER),
                    QStringList{QStringLiteral("--port"), QStringLiteral("0")} + extraArgs);
    if (!m_process.waitForStarted(5000))
        return false;
    QByteArray out;
    QDeadlineTimer deadline(10000);
    while (!out.contains('\n') && !deadline.hasExpired()
           && m_process.state() == QProcess::Running) {
        m_process.waitForReadyRead(50);
        out += m_process.readAllStandardOutput();
    }
    m_firstLine = out;
    const QRegularExpressionMatch m
        = QRegularExpression(QStringLiteral("^listening on (https?://\\S+)\\n"))
              .match(QString::fromUtf8(out));
    if (!m.hasMatch())
        return false;
    m_url = QUrl(m.captured(1));
    return true;
}
