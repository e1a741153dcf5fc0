#include "stdiodemoserver.h"

#include "democatalog.h"

#include "mcp/modernrequestcheck.h"
#include "net/version.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>
#include <cstdio>
#include <unistd.h>

namespace mcppm::demo {

namespace {
const QString kModernVersion = QStringLiteral("2026-07-28");
const QString kMetaVersion = QStringLiteral("io.modelcontextprotocol/protocolVersion");
const QString kMetaServerInfo = QStringLiteral("io.modelcontextprotocol/serverInfo");
const QStringList kLegacyVersions{QStringLiteral("2025-11-25"), QStringLiteral("2025-06-18"),
                                  QStringLiteral("2025-03-26"), QStringLiteral("2024-11-05")};

bool writeAll(int fd, const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}
} // namespace

StdioDemoServer::StdioDemoServer(const WorkerOptions &options, int stderrFloodKiB, int busyUs,
                                 QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_stderrFloodKiB(stderrFloodKiB)
    , m_busyUs(busyUs)
{ }

StdioDemoServer::~StdioDemoServer() = default;

void StdioDemoServer::start()
{
    m_notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &StdioDemoServer::onReadable);
    std::fprintf(stderr, "%s: MCP over stdio (pid %lld)\n", qPrintable(m_options.name),
                 static_cast<long long>(::getpid()));
    flood(m_stderrFloodKiB);
}

void StdioDemoServer::flood(int kib)
{
    if (kib <= 0)
        return;
    const QByteArray line = QByteArray(99, 'x') + '\n';
    QByteArray chunk;
    for (int i = 0; i < 10; ++i)
        chunk += line;
    for (int written = 0; written < kib * 1024; written += int(chunk.size()))
        writeAll(STDERR_FILENO, chunk);
}

void StdioDemoServer::onReadable()
{
    char buffer[65536];
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) { // stdin closed: the client is done with us
        m_notifier->setEnabled(false);
        std::fprintf(stderr, "%s: stdin closed, exiting\n", qPrintable(m_options.name));
        QCoreApplication::exit(0);
        return;
    }
    m_buffer.append(buffer, n);
    qsizetype start = 0;
    qsizetype newline = m_buffer.indexOf('\n');
    while (newline >= 0) {
        handle(m_buffer.mid(start, newline - start));
        start = newline + 1;
        newline = m_buffer.indexOf('\n', start);
    }
    m_buffer.remove(0, start);
}

void StdioDemoServer::handle(const QByteArray &line)
{
    if (line.trimmed().isEmpty() || m_hanging)
        return;
    QString why;
    const QList<JsonRpcMessage> messages = JsonRpcMessage::parse(line, &why);
    if (messages.isEmpty()) {
        write(JsonRpcMessage::error(QJsonValue::Null, JsonRpcMessage::ParseError, why));
        return;
    }
    for (const JsonRpcMessage &message : messages) {
        if (message.isRequest())
            handleRequest(message);
        // Notifications (initialized, cancelled) and responses need no answer.
    }
}

QJsonObject StdioDemoServer::serverInfo() const
{
    QJsonObject info;
    info.insert(QStringLiteral("name"), m_options.name);
    info.insert(QStringLiteral("version"), QString::fromLatin1(kVersion));
    return info;
}

void StdioDemoServer::handleRequest(const JsonRpcMessage &message)
{
    const QJsonObject params = message.params.toObject();
    const QJsonObject meta = params.value(QStringLiteral("_meta")).toObject();
    const bool modern
        = m_options.era != Era::Legacy && meta.value(kMetaVersion).toString() == kModernVersion;
    const QString &method = message.method;
    auto error = [&](int code, const QString &text) {
        write(JsonRpcMessage::error(message.id, code, text));
    };
    if (method == QLatin1String("initialize")) {
        if (m_options.era == Era::Modern)
            return error(JsonRpcMessage::MethodNotFound,
                         QStringLiteral("Method not found: initialize (this server speaks MCP "
                                        "2026-07-28 only)"));
        const QString asked = params.value(QStringLiteral("protocolVersion")).toString();
        QJsonObject result;
        result.insert(QStringLiteral("protocolVersion"),
                      kLegacyVersions.contains(asked) ? asked : kLegacyVersions.first());
        QJsonObject capabilities;
        capabilities.insert(QStringLiteral("tools"), QJsonObject());
        result.insert(QStringLiteral("capabilities"), capabilities);
        result.insert(QStringLiteral("serverInfo"), serverInfo());
        m_initialized = true;
        return write(JsonRpcMessage::response(message.id, result));
    }
    if (method == QLatin1String("ping"))
        return write(JsonRpcMessage::response(message.id, QJsonObject()));
    if (method == QLatin1String("server/discover")) {
        if (m_options.era == Era::Legacy)
            return error(JsonRpcMessage::MethodNotFound,
                         QStringLiteral("Method not found: server/discover"));
        QJsonObject result;
        result.insert(QStringLiteral("supportedVersions"),
                      QJsonArray::fromStringList(ModernRequestCheck::supportedVersions()));
        QJsonObject capabilities;
        capabilities.insert(QStringLiteral("tools"), QJsonObject());
        result.insert(QStringLiteral("capabilities"), capabilities);
        return answer(message, true, result);
    }
    if (!modern && !m_initialized)
        return error(JsonRpcMessage::InvalidRequest, QStringLiteral("not initialized"));
    if (method == QLatin1String("tools/list")) {
        QJsonObject result;
        QJsonArray tools;
        for (const QJsonValue &tool : DemoCatalog::legacyTools()) {
            if (!m_options.withoutTools.contains(tool.toObject().value(QStringLiteral("name"))))
                tools.append(tool);
        }
        result.insert(QStringLiteral("tools"), tools);
        return answer(message, modern, result);
    }
    if (method == QLatin1String("resources/list")) {
        QJsonObject result;
        result.insert(QStringLiteral("resources"), QJsonArray());
        return answer(message, modern, result);
    }
    if (method == QLatin1String("resources/templates/list")) {
        QJsonObject result;
        result.insert(QStringLiteral("resourceTemplates"), QJsonArray());
        return answer(message, modern, result);
    }
    if (method == QLatin1String("prompts/list")) {
        QJsonObject result;
        result.insert(QStringLiteral("prompts"), QJsonArray());
        return answer(message, modern, result);
    }
    if (method == QLatin1String("tools/call"))
        return callTool(message, modern);
    error(JsonRpcMessage::MethodNotFound, QStringLiteral("Method not found: %1").arg(method));
}

