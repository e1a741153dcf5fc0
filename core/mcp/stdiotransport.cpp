#include "mcp/stdiotransport.h"

#include "net/safetext.h"

#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QStandardPaths>
#include <QTimer>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>
#if defined(Q_OS_LINUX)
#include <sys/prctl.h>
#endif

namespace mcppm {

namespace {
constexpr int kMaxShownLine = 1000; // characters of one stderr line passed on
constexpr int kMaxPartialStderr = 4096; // a stderr "line" without newline is cut here
} // namespace

StdioTransport::StdioTransport(const StdioTransportOptions &options, QObject *parent)
    : Transport(parent)
    , m_options(options)
{
    m_stepTimer = new QTimer(this);
    m_stepTimer->setSingleShot(true);
}

StdioTransport::~StdioTransport()
{
    if (m_process) {
        m_process->disconnect(this);
        if (m_process->state() != QProcess::NotRunning) {
            signalGroup(SIGKILL);
            m_process->waitForFinished(2000);
        }
        delete m_process;
        m_process = nullptr;
    }
}

const QStringList &StdioTransport::inheritedVariables()
{
    static const QStringList names{
        QStringLiteral("HOME"),   QStringLiteral("LOGNAME"), QStringLiteral("PATH"),
        QStringLiteral("SHELL"),  QStringLiteral("TERM"),    QStringLiteral("USER"),
        QStringLiteral("LANG"),   QStringLiteral("LC_ALL"),  QStringLiteral("LC_CTYPE"),
        QStringLiteral("TMPDIR"), QStringLiteral("TZ")};
    return names;
}

QProcessEnvironment
StdioTransport::childEnvironment(const QList<QPair<QString, QString>> &configured)
{
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    QProcessEnvironment env;
    for (const QString &name : inheritedVariables()) {
        if (system.contains(name))
            env.insert(name, system.value(name));
    }
    for (const auto &[name, value] : configured)
        env.insert(name, value);
    return env;
}

QString StdioTransport::resolveProgram(const QString &program,
                                       const QProcessEnvironment &environment,
                                       const QString &workingDirectory, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return QString();
    };
    const QString shown = SafeText::escape(program);
    if (program.isEmpty())
        return fail(QStringLiteral("no command given"));
    QString path;
    if (program.contains(QLatin1Char('/'))) {
        path = QDir::isAbsolutePath(program) || workingDirectory.isEmpty()
            ? program
            : QDir(workingDirectory).filePath(program);
        const QFileInfo info(path);
        if (!info.exists())
            return fail(QStringLiteral("command \"%1\" not found").arg(shown));
        if (!info.isFile())
            return fail(QStringLiteral("command \"%1\" is not a file").arg(shown));
        if (!info.isExecutable())
            return fail(QStringLiteral("command \"%1\" is not executable").arg(shown));
        return info.absoluteFilePath();
    }
    const QStringList dirs
        = environment.value(QStringLiteral("PATH")).split(QLatin1Char(':'), Qt::SkipEmptyParts);
    path = QStandardPaths::findExecutable(program, dirs);
    if (path.isEmpty()) {
        // Found but not executable says more than "not found".
        for (const QString &dir : dirs) {
            const QFileInfo info(QDir(dir).filePath(program));
            if (info.isFile() && !info.isExecutable())
                return fail(QStringLiteral("command \"%1\" (%2) is not executable")
                                .arg(shown, SafeText::escape(info.filePath())));
        }
        return fail(QStringLiteral("command \"%1\" not found in PATH").arg(shown));
    }
    return path;
}

McpError StdioTransport::error(McpError::Kind kind, const QString &message) const
{
    return McpError::make(kind, message);
}

qint64 StdioTransport::processId() const
{
    return m_process && m_process->state() != QProcess::NotRunning ? m_pid : 0;
}

void StdioTransport::open()
{
    if (m_process || m_closing)
        return;
    if (!m_options.refusal.isEmpty()) {
        QTimer::singleShot(0, this,
                           [this]() { fail(error(McpError::Kind::Transport, m_options.refusal)); });
        return;
    }
    if (m_options.startDelayMs > 0) {
        connect(m_stepTimer, &QTimer::timeout, this, &StdioTransport::startProcess,
                Qt::SingleShotConnection);
        m_stepTimer->start(m_options.startDelayMs);
        return;
    }
    QTimer::singleShot(0, this, &StdioTransport::startProcess);
}

