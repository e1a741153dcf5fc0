#include "composer.h"

#include "resultview.h"
#include "schemaform.h"
#include "toolhints.h"

#include "pool/poolhost.h"

#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace mcppm::ui {

namespace {

QString settingsKey(const QString &tool)
{
    return QStringLiteral("composer/lastArgs/") + QString::fromLatin1(tool.toUtf8().toHex());
}
} // namespace

Composer::Composer(PoolHost *host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
{
    auto *outer = new QHBoxLayout(this);
    auto *split = new QSplitter(Qt::Horizontal, this);
    outer->addWidget(split);

    // Left: the tools of the pool.
    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QLineEdit(left);
    m_filter->setPlaceholderText(tr("Filter tools…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter tools"));
    m_tools = new QListWidget(left);
    m_tools->setAccessibleName(tr("Tools of the pool"));
    auto *refresh = new QPushButton(tr("Refresh &Tools"), left);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_tools, 1);
    leftLayout->addWidget(refresh);
    connect(refresh, &QPushButton::clicked, this, &Composer::refreshCatalog);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        for (int i = 0; i < m_tools->count(); ++i)
            m_tools->item(i)->setHidden(
                !m_tools->item(i)->text().contains(text, Qt::CaseInsensitive));
    });
    connect(m_tools, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_catalog.size())
            showTool(m_catalog.at(row));
    });

    // Right: the call.
    auto *right = new QWidget(split);
    auto *layout = new QVBoxLayout(right);
    m_header = new QLabel(tr("Pick a tool on the left."), right);
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::RichText);
    layout->addWidget(m_header);
    auto *targetRow = new QHBoxLayout;
    m_target = new QComboBox(right);
    m_target->setAccessibleName(tr("Where to send the call"));
    m_priority = new QSpinBox(right);
    m_priority->setRange(-1000, 1000);
    m_priority->setAccessibleName(tr("Priority"));
    m_timeout = new QSpinBox(right);
    m_timeout->setRange(1, 3600);
    m_timeout->setValue(60);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setAccessibleName(tr("Timeout"));
    m_run = new QPushButton(tr("&Run"), right);
    m_run->setToolTip(tr("Run the call (Ctrl+Return)"));
    m_cancel = new QPushButton(tr("&Cancel"), right);
    auto *targetLabel = new QLabel(tr("Se&nd to:"), right);
    targetLabel->setBuddy(m_target);
    auto *priorityLabel = new QLabel(tr("&Priority:"), right);
    priorityLabel->setBuddy(m_priority);
    auto *timeoutLabel = new QLabel(tr("T&imeout:"), right);
    timeoutLabel->setBuddy(m_timeout);
    targetRow->addWidget(targetLabel);
    targetRow->addWidget(m_target, 1);
    targetRow->addWidget(priorityLabel);
    targetRow->addWidget(m_priority);
    targetRow->addWidget(timeoutLabel);
    targetRow->addWidget(m_timeout);
    targetRow->addWidget(m_run);
    targetRow->addWidget(m_cancel);
    layout->addLayout(targetRow);
    auto *vertical = new QSplitter(Qt::Vertical, right);
    m_form = new SchemaForm(vertical);
    m_form->setErrorListVisible(false); // shown once, in the label below
    auto *bottom = new QWidget(vertical);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    m_problems = new QLabel(bottom);
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color:#c0392b"));
    auto *progressRow = new QHBoxLayout;
    m_progress = new QProgressBar(bottom);
    m_progress->setAccessibleName(tr("Call progress"));
    m_elapsed = new QLabel(bottom);
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_elapsed);
    m_comparison = new QLabel(bottom);
    m_results = new QTabWidget(bottom);
    m_results->setAccessibleName(tr("Results"));
    m_history = new QListWidget(bottom);
    m_history->setAccessibleName(tr("Call history"));
    m_history->setToolTip(tr("Double-click to load a call again"));
    m_history->setMaximumHeight(90);
    bottomLayout->addWidget(m_problems);
    bottomLayout->addLayout(progressRow);
    bottomLayout->addWidget(m_comparison);
    bottomLayout->addWidget(m_results, 1);
    bottomLayout->addWidget(new QLabel(tr("History:"), bottom));
    bottomLayout->addWidget(m_history);
    layout->addWidget(vertical, 1);
    vertical->setStretchFactor(0, 1);
    vertical->setStretchFactor(1, 3);
    vertical->setSizes({220, 520});
    split->setStretchFactor(1, 3);

    m_tick = new QTimer(this);
    m_tick->setInterval(100);
    connect(m_tick, &QTimer::timeout, this, [this]() {
        qint64 longest = 0;
        for (const Running &r : std::as_const(m_running))
            longest = qMax(longest, r.clock.elapsed());
        m_elapsed->setText(tr("%1 s").arg(double(longest) / 1000.0, 0, 'f', 1));
    });
    connect(m_run, &QPushButton::clicked, this, &Composer::run);
    connect(m_cancel, &QPushButton::clicked, this, &Composer::cancel);
    auto *shortcut = new QShortcut(QKeySequence(tr("Ctrl+Return")), this);
    connect(shortcut, &QShortcut::activated, this, &Composer::run);
    connect(m_form, &SchemaForm::valueChanged, this,
            [this]() { m_problems->setText(m_form->validationErrors().join(QLatin1Char('\n'))); });
    connect(m_history, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        selectTool(item->data(Qt::UserRole).toString());
        setArguments(item->data(Qt::UserRole + 1).toJsonObject());
        setTarget(item->data(Qt::UserRole + 2).toString());
    });
    connect(host, &PoolHost::catalogReady, this, &Composer::setCatalog);
    connect(host, &PoolHost::callStarted, this, &Composer::onStarted);
    connect(host, &PoolHost::callProgressed, this, &Composer::onProgress);
    connect(host, &PoolHost::callFinished, this, &Composer::onFinished);
    updateRunState();
}