void StdioDemoServer::callTool(const JsonRpcMessage &message, bool modern)
{
    const QJsonObject params = message.params.toObject();
    const QString name = params.value(QStringLiteral("name")).toString();
    const QJsonObject args = params.value(QStringLiteral("arguments")).toObject();
    if (m_options.withoutTools.contains(name)
        || DemoCatalog::findTool(DemoCatalog::legacyTools(), name).isEmpty()) {
        write(JsonRpcMessage::error(message.id, JsonRpcMessage::InvalidParams,
                                    QStringLiteral("Unknown tool: %1").arg(name)));
        return;
    }
    if (m_options.hangAfter >= 0 && m_toolCalls >= m_options.hangAfter) {
        m_hanging = true; // answers nothing from now on
        std::fprintf(stderr, "%s: hanging now\n", qPrintable(m_options.name));
        return;
    }
    QJsonObject result;
    int delayMs = m_options.latencyMs;
    if (name == QLatin1String("echo")) {
        result = args.value(QStringLiteral("message")).isString()
            ? DemoCatalog::toolResult(args.value(QStringLiteral("message")).toString())
            : DemoCatalog::toolResult(QStringLiteral("echo needs a string \"message\""), true);
    } else if (name == QLatin1String("add")) {
        const double sum = args.value(QStringLiteral("a")).toDouble()
            + args.value(QStringLiteral("b")).toDouble();
        result = DemoCatalog::toolResult(QString::number(sum, 'g', 17));
        QJsonObject structured;
        structured.insert(QStringLiteral("sum"), sum);
        result.insert(QStringLiteral("structuredContent"), structured);
    } else if (name == QLatin1String("fail")) {
        result = DemoCatalog::toolResult(
            args.value(QStringLiteral("message")).toString(QStringLiteral("failed on purpose")),
            true);
    } else { // sleep, progress
        const int ms = name == QLatin1String("sleep") ? args.value(QStringLiteral("ms")).toInt()
                                                      : args.value(QStringLiteral("steps")).toInt(1)
                * args.value(QStringLiteral("interval_ms")).toInt(0);
        delayMs += qBound(0, ms, 600000);
        result = DemoCatalog::toolResult(QStringLiteral("done after %1 ms").arg(ms));
    }
    if (m_busyUs > 0) { // CPU work on the only thread: calls are served one after another
        QElapsedTimer busy;
        busy.start();
        volatile quint64 sink = 0;
        while (busy.nsecsElapsed() < qint64(m_busyUs) * 1000)
            for (int i = 0; i < 1000; ++i)
                sink = sink + quint64(i);
    }
    ++m_toolCalls;
    const bool dies = m_options.dieAfter > 0 && m_toolCalls >= m_options.dieAfter;
    auto send = [this, message, modern, result, dies]() {
        if (m_hanging)
            return;
        answer(message, modern, result);
        flood(m_stderrFloodKiB);
        if (dies) {
            std::fprintf(stderr, "%s: dying after %lld tool calls (--die-after)\n",
                         qPrintable(m_options.name), static_cast<long long>(m_toolCalls));
            std::fflush(stderr);
            ::_exit(3);
        }
    };
    if (delayMs > 0)
        QTimer::singleShot(delayMs, this, send);
    else
        send();
}

void StdioDemoServer::answer(const JsonRpcMessage &message, bool modern, QJsonObject result)
{
    if (modern) {
        result.insert(QStringLiteral("resultType"), QStringLiteral("complete"));
        QJsonObject meta = result.value(QStringLiteral("_meta")).toObject();
        meta.insert(kMetaServerInfo, serverInfo());
        result.insert(QStringLiteral("_meta"), meta);
    }
    write(JsonRpcMessage::response(message.id, result));
}

void StdioDemoServer::write(const JsonRpcMessage &message)
{
    if (!writeAll(STDOUT_FILENO, message.toBytes() + '\n'))
        QCoreApplication::exit(1); // the client is gone
}

} // namespace mcppm::demo
