#pragma once

#include "jsonrpc/mcperror.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class QProcess;

namespace mcppm {

// Where a workload's identity token (a JWT its platform issues: a
// Kubernetes projected service-account token, a cloud metadata token, a CI
// job's OIDC token) comes from for the JWT bearer grant (RFC 7523, MCP
// workload identity federation, SEP-1933). Asked afresh for every token
// request, because such tokens are short-lived and rotated underneath us:
//   file     read whole (at most 64 KiB), surrounding whitespace dropped;
//   command  run without a shell (split like a command line), its standard
//            output is the token; a non-zero exit, a timeout or no output
//            is an error;
//   value    a token handed over in memory (tests, the conformance client).
// The token is a secret: no error message, signal or log line carries it
// or the command's output.
class WorkloadTokenSource final : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const QString &token, const McpError &error)>;

    explicit WorkloadTokenSource(QObject *parent = nullptr);
    ~WorkloadTokenSource() override;
    Q_DISABLE_COPY_MOVE(WorkloadTokenSource)

    void setFile(const QString &path) { m_file = path; }
    void setCommand(const QString &command) { m_command = command; }
    void setValue(const QString &token) { m_value = token; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    bool isConfigured() const
    {
        return !m_value.isEmpty() || !m_file.isEmpty() || !m_command.isEmpty();
    }

    // done is called once (on the event loop for a command), unless abort() comes first.
    void fetch(Done done);
    void abort();

    static constexpr qint64 kMaxTokenBytes = 64 * 1024;

private:
    void finishCommand(const Done &done, int exitCode, bool crashed);

    QString m_file;
    QString m_command;
    QString m_value;
    int m_timeoutMs = 10000;
    QPointer<QProcess> m_process;
};

} // namespace mcppm