void StdioTransport::startProcess()
{
    if (m_process || m_closing || m_failed)
        return;
    const QProcessEnvironment environment = childEnvironment(m_options.environment);
    if (!m_options.workingDirectory.isEmpty() && !QFileInfo(m_options.workingDirectory).isDir()) {
        fail(error(McpError::Kind::Transport,
                   QStringLiteral("working directory \"%1\" does not exist")
                       .arg(SafeText::escape(m_options.workingDirectory))));
        return;
    }
    QString why;
    const QString program
        = resolveProgram(m_options.program, environment, m_options.workingDirectory, &why);
    if (program.isEmpty()) {
        fail(error(McpError::Kind::Transport, why));
        return;
    }
    m_process = new QProcess(this);
    m_process->setProgram(program);
    m_process->setArguments(m_options.args);
    m_process->setProcessEnvironment(environment);
    if (!m_options.workingDirectory.isEmpty())
        m_process->setWorkingDirectory(m_options.workingDirectory);
    const pid_t parent = ::getpid();
    m_process->setChildProcessModifier([parent]() {
        // In the child, before exec: only async-signal-safe calls here.
        ::setpgid(0, 0); // its own group: close() reaches its children too
#if defined(Q_OS_LINUX)
        ::prctl(PR_SET_PDEATHSIG, SIGKILL); // dies with the pool (its thread), even on SIGKILL
#endif
        if (::getppid() != parent)
            ::_exit(127); // the pool died before prctl took hold
    });
    connect(m_process, &QProcess::readyReadStandardOutput, this, &StdioTransport::onStdout);
    connect(m_process, &QProcess::readyReadStandardError, this, &StdioTransport::onStderr);
    connect(m_process, &QProcess::finished, this, &StdioTransport::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &StdioTransport::onErrorOccurred);
    connect(m_process, &QProcess::started, this, [this]() {
        m_pid = m_process->processId();
        m_open = true;
        Q_EMIT processStarted(m_pid);
        Q_EMIT opened();
    });
    m_process->start(QIODevice::ReadWrite);
}

void StdioTransport::send(const JsonRpcMessage &message)
{
    if (!m_open || !m_process) {
        if (message.isRequest()) {
            const QJsonValue id = message.id;
            QPointer<StdioTransport> self(this);
            QTimer::singleShot(0, this, [self, id]() {
                if (self)
                    Q_EMIT self->requestFailed(
                        id,
                        McpError::make(McpError::Kind::NotConnected,
                                       QStringLiteral("the server process is not running")));
            });
        }
        return;
    }
    QByteArray bytes = message.toBytes();
    Q_EMIT trafficObserved(true, bytes);
    bytes.append('\n');
    m_bytesSent += bytes.size();
    m_process->write(bytes);
}

void StdioTransport::abortRequest(const QJsonValue &id)
{
    // 2026-07-28 cancels by closing the request's stream on HTTP; stdio has
    // no stream per request, so it is told (the session did not).
    if (!m_stateless || !m_open)
        return;
    QJsonObject params;
    params.insert(QStringLiteral("requestId"), id);
    send(JsonRpcMessage::notification(QStringLiteral("notifications/cancelled"), params));
}

void StdioTransport::onStdout()
{
    if (!m_process)
        return;
    const QByteArray data = m_process->readAllStandardOutput();
    if (m_failed || m_closing)
        return; // a broken or closing server: nothing more is read
    m_bytesReceived += data.size();
    m_stdoutBuffer.append(data);
    qsizetype start = 0;
    const qsizetype scanFrom = m_stdoutBuffer.size() - data.size();
    qsizetype newline = m_stdoutBuffer.indexOf('\n', scanFrom);
    QPointer<StdioTransport> self(this); // a receiver may delete us
    while (newline >= 0) {
        const QByteArray line = m_stdoutBuffer.mid(start, newline - start);
        start = newline + 1;
        if (line.size() > m_options.maxLineBytes) {
            breakServer(error(McpError::Kind::TooLarge,
                              QStringLiteral("the server wrote a line of %1 bytes on stdout "
                                             "(limit %2)")
                                  .arg(line.size())
                                  .arg(m_options.maxLineBytes)));
            return;
        }
        handleLine(line);
        if (!self || m_failed || m_closing || !m_process)
            return;
        newline = m_stdoutBuffer.indexOf('\n', start);
    }
    m_stdoutBuffer.remove(0, start);
    if (m_stdoutBuffer.size() > m_options.maxLineBytes)
        breakServer(error(McpError::Kind::TooLarge,
                          QStringLiteral("the server wrote more than %1 bytes on stdout without "
                                         "a newline")
                              .arg(m_options.maxLineBytes)));
}

void StdioTransport::handleLine(const QByteArray &raw)
{
    const QByteArray line = raw.trimmed();
    if (line.isEmpty())
        return;
    QString why;
    const QList<JsonRpcMessage> messages = JsonRpcMessage::parse(line, &why);
    if (messages.isEmpty()) {
        breakServer(error(
            McpError::Kind::Protocol,
            QStringLiteral("the server wrote something that is not a JSON-RPC message on stdout "
                           "(%1): %2")
                .arg(SafeText::escape(why), SafeText::escape(QString::fromUtf8(line.left(200))))));
        return;
    }
    Q_EMIT trafficObserved(false, line);
    QPointer<StdioTransport> self(this);
    for (const JsonRpcMessage &message : messages) {
        Q_EMIT messageReceived(message);
        if (!self || m_failed || m_closing)
            return;
    }
}

