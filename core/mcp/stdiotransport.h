#pragma once

#include "jsonrpc/transport.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QProcess>
#include <QString>
#include <QStringList>

class QTimer;

namespace mcppm {

// How a local MCP server is started and stopped (the stdio transport).
struct StdioTransportOptions
{
    QString program; // a name looked up in the child's PATH, or a path
    QStringList args;
    QString workingDirectory; // "" = the pool's
    // Set on top of the minimal inherited environment (see childEnvironment);
    // values may be secrets: never printed.
    QList<QPair<QString, QString>> environment;
    int startDelayMs = 0; // wait before starting the process (a supervisor's backoff)
    // Shutdown (the MCP spec's order): close stdin, wait closeGraceMs for the
    // process to exit; SIGTERM, wait termGraceMs; SIGKILL.
    int closeGraceMs = 2000;
    int termGraceMs = 2000;
    qint64 maxLineBytes = 16 * 1024 * 1024; // a longer stdout line breaks the server
    int stderrKeepBytes = 64 * 1024; // stderr kept (the server's log), bounded both ways
    int stderrKeepLines = 200;
    // When set, open() fails with this message and starts nothing (a
    // supervisor that gave up).
    QString refusal;
};

// MCP over stdio: the client starts the server as a child process and
// exchanges newline-delimited JSON-RPC messages on its stdin and stdout;
// stderr is the server's log, kept bounded and escaped. Anything on stdout
// that is not a JSON-RPC message, or a line longer than maxLineBytes, breaks
// the server (it is killed, the transport fails). The child runs in its own
// process group and gets SIGKILL when the pool's thread ends (also on
// SIGKILL of the pool); close() follows the spec: stdin closed, SIGTERM,
// SIGKILL. Both eras: 2026-07-28 requests carry their _meta in the body and
// are cancelled with notifications/cancelled (no stream to close).
class StdioTransport final : public Transport
{
    Q_OBJECT
public:
    explicit StdioTransport(const StdioTransportOptions &options, QObject *parent = nullptr);
    ~StdioTransport() override;
    Q_DISABLE_COPY_MOVE(StdioTransport)

    // The variables a child inherits from the pool (when set): HOME, LOGNAME,
    // PATH, SHELL, TERM, USER (as the MCP TypeScript SDK), LANG, LC_ALL,
    // LC_CTYPE, TMPDIR, TZ. Nothing else of the pool's environment passes.
    static const QStringList &inheritedVariables();
    static QProcessEnvironment childEnvironment(const QList<QPair<QString, QString>> &configured);
    // The program as it will be run (a path), or "" and a clear *error
    // (not found in PATH, not a file, not executable).
    static QString resolveProgram(const QString &program, const QProcessEnvironment &environment,
                                  const QString &workingDirectory, QString *error);

    Kind kind() const override { return Kind::Stdio; }
    void open() override;
    bool isOpen() const override { return m_open; }
    void send(const JsonRpcMessage &message) override;
    void abortRequest(const QJsonValue &id) override;
    void close() override;
    void setProtocolVersion(const QString &) override { }
    void setAuthToken(const QString &) override { }
    void setStateless(bool stateless) override { m_stateless = stateless; }

    qint64 processId() const; // 0 when none runs
    QStringList stderrTail() const { return m_stderrLines; }
    const StdioTransportOptions &options() const { return m_options; }

Q_SIGNALS:
    void processStarted(qint64 pid);
    // The process ended (on its own, killed, or as close() asked): how, in words.
    void processExited(const QString &description, bool expected);
    // One line the server wrote to stderr, escaped (SafeText), at most 1000 characters.
    void stderrLineReceived(const QString &line);

private:
    void startProcess();
    void onStdout();
    void onStderr();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onErrorOccurred(QProcess::ProcessError error);
    void handleLine(const QByteArray &line);
    void keepStderrLine(const QByteArray &line);
    void breakServer(const McpError &error);
    void fail(const McpError &error);
    void signalGroup(int signal);
    void finishClose();
    QString lastStderr() const;
    McpError error(McpError::Kind kind, const QString &message) const;

    StdioTransportOptions m_options;
    QProcess *m_process = nullptr;
    QTimer *m_stepTimer = nullptr; // start delay and the shutdown steps
    QByteArray m_stdoutBuffer;
    QByteArray m_stderrBuffer;
    QStringList m_stderrLines;
    qint64 m_stderrBytes = 0;
    qint64 m_pid = 0;
    bool m_open = false;
    bool m_stateless = false;
    bool m_failed = false; // failed() was emitted
    bool m_closing = false;
    bool m_closed = false;
    int m_shutdownStep = 0; // 0 none, 1 stdin closed, 2 SIGTERM sent, 3 SIGKILL sent
};

} // namespace mcppm
