#include "servereverythingprocess.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QTcpServer>

ServerEverythingProcess::ServerEverythingProcess(const QString &mode)
    : m_mode(mode)
{ }

ServerEverythingProcess::~ServerEverythingProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(3000)) {
            m_process.kill();
            m_process.waitForFinished(3000);
        }
    }
}

QString ServerEverythingProcess::peersDir()
{
    return QStringLiteral(MCPPM_SOURCE_DIR "/tests/conformance");
}

bool ServerEverythingProcess::start(int timeoutMs)
{
    const QString dir = peersDir();
    const QString node = dir + QStringLiteral("/node_modules/.bin/node");
    const QString script = dir
        + QStringLiteral("/node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    if (!QFileInfo::exists(node) || !QFileInfo::exists(script)) {
        m_error = QStringLiteral("the pinned npm peers are not installed (run scripts/test, or npm "
                                 "ci in tests/conformance)");
        return false;
    }
    // A free port: bind, read, release. The server binds 127.0.0.1 through the preload.
    for (int attempt = 0; attempt < 3; ++attempt) {
        {
            QTcpServer probe;
            if (!probe.listen(QHostAddress::LocalHost, 0)) {
                m_error = QStringLiteral("no free loopback port");
                return false;
            }
            m_port = probe.serverPort();
        }
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PORT"), QString::number(m_port));
        m_process.setProcessEnvironment(env);
        m_process.setWorkingDirectory(dir);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.setStandardOutputFile(QProcess::nullDevice()); // it logs every request there
        m_process.start(node,
                        {QStringLiteral("--require"), dir + QStringLiteral("/loopback-only.cjs"),
                         script, m_mode});
        if (!m_process.waitForStarted(5000)) {
            m_error = m_process.errorString();
            return false;
        }
        const QByteArray ready = m_mode == QLatin1String("sse")
            ? QByteArray("Server is running on port")
            : QByteArray("listening on port");
        QByteArray err;
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
            m_process.waitForReadyRead(100);
            err += m_process.readAllStandardError();
            m_process.readAllStandardOutput();
            if (err.contains(ready))
                return true;
        }
        m_error = QStringLiteral("server-everything did not start: ")
            + QString::fromUtf8(err.right(500));
        m_process.kill();
        m_process.waitForFinished(3000);
        if (!err.contains("in use"))
            return false;
    }
    return false;
}

QUrl ServerEverythingProcess::url() const
{
    return QUrl(
        QStringLiteral("http://127.0.0.1:%1/%2")
            .arg(m_port)
            .arg(m_mode == QLatin1String("sse") ? QStringLiteral("sse") : QStringLiteral("mcp")));
}
