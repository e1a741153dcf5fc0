#pragma once

#include "pool/healthmonitor.h"
#include "pool/poolsnapshot.h"

#include "mcp/mcpcatalog.h"

#include <QJsonObject>
#include <QMetaType>

namespace mcppm {

// Everything the UI shows about one server, gathered on request in the
// core's thread (the catalog lists are fetched fresh, all pages).
struct ServerDetail
{
    QString id;
    QString url;
    QString status;
    QString lastError;
    QString transport; // "streamable-http" or "sse"
    QString sessionId; // shortened: the first characters only
    QString protocolVersion;
    QString serverName;
    QString serverTitle;
    QString serverVersion;
    QString instructions;
    QJsonObject capabilities;
    QList<ToolInfo> tools;
    QList<ResourceInfo> resources;
    QList<ResourceTemplateInfo> templates;
    QList<PromptInfo> prompts;
    QStringList catalogErrors; // a list that could not be fetched, and why
    struct Transition
    {
        qint64 timeMs = 0; // wall clock
        QString from;
        QString to;
        QString reason;
    };
    QList<Transition> history; // oldest first
    QList<PoolEvent> recentErrors; // newest last
    int consecutiveFailures = 0;
    int reconnectAttempt = 0;
    // A local (stdio) server: its process as the supervisor sees it.
    struct Process
    {
        bool local = false;
        QString command; // program and arguments, escaped (never the environment)
        QString state; // ProcessSupervisor::stateName()
        qint64 pid = 0;
        int restarts = 0;
        QString lastExit;
        QStringList stderrTail; // the newest lines, escaped, oldest first
    };
    Process process;
};

// A tool as the pool offers it: its definition (from the first server that
// lists it) and every server in rotation that offers it.
struct CatalogTool
{
    ToolInfo tool;
    QStringList servers;
};

// Resources and templates as the pool offers them, with the servers that list each.
struct CatalogResource
{
    ResourceInfo resource;
    QStringList servers;
};
struct CatalogTemplate
{
    ResourceTemplateInfo resourceTemplate;
    QStringList servers;
};

} // namespace mcppm

Q_DECLARE_METATYPE(mcppm::ServerDetail)
Q_DECLARE_METATYPE(mcppm::CatalogResource)
Q_DECLARE_METATYPE(mcppm::CatalogTemplate)
Q_DECLARE_METATYPE(mcppm::CatalogTool)
