#include "sdk2serverprocess.h"

#include <QDeadlineTimer>
#include <QFileInfo>

namespace {

QString peersDir()
{
    return QStringLiteral(MCPPM_SOURCE_DIR "/tests/conformance");
}

QString nodePath()
{
    return peersDir() + QStringLiteral("/node_modules/.bin/node");
}

} // namespace

Sdk2ServerProcess::Sdk2ServerProcess(const QString &mode)
    : m_mode(mode)
{ }

Sdk2ServerProcess::~Sdk2ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(3000)) {
            m_process.kill();
            m_process.waitForFinished(3000);
        }
    }
}

bool Sdk2ServerProcess::peersInstalled()
{
    return QFileInfo::exists(nodePath())
        && QFileInfo::exists(
               peersDir()
               + QStringLiteral("/node_modules/@modelcontextprotocol/server/package.json"))
        && QFileInfo::exists(
               peersDir()
               + QStringLiteral("/node_modules/@modelcontextprotocol/node/package.json"));
}

bool Sdk2ServerProcess::start(int timeoutMs)
{
    if (!peersInstalled()) {
        m_error = QStringLiteral("the pinned npm peers are not installed (run scripts/test, or npm "
                                 "ci in tests/conformance)");
        return false;
    }
    m_process.setWorkingDirectory(peersDir());
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    // Port 0: the server picks a free port and prints its URL (no probe race).
    m_process.start(
        nodePath(),
        {peersDir() + QStringLiteral("/sdk2-server.mjs"), QStringLiteral("--mode"), m_mode});
    if (!m_process.waitForStarted(5000)) {
        m_error = m_process.errorString();
        return false;
    }
    QByteArray out;
    QByteArray err;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
        m_process.waitForReadyRead(100);
        out += m_process.readAllStandardOutput();
        err += m_process.readAllStandardError();
        const qsizetype newline = out.indexOf('\n');
        if (newline >= 0) {
            m_url = QUrl(QString::fromUtf8(out.left(newline).trimmed()));
            if (m_url.isValid() && m_url.scheme() == QLatin1String("http")
                && m_url.host() == QLatin1String("127.0.0.1") && m_url.port() > 0)
                return true;
            m_error
                = QStringLiteral("sdk2-server printed no URL: ") + QString::fromUtf8(out.left(200));
            return false;
        }
    }
    m_error = QStringLiteral("sdk2-server did not start: ") + QString::fromUtf8(err.right(500));
    return false;
}