void StdioTransport::onStderr()
{
    if (!m_process)
        return;
    m_stderrBuffer.append(m_process->readAllStandardError());
    qsizetype start = 0;
    qsizetype newline = m_stderrBuffer.indexOf('\n');
    while (newline >= 0) {
        keepStderrLine(m_stderrBuffer.mid(start, newline - start));
        start = newline + 1;
        newline = m_stderrBuffer.indexOf('\n', start);
    }
    m_stderrBuffer.remove(0, start);
    while (m_stderrBuffer.size() > kMaxPartialStderr) {
        keepStderrLine(m_stderrBuffer.left(kMaxPartialStderr));
        m_stderrBuffer.remove(0, kMaxPartialStderr);
    }
}

void StdioTransport::keepStderrLine(const QByteArray &raw)
{
    QByteArray line = raw;
    if (line.endsWith('\r'))
        line.chop(1);
    QString text = SafeText::escape(QString::fromUtf8(line));
    if (text.size() > kMaxShownLine)
        text = text.left(kMaxShownLine) + QStringLiteral("…");
    m_stderrLines.append(text);
    m_stderrBytes += text.size();
    while (!m_stderrLines.isEmpty()
           && (m_stderrLines.size() > m_options.stderrKeepLines
               || m_stderrBytes > m_options.stderrKeepBytes)) {
        m_stderrBytes -= m_stderrLines.first().size();
        m_stderrLines.removeFirst();
    }
    Q_EMIT stderrLineReceived(text);
}

QString StdioTransport::lastStderr() const
{
    for (auto it = m_stderrLines.crbegin(); it != m_stderrLines.crend(); ++it) {
        if (!it->trimmed().isEmpty())
            return it->left(300);
    }
    return {};
}

void StdioTransport::onFinished(int exitCode, QProcess::ExitStatus status)
{
    onStderr();
    QString description = status == QProcess::CrashExit
        ? QStringLiteral("the server process (pid %1) was killed by a signal").arg(m_pid)
        : QStringLiteral("the server process (pid %1) exited with code %2")
              .arg(m_pid)
              .arg(exitCode);
    // Whatever it left behind in its group goes with it.
    if (m_pid > 0)
        ::kill(-pid_t(m_pid), SIGKILL);
    m_open = false;
    m_stepTimer->stop();
    if (m_closing) {
        Q_EMIT processExited(description, true);
        finishClose();
        return;
    }
    const QString last = lastStderr();
    if (!last.isEmpty())
        description += QStringLiteral("; its last stderr line: ") + last;
    Q_EMIT processExited(description, false);
    if (!m_failed) {
        QPointer<StdioTransport> self(this);
        fail(error(McpError::Kind::Transport, description));
        if (self)
            Q_EMIT connectionLost();
    }
}

void StdioTransport::onErrorOccurred(QProcess::ProcessError processError)
{
    if (processError != QProcess::FailedToStart)
        return; // crashes and exits arrive through finished()
    m_open = false;
    fail(error(McpError::Kind::Transport,
               QStringLiteral("could not start \"%1\": %2")
                   .arg(SafeText::escape(m_options.program),
                        SafeText::escape(m_process ? m_process->errorString() : QString()))));
    if (m_closing)
        finishClose();
}

void StdioTransport::breakServer(const McpError &why)
{
    // The server is not usable: it is stopped at once (and its group).
    m_open = false;
    m_stdoutBuffer.clear();
    QPointer<StdioTransport> self(this);
    fail(why);
    if (self && m_process && m_process->state() != QProcess::NotRunning)
        signalGroup(SIGKILL);
}

void StdioTransport::fail(const McpError &why)
{
    if (m_failed)
        return;
    m_failed = true;
    Q_EMIT failed(why);
}

void StdioTransport::signalGroup(int signal)
{
    if (m_pid <= 0)
        return;
    if (::kill(-pid_t(m_pid), signal) != 0)
        ::kill(pid_t(m_pid), signal);
}

void StdioTransport::close()
{
    if (m_closing)
        return;
    m_closing = true;
    m_open = false;
    m_stepTimer->stop();
    m_stepTimer->disconnect(this);
    if (!m_process || m_process->state() == QProcess::NotRunning) {
        QTimer::singleShot(0, this, &StdioTransport::finishClose);
        return;
    }
    // The spec's order: stdin closed, then SIGTERM, then SIGKILL.
    m_shutdownStep = 1;
    m_process->closeWriteChannel();
    connect(m_stepTimer, &QTimer::timeout, this, [this]() {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return;
        if (m_shutdownStep == 1) {
            m_shutdownStep = 2;
            signalGroup(SIGTERM);
            m_stepTimer->start(qMax(0, m_options.termGraceMs));
        } else if (m_shutdownStep == 2) {
            m_shutdownStep = 3;
            signalGroup(SIGKILL);
        }
    });
    m_stepTimer->start(qMax(0, m_options.closeGraceMs));
}

void StdioTransport::finishClose()
{
    if (m_closed)
        return;
    m_closed = true;
    m_stepTimer->stop();
    Q_EMIT closed();
}

} // namespace mcppm