void Composer::refreshCatalog()
{
    QMetaObject::invokeMethod(m_host, [h = m_host]() { h->requestCatalog(); });
}

int Composer::toolCount() const
{
    return m_tools->count();
}

void Composer::setCatalog(const QList<CatalogTool> &tools)
{
    const QString current = m_tool.tool.name;
    m_catalog = tools;
    const QSignalBlocker block(m_tools);
    m_tools->clear();
    int keep = -1;
    for (int i = 0; i < tools.size(); ++i) {
        const CatalogTool &t = tools.at(i);
        auto *item = new QListWidgetItem(
            tr("%1  (%n server(s))", nullptr, int(t.servers.size())).arg(t.tool.name), m_tools);
        QString tip = t.tool.description;
        const QString h = ToolHints::text(t.tool.annotations);
        if (!h.isEmpty())
            tip += QStringLiteral("\n\n") + h;
        tip += QStringLiteral("\n\n")
            + tr("Offered by: %1").arg(t.servers.join(QStringLiteral(", ")));
        item->setToolTip(tip);
        if (t.tool.name == current)
            keep = i;
    }
    if (keep >= 0) {
        m_tools->setCurrentRow(keep);
        m_tool = tools.at(keep);
        // Keep the form; refresh who offers it.
        const QString target = m_target->currentData().toString();
        showTool(tools.at(keep));
        setTarget(target);
    }
}

bool Composer::selectTool(const QString &name)
{
    for (int i = 0; i < m_catalog.size(); ++i) {
        if (m_catalog.at(i).tool.name == name) {
            m_tools->setCurrentRow(i);
            if (m_tool.tool.name != name)
                showTool(m_catalog.at(i));
            return true;
        }
    }
    return false;
}

