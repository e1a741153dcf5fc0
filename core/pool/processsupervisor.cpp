#include "pool/processsupervisor.h"

#include "net/safetext.h"

#include <QJsonArray>
#include <QTimer>

namespace mcppm {

QString ProcessSupervisor::stateName(State state)
{
    switch (state) {
    case State::NotStarted:
        return QStringLiteral("not-started");
    case State::Starting:
        return QStringLiteral("starting");
    case State::Running:
        return QStringLiteral("running");
    case State::Exited:
        return QStringLiteral("exited");
    case State::GaveUp:
        return QStringLiteral("gave-up");
    case State::Stopped:
        return QStringLiteral("stopped");
    }
    return {};
}

ProcessSupervisor::ProcessSupervisor(const StdioTransportOptions &launch,
                                     const ProcessSupervisorOptions &options, QObject *parent)
    : QObject(parent)
    , m_launch(launch)
    , m_options(options)
{
    m_clock.start();
    m_sampleTimer = new QTimer(this);
    m_sampleTimer->setInterval(qMax(50, options.sampleIntervalMs));
    connect(m_sampleTimer, &QTimer::timeout, this, &ProcessSupervisor::sample);
}

ProcessSupervisor::~ProcessSupervisor() = default;

QString ProcessSupervisor::commandLine() const
{
    QStringList parts{m_launch.program};
    parts += m_launch.args;
    return SafeText::escape(parts.join(QLatin1Char(' ')));
}

void ProcessSupervisor::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

Transport *ProcessSupervisor::createTransport(QObject *parent)
{
    StdioTransportOptions launch = m_launch;
    const qint64 now = m_clock.elapsed();
    if (m_state != State::GaveUp && m_attempts > 0) {
        // A restart: the previous process ended or hung (or never started).
        const qint64 ran
            = m_state == State::Running && m_startedAtMs >= 0 ? now - m_startedAtMs : m_lastRunMs;
        if (ran >= m_options.stableAfterMs)
            m_streak = 0;
        ++m_restarts;
        m_restartTimes.append(now);
        while (!m_restartTimes.isEmpty() && now - m_restartTimes.first() > 60000)
            m_restartTimes.removeFirst();
        if (m_restartTimes.size() > m_options.maxRestartsPerMinute) {
            setState(State::GaveUp);
            QString why = QStringLiteral("gave up: %1 restarts within a minute (limit %2)")
                              .arg(m_restartTimes.size())
                              .arg(m_options.maxRestartsPerMinute);
            const QString last = !m_lastError.isEmpty() ? m_lastError : m_lastExit;
            if (!last.isEmpty())
                why += QStringLiteral("; last: ") + last;
            m_lastError = why;
            Q_EMIT eventOccurred(why);
        } else {
            const double delay = double(m_options.restartDelayMs) * double(1 << qMin(m_streak, 16));
            launch.startDelayMs = int(qMin(delay, double(m_options.restartMaxDelayMs)));
            ++m_streak;
        }
    }
    if (m_state == State::GaveUp) {
        launch.refusal = QStringLiteral("%1 (restart the process by hand)").arg(m_lastError);
    } else {
        ++m_attempts;
        setState(State::Starting);
    }
    auto *transport = new StdioTransport(launch, parent);
    m_current = transport;
    connect(transport, &StdioTransport::processStarted, this, [this, transport](qint64 pid) {
        if (transport == m_current)
            onStarted(pid);
    });
    connect(transport, &StdioTransport::processExited, this,
            [this, transport](const QString &description, bool expected) {
                if (transport == m_current)
                    onExited(description, expected);
                else
                    Q_EMIT eventOccurred(description);
            });
    connect(transport, &StdioTransport::stderrLineReceived, this, [this](const QString &line) {
        m_stderr.append(line);
        while (m_stderr.size() > m_options.stderrKeepLines)
            m_stderr.removeFirst();
        Q_EMIT stderrLineReceived(line);
    });
    connect(transport, &Transport::failed, this, [this, transport](const McpError &error) {
        if (transport != m_current || m_state == State::GaveUp)
            return;
        m_lastError = error.message;
        if (m_pid == 0) // never started (bad command, refused)
            setState(State::Exited);
    });
    return transport;
}

void ProcessSupervisor::restartByHand()
{
    m_restartTimes.clear();
    m_streak = 0;
    m_lastError.clear();
    if (m_state == State::GaveUp) {
        setState(State::Exited);
        Q_EMIT eventOccurred(QStringLiteral("restart by hand: the supervisor tries again"));
    }
}

void ProcessSupervisor::onStarted(qint64 pid)
{
    m_pid = pid;
    m_startedAtMs = m_clock.elapsed();
    m_lastError.clear();
    m_usage.reset();
    m_usage.sample(pid, m_startedAtMs);
    m_sampleTimer->start();
    setState(State::Running);
    Q_EMIT eventOccurred(
        QStringLiteral("process started (pid %1): %2").arg(pid).arg(commandLine()));
}

void ProcessSupervisor::onExited(const QString &description, bool expected)
{
    m_pid = 0;
    m_lastRunMs = m_startedAtMs >= 0 ? m_clock.elapsed() - m_startedAtMs : 0;
    m_sampleTimer->stop();
    m_usage.reset();
    m_lastExit = description;
    setState(expected ? State::Stopped : State::Exited);
    Q_EMIT eventOccurred(description);
}

qint64 ProcessSupervisor::rssBytes() const
{
    qint64 cpuMs = 0;
    qint64 rss = 0;
    return m_pid > 0 && ProcessUsage::read(m_pid, &cpuMs, &rss) ? rss : 0;
}

void ProcessSupervisor::sample()
{
    if (m_pid > 0)
        m_usage.sample(m_pid, m_clock.elapsed());
}

QJsonObject ProcessSupervisor::toJson(int stderrLines) const
{
    QJsonObject o;
    o.insert(QStringLiteral("pid"), m_pid);
    o.insert(QStringLiteral("cpuPercent"), qRound(cpuPercent() * 10) / 10.0);
    o.insert(QStringLiteral("rssBytes"), rssBytes());
    o.insert(QStringLiteral("restarts"), m_restarts);
    o.insert(QStringLiteral("state"), stateName(m_state));
    o.insert(QStringLiteral("command"), commandLine());
    if (!m_lastExit.isEmpty())
        o.insert(QStringLiteral("lastExit"), m_lastExit);
    if (!m_lastError.isEmpty())
        o.insert(QStringLiteral("lastError"), m_lastError);
    QJsonArray tail;
    for (qsizetype i = qMax<qsizetype>(0, m_stderr.size() - stderrLines); i < m_stderr.size(); ++i)
        tail.append(m_stderr.at(i));
    o.insert(QStringLiteral("stderrTail"), tail);
    return o;
}

} // namespace mcppm
