#pragma once

#include "poolctloptions.h"

#include "mcp/clientfeatures.h"

#include <QJsonObject>
#include <QString>
#include <QTextStream>

namespace mcppm::poolctl {

// Answers what servers ask of mcp-poolctl (elicitation, sampling, roots) in
// both eras: from --elicit / --sampling / --roots, or by asking on the
// terminal when stdin is one. features() declares only what it can answer.
class InputAnswerer final
{
public:
    // `interactive`: stdin is a terminal (ask there what the options leave open).
    InputAnswerer(const PoolctlOptions &options, QTextStream &err, bool interactive);
    Q_DISABLE_COPY_MOVE(InputAnswerer)

    static bool stdinIsTerminal();

    ClientFeatures features() const;
    void answer(const QString &serverId, const QString &method, const QJsonObject &params,
                const InputResponder &respond);

    // Text of a sampling/prompt content item: text as is, other kinds summarised.
    static QString contentText(const QJsonObject &content);

private:
    void elicit(const QString &serverId, const QJsonObject &params, const InputResponder &respond);
    void elicitOnTerminal(const QString &serverId, const QJsonObject &params,
                          const InputResponder &respond);
    void sample(const QString &serverId, const QJsonObject &params, const InputResponder &respond);
    void roots(const InputResponder &respond);
    // A line from stdin (without its end); false at the end of input.
    bool readLine(const QString &prompt, QString *line);

    PoolctlOptions m_options;
    QTextStream &m_err;
    bool m_interactive = false;
};

} // namespace mcppm::poolctl
