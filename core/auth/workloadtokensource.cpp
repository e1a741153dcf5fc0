#include "auth/workloadtokensource.h"

#include <QFile>
#include <QProcess>
#include <QTimer>

namespace mcppm {

namespace {
const QString kStep = QStringLiteral("Workload identity token");

McpError error(const QString &message)
{
    return McpError::make(McpError::Kind::Protocol, kStep + QStringLiteral(": ") + message);
}

// A JWT is three base64url parts: anything else is refused before it is sent.
bool looksLikeJwt(const QByteArray &token)
{
    if (token.count('.') != 2)
        return false;
    for (const char c : token) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
            || c == '-' || c == '_' || c == '.';
        if (!ok)
            return false;
    }
    return true;
}
} // namespace

WorkloadTokenSource::WorkloadTokenSource(QObject *parent)
    : QObject(parent)
{ }

WorkloadTokenSource::~WorkloadTokenSource()
{
    abort();
}

void WorkloadTokenSource::abort()
{
    if (!m_process)
        return;
    QProcess *p = m_process;
    m_process = nullptr;
    p->disconnect(this);
    p->kill();
    p->waitForFinished(1000);
    p->deleteLater();
}

void WorkloadTokenSource::fetch(Done done)
{
    if (!m_value.isEmpty()) {
        const QByteArray token = m_value.trimmed().toLatin1();
        if (!looksLikeJwt(token)) {
            done({}, error(QStringLiteral("the configured token is not a JWT")));
            return;
        }
        done(QString::fromLatin1(token), {});
        return;
    }
    if (!m_file.isEmpty()) {
        QFile file(m_file);
        if (!file.open(QIODevice::ReadOnly)) {
            done({}, error(QStringLiteral("cannot read %1 (%2)").arg(m_file, file.errorString())));
            return;
        }
        const QByteArray data = file.read(kMaxTokenBytes + 1);
        if (data.size() > kMaxTokenBytes) {
            done({},
                 error(
                     QStringLiteral("%1 is larger than %2 bytes").arg(m_file).arg(kMaxTokenBytes)));
            return;
        }
        const QByteArray token = data.trimmed();
        if (!looksLikeJwt(token)) {
            done({}, error(QStringLiteral("%1 does not hold a JWT").arg(m_file)));
            return;
        }
        done(QString::fromLatin1(token), {});
        return;
    }
    if (m_command.isEmpty()) {
        done({}, error(QStringLiteral("no token file or command is configured")));
        return;
    }
    QStringList argv = QProcess::splitCommand(m_command);
    if (argv.isEmpty()) {
        done({}, error(QStringLiteral("the token command is empty")));
        return;
    }
    abort();
    auto *process = new QProcess(this);
    m_process = process;
    process->setProcessChannelMode(QProcess::SeparateChannels);
    process->setStandardInputFile(QProcess::nullDevice());
    const QString program = argv.takeFirst();
    auto *timer = new QTimer(process);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, process, program, done]() {
        if (m_process != process)
            return;
        m_process = nullptr;
        process->disconnect(this);
        process->kill();
        process->deleteLater();
        done({},
             error(QStringLiteral("%1 did not finish within %2 ms").arg(program).arg(m_timeoutMs)));
    });
    connect(
        process, &QProcess::errorOccurred, this,
        [this, process, program, done](QProcess::ProcessError e) {
            if (e != QProcess::FailedToStart || m_process != process)
                return;
            m_process = nullptr;
            process->disconnect(this);
            process->deleteLater();
            done({},
                 error(QStringLiteral("cannot run %1 (%2)").arg(program, process->errorString())));
        });
    connect(process, &QProcess::finished, this,
            [this, process, done](int exitCode, QProcess::ExitStatus status) {
                if (m_process != process)
                    return;
                finishCommand(done, exitCode, status == QProcess::CrashExit);
            });
    process->start(program, argv, QIODevice::ReadOnly);
    timer->start(m_timeoutMs);
}

void WorkloadTokenSource::finishCommand(const Done &done, int exitCode, bool crashed)
{
    QProcess *process = m_process;
    m_process = nullptr;
    process->disconnect(this);
    process->deleteLater();
    const QString program = process->program();
    if (crashed || exitCode != 0) {
        done({},
             error(crashed ? QStringLiteral("%1 crashed").arg(program)
                           : QStringLiteral("%1 exited with %2").arg(program).arg(exitCode)));
        return;
    }
    const QByteArray data = process->readAllStandardOutput();
    if (data.size() > kMaxTokenBytes) {
        done({},
             error(
                 QStringLiteral("%1 printed more than %2 bytes").arg(program).arg(kMaxTokenBytes)));
        return;
    }
    const QByteArray token = data.trimmed();
    if (!looksLikeJwt(token)) {
        done({}, error(QStringLiteral("%1 did not print a JWT").arg(program)));
        return;
    }
    done(QString::fromLatin1(token), {});
}

} // namespace mcppm
