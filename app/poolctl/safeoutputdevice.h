#pragma once

#include <QIODevice>

#include <cstdio>

namespace mcppm::poolctl {

// stdout/stderr for mcp-poolctl's QTextStreams: everything written passes
// through SafeText (multi-line: newlines and tabs kept), so no string a
// server sent (reason phrase, error body, server info, tool text) can reach
// the terminal as an escape sequence, whichever path printed it. JSON output
// is made safe before (Output::printJson) and passes unchanged.
class SafeOutputDevice final : public QIODevice
{
    Q_OBJECT
public:
    explicit SafeOutputDevice(FILE *file, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SafeOutputDevice)

    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    FILE *m_file;
    QByteArray m_partial; // an incomplete UTF-8 sequence from the last write
};

} // namespace mcppm::poolctl