void Composer::showTool(const CatalogTool &t)
{
    const bool sameTool = m_tool.tool.name == t.tool.name;
    const QJsonObject keepArgs = sameTool ? m_form->value() : QJsonObject();
    m_tool = t;
    const QString h = ToolHints::text(t.tool.annotations);
    m_header->setText(
        QStringLiteral("<b>%1</b>%2<br>%3<br><i>%4</i>")
            .arg(t.tool.name.toHtmlEscaped(),
                 h.isEmpty() ? QString() : QStringLiteral(" — ") + h.toHtmlEscaped(),
                 t.tool.description.toHtmlEscaped(),
                 tr("offered by %1").arg(t.servers.join(QStringLiteral(", "))).toHtmlEscaped()));
    m_target->clear();
    m_target->addItem(tr("The pool (balanced by the strategy)"), QString());
    m_target->addItem(tr("Every server offering it (%1), side by side").arg(t.servers.size()),
                      QStringLiteral("*"));
    for (const QString &server : t.servers)
        m_target->addItem(tr("Only %1").arg(server), server);
    m_form->setSchema(t.tool.inputSchema);
    if (sameTool) {
        m_form->setValue(keepArgs);
    } else {
        const QByteArray saved = QSettings().value(settingsKey(t.tool.name)).toString().toUtf8();
        const QJsonDocument doc = QJsonDocument::fromJson(saved);
        if (doc.isObject())
            m_form->setValue(doc.object());
    }
    m_problems->setText(m_form->validationErrors().join(QLatin1Char('\n')));
    updateRunState();
}

bool Composer::setTarget(const QString &target)
{
    const int i = m_target->findData(target);
    if (i < 0)
        return false;
    m_target->setCurrentIndex(i);
    return true;
}

void Composer::setArguments(const QJsonObject &arguments)
{
    m_form->setValue(arguments);
}

void Composer::run()
{
    if (m_tool.tool.name.isEmpty() || isRunning())
        return;
    const QStringList problems = m_form->validationErrors();
    if (!problems.isEmpty()) {
        m_problems->setText(
            tr("Fix the arguments first:\n%1").arg(problems.join(QLatin1Char('\n'))));
        return;
    }
    const QJsonObject args = m_form->value();
    QSettings().setValue(settingsKey(m_tool.tool.name),
                         QString::fromUtf8(QJsonDocument(args).toJson(QJsonDocument::Compact)));
    const QString target = m_target->currentData().toString();
    m_lastArgs = args;
    m_lastTarget = target;
    m_fanOut = target == QLatin1String("*");
    m_failedInRun = 0;
    m_results->clear();
    m_comparison->clear();
    const QStringList servers = m_fanOut ? m_tool.servers : QStringList{target};
    const int priority = m_priority->value();
    const int timeoutMs = m_timeout->value() * 1000;
    const QString name = m_tool.tool.name;
    for (const QString &server : servers) {
        const quint64 id = m_nextRequest++;
        Running r;
        r.server = server;
        r.clock.start();
        auto *view = new ResultView(m_results);
        r.tab = m_results->addTab(view, server.isEmpty() ? tr("Result") : server);
        m_running.insert(id, r);
        QMetaObject::invokeMethod(m_host,
                                  [h = m_host, id, name, args, priority, timeoutMs, server]() {
                                      h->callTool(id, name, args, priority, timeoutMs, server);
                                  });
    }
    m_progress->setRange(0, 0); // busy until a progress notification says more
    m_tick->start();
    updateRunState();
}

void Composer::cancel()
{
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it) {
        const quint64 id = it.key();
        QMetaObject::invokeMethod(m_host, [h = m_host, id]() { h->cancelCall(id); });
    }
}

void Composer::onStarted(quint64, quint64) { }

void Composer::onProgress(quint64 requestId, double progress, double total, const QString &message)
{
    if (!m_running.contains(requestId))
        return;
    if (total > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(1000.0 * qBound(0.0, progress / total, 1.0)));
    }
    m_progress->setFormat(message.isEmpty() ? QStringLiteral("%p%") : message);
}

void Composer::onFinished(quint64 requestId, const QJsonObject &result, const QString &serverId,
                          const QString &errorKind, const QString &errorText)
{
    const auto it = m_running.find(requestId);
    if (it == m_running.end())
        return;
    const Running r = it.value();
    m_running.erase(it);
    auto *view = qobject_cast<ResultView *>(m_results->widget(r.tab));
    if (view) {
        if (errorKind.isEmpty())
            view->showResult(result, m_tool.tool.outputSchema, serverId, r.clock.elapsed());
        else
            view->showFailure(errorKind, errorText, serverId, r.clock.elapsed());
        if (r.server.isEmpty() && !serverId.isEmpty())
            m_results->setTabText(r.tab, tr("Result from %1").arg(serverId));
        if (!errorKind.isEmpty() || view->isErrorShown())
            ++m_failedInRun;
    }
    if (!m_running.isEmpty())
        return;
    m_tick->stop();
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    m_progress->setFormat(m_failedInRun ? tr("done, %n failed", nullptr, m_failedInRun)
                                        : tr("done"));
    if (m_fanOut)
        compareResults();
    const QString target = m_lastTarget.isEmpty() ? tr("pool")
        : m_lastTarget == QLatin1String("*")      ? tr("all servers")
                                                  : m_lastTarget;
    addHistory(tr("%1  %2 → %3: %4")
                   .arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")),
                        m_tool.tool.name, target,
                        m_failedInRun ? tr("%n failed", nullptr, m_failedInRun) : tr("ok")),
               m_lastArgs, m_lastTarget);
    updateRunState();
    Q_EMIT runFinished();
}

void Composer::compareResults()
{
    // Side by side: the same content everywhere, or which servers differ.
    QHash<QByteArray, QStringList> groups;
    for (int i = 0; i < m_results->count(); ++i) {
        auto *view = qobject_cast<ResultView *>(m_results->widget(i));
        QJsonObject r = view ? view->result() : QJsonObject();
        r.remove(QStringLiteral("_meta"));
        const QByteArray key = view && !view->result().isEmpty()
            ? QJsonDocument(r).toJson(QJsonDocument::Compact)
            : QByteArray("failed");
        groups[key].append(m_results->tabText(i));
    }
    if (groups.size() <= 1) {
        m_comparison->setText(
            tr("✔ All %n server(s) gave the same result.", nullptr, int(m_results->count())));
        m_comparison->setStyleSheet(QStringLiteral("color:#14532d"));
        return;
    }
    m_comparison->setText(
        tr("≠ The servers disagree: %n different result(s).", nullptr, int(groups.size())));
    m_comparison->setStyleSheet(QStringLiteral("color:#7a1212;font-weight:bold"));
    // Mark the tabs that differ from the most common answer.
    QByteArray common;
    qsizetype most = 0;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        if (it.value().size() > most) {
            most = it.value().size();
            common = it.key();
        }
    }
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        if (it.key() == common)
            continue;
        for (int i = 0; i < m_results->count(); ++i) {
            if (it.value().contains(m_results->tabText(i)))
                m_results->setTabText(i, QStringLiteral("≠ ") + m_results->tabText(i));
        }
    }
}

QString Composer::comparisonText() const
{
    return m_comparison->text();
}

void Composer::addHistory(const QString &summary, const QJsonObject &args, const QString &target)
{
    auto *item = new QListWidgetItem(summary);
    item->setData(Qt::UserRole, m_tool.tool.name);
    item->setData(Qt::UserRole + 1, args);
    item->setData(Qt::UserRole + 2, target);
    item->setToolTip(QString::fromUtf8(QJsonDocument(args).toJson(QJsonDocument::Compact)));
    m_history->insertItem(0, item);
    while (m_history->count() > 200)
        delete m_history->takeItem(m_history->count() - 1);
}

int Composer::historyCount() const
{
    return m_history->count();
}

int Composer::resultCount() const
{
    return m_results->count();
}

ResultView *Composer::resultView(int index) const
{
    return qobject_cast<ResultView *>(m_results->widget(index));
}

void Composer::updateRunState()
{
    const bool running = isRunning();
    m_run->setEnabled(!running && !m_tool.tool.name.isEmpty());
    m_cancel->setEnabled(running);
    m_target->setEnabled(!running);
}

} // namespace mcppm::ui
