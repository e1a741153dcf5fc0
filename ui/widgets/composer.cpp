#include "composer.h"

#include "net/safetext.h"

#include "resultview.h"
#include "schemaform.h"
#include "toolhints.h"

#include "controllers/poolclient.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace mcppm::ui {

namespace {

QString settingsKey(const QString &tool)
{
    return QStringLiteral("composer/lastArgs/") + QString::fromLatin1(tool.toUtf8().toHex());
}

// History entries keep what a named request needs.
enum HistoryRole {
    ToolRole = Qt::UserRole,
    ArgumentsRole,
    TargetRole,
    PriorityRole,
    TimeoutRole,
};
} // namespace

Composer::Composer(PoolClient *pool, QWidget *parent)
    : QWidget(parent)
    , m_pool(pool)
{
    auto *outer = new QHBoxLayout(this);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("composerSplitter"));
    split->setChildrenCollapsible(false);
    m_split = split;
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
    m_tools->setMinimumWidth(150);
    m_tools->setTextElideMode(Qt::ElideMiddle);
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
    // The tool's name and description, and saving the call as it stands.
    auto *headerRow = new QHBoxLayout;
    headerRow->addWidget(m_header, 1);
    layout->addLayout(headerRow);
    // Named requests, kept in the profile.
    auto *savedRow = new QHBoxLayout;
    m_savedBox = new QComboBox(right);
    m_savedBox->setAccessibleName(tr("Saved requests"));
    m_savedBox->setPlaceholderText(tr("No saved requests"));
    m_savedBox->setToolTip(tr("Requests saved in the profile; pick one to load it"));
    m_savedBox->setMinimumContentsLength(8);
    m_savedBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    auto *savedLabel = new QLabel(tr("Saved requests:"), right);
    savedLabel->setBuddy(m_savedBox);
    m_loadSaved = new QPushButton(tr("Load"), right);
    m_loadSaved->setAccessibleName(tr("Load the saved request"));
    m_loadSaved->setToolTip(tr("Load the saved request into the form"));
    m_runSaved = new QPushButton(tr("Run Sav&ed"), right);
    m_runSaved->setAccessibleName(tr("Run the saved request"));
    m_runSaved->setToolTip(tr("Load the saved request and run it"));
    m_deleteSaved = new QPushButton(tr("&Delete"), right);
    m_deleteSaved->setAccessibleName(tr("Delete the saved request"));
    savedRow->addWidget(savedLabel);
    savedRow->addWidget(m_savedBox, 1);
    savedRow->addWidget(m_loadSaved);
    savedRow->addWidget(m_runSaved);
    savedRow->addWidget(m_deleteSaved);
    layout->addLayout(savedRow);
    // Where to send it on one row, how (priority, timeout) and the buttons on
    // the next: each keeps a usable width in a narrow window.
    auto *targetRow = new QHBoxLayout;
    m_target = new QComboBox(right);
    m_target->setAccessibleName(tr("Where to send the call"));
    m_target->setMinimumContentsLength(16);
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_priority = new QSpinBox(right);
    m_priority->setRange(-1000, 1000);
    m_priority->setAccessibleName(tr("Priority"));
    m_timeout = new QSpinBox(right);
    m_timeout->setRange(1, 3600);
    m_timeout->setValue(60);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setAccessibleName(tr("Timeout"));
    m_run = new QPushButton(tr("R&un"), right);
    m_run->setToolTip(tr("Run the call (Ctrl+Return)"));
    m_run->setDefault(true);
    m_cancel = new QPushButton(tr("&Cancel"), right);
    m_saveCurrent = new QPushButton(tr("Save as Named Re&quest…"), right);
    m_saveCurrent->setObjectName(QStringLiteral("saveAsNamedRequest"));
    m_saveCurrent->setAccessibleName(tr("Save this call as a named request"));
    m_saveCurrent->setToolTip(
        tr("Keep the tool, its arguments, the target, priority and timeout in the profile "
           "under a name"));
    auto *targetLabel = new QLabel(tr("Se&nd to:"), right);
    targetLabel->setBuddy(m_target);
    auto *priorityLabel = new QLabel(tr("Priorit&y:"), right);
    priorityLabel->setBuddy(m_priority);
    auto *timeoutLabel = new QLabel(tr("T&imeout:"), right);
    timeoutLabel->setBuddy(m_timeout);
    targetRow->addWidget(targetLabel);
    targetRow->addWidget(m_target, 1);
    layout->addLayout(targetRow);
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(priorityLabel);
    runRow->addWidget(m_priority);
    runRow->addSpacing(8);
    runRow->addWidget(timeoutLabel);
    runRow->addWidget(m_timeout);
    runRow->addStretch();
    headerRow->addWidget(m_saveCurrent, 0, Qt::AlignTop);
    runRow->addWidget(m_run);
    runRow->addWidget(m_cancel);
    layout->addLayout(runRow);
    auto *vertical = new QSplitter(Qt::Vertical, right);
    vertical->setObjectName(QStringLiteral("composerVertical"));
    vertical->setChildrenCollapsible(false);
    m_vertical = vertical;
    m_form = new SchemaForm(vertical);
    m_form->setErrorListVisible(false); // shown once, in the label below
    m_form->setMinimumHeight(90);
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
    m_comparison->hide(); // only for a call to every server
    m_results = new QTabWidget(bottom);
    m_results->setAccessibleName(tr("Results"));
    bottomLayout->addWidget(m_problems);
    bottomLayout->addLayout(progressRow);
    bottomLayout->addWidget(m_comparison);
    bottomLayout->addWidget(m_results, 1);
    // The history: a third part of the splitter, small unless pulled open.
    auto *historyBox = new QWidget(vertical);
    auto *historyLayout = new QVBoxLayout(historyBox);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    m_history = new QListWidget(historyBox);
    m_history->setAccessibleName(tr("Call history"));
    m_history->setToolTip(tr("Double-click to load a call again"));
    m_history->setMinimumHeight(40);
    auto *historyLabel = new QLabel(tr("Hist&ory:"), historyBox);
    historyLabel->setBuddy(m_history);
    historyLayout->addWidget(historyLabel);
    historyLayout->addWidget(m_history, 1);
    layout->addWidget(vertical, 1);
    // The results take the room: the form as much as it needs, the history a little.
    vertical->setStretchFactor(0, 2);
    vertical->setStretchFactor(1, 5);
    vertical->setStretchFactor(2, 1);
    vertical->setSizes({200, 420, 90});
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({210, 800});
    m_defaultSplit = split->saveState();
    m_defaultVertical = vertical->saveState();

    m_elapsed->setObjectName(QStringLiteral("elapsed"));
    m_elapsed->setMinimumWidth(m_elapsed->fontMetrics().horizontalAdvance(tr("%1 ms").arg(9999))
                               + 4);
    m_elapsed->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_tick = new QTimer(this);
    m_tick->setInterval(100);
    connect(m_tick, &QTimer::timeout, this, [this]() { showElapsed(m_runClock.elapsed()); });
    connect(m_run, &QPushButton::clicked, this, &Composer::run);
    connect(m_cancel, &QPushButton::clicked, this, &Composer::cancel);
    auto *shortcut = new QShortcut(QKeySequence(tr("Ctrl+Return")), this);
    connect(shortcut, &QShortcut::activated, this, &Composer::run);
    connect(m_form, &SchemaForm::valueChanged, this,
            [this]() { m_problems->setText(m_form->validationErrors().join(QLatin1Char('\n'))); });
    connect(m_history, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        selectTool(item->data(ToolRole).toString());
        setArguments(item->data(ArgumentsRole).toJsonObject());
        setTarget(item->data(TargetRole).toString());
    });
    // The form as it is (a tool chosen is enough), or a call from the history.
    auto *saveAction = new QAction(tr("Save as Named Request…"), m_history);
    m_history->addAction(saveAction);
    m_history->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(saveAction, &QAction::triggered, this, &Composer::askSaveHistory);
    connect(m_saveCurrent, &QPushButton::clicked, this, &Composer::askSaveCurrent);
    connect(m_history, &QListWidget::currentRowChanged, this,
            [saveAction](int row) { saveAction->setEnabled(row >= 0); });
    saveAction->setEnabled(false);
    connect(m_savedBox, &QComboBox::activated, this,
            [this](int i) { loadSavedRequest(m_savedBox->itemText(i)); });
    connect(m_loadSaved, &QPushButton::clicked, this,
            [this]() { loadSavedRequest(m_savedBox->currentText()); });
    connect(m_runSaved, &QPushButton::clicked, this, [this]() {
        const QString name = m_savedBox->currentText();
        if (name.isEmpty())
            m_problems->setText(tr("Pick a saved request first."));
        else if (isRunning())
            m_problems->setText(tr("A call is running; cancel it or wait for it to end."));
        else
            runSavedRequest(name);
    });
    connect(m_deleteSaved, &QPushButton::clicked, this, &Composer::askDeleteSaved);
    refreshSavedList();
    connect(pool, &PoolClient::catalogReady, this, &Composer::setCatalog);
    connect(pool, &PoolClient::callStarted, this, &Composer::onStarted);
    connect(pool, &PoolClient::callProgressed, this, &Composer::onProgress);
    connect(pool, &PoolClient::callFinished, this, &Composer::onFinished);
    updateRunState();
}

void Composer::refreshCatalog()
{
    m_pool->requestCatalog();
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
        auto *item = new QListWidgetItem(tr("%1  (%n server(s))", nullptr, int(t.servers.size()))
                                             .arg(SafeText::escape(t.tool.name)),
                                         m_tools);
        // Server-supplied text is shown escaped: no control or bidi characters.
        QString tip = SafeText::escape(t.tool.description, SafeText::Mode::MultiLine);
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
    if (m_pending) {
        const NamedRequest pending = *m_pending;
        const bool runAfter = m_runPending;
        m_pending.reset();
        m_runPending = false;
        const bool offered
            = std::any_of(tools.cbegin(), tools.cend(),
                          [&pending](const CatalogTool &t) { return t.tool.name == pending.tool; });
        if (offered)
            applyRequest(pending, runAfter);
        else
            m_problems->setText(tr("The pool does not offer the tool %1 of the saved request "
                                   "“%2”.")
                                    .arg(pending.tool, pending.name));
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
    if (!sameTool && !isRunning())
        clearResults(); // another tool's answer does not belong under this one
    m_tool = t;
    const QString h = ToolHints::text(t.tool.annotations);
    m_header->setText(
        QStringLiteral("<b>%1</b>%2<br>%3<br><i>%4</i>")
            .arg(SafeText::escape(t.tool.name).toHtmlEscaped(),
                 h.isEmpty() ? QString() : QStringLiteral(" — ") + h.toHtmlEscaped(),
                 SafeText::escape(t.tool.description).toHtmlEscaped(),
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
    // A required field left empty is sent only when Run is pressed again.
    const QStringList empty = m_form->emptyRequiredFields();
    const QByteArray attempt
        = m_tool.tool.name.toUtf8() + '\n' + QJsonDocument(args).toJson(QJsonDocument::Compact);
    if (!empty.isEmpty() && attempt != m_confirmedEmpty) {
        m_confirmedEmpty = attempt;
        m_problems->setText(tr("Required and empty: %1. Press Run again to send it like this.")
                                .arg(empty.join(QStringLiteral(", "))));
        return;
    }
    m_confirmedEmpty.clear();
    QSettings().setValue(settingsKey(m_tool.tool.name),
                         QString::fromUtf8(QJsonDocument(args).toJson(QJsonDocument::Compact)));
    const QString target = m_target->currentData().toString();
    m_lastArgs = args;
    m_lastTarget = target;
    m_lastPriority = m_priority->value();
    m_lastTimeoutMs = m_timeout->value() * 1000;
    m_fanOut = target == QLatin1String("*");
    m_failedInRun = 0;
    m_cancelledInRun = 0;
    m_results->clear();
    m_comparison->clear();
    m_comparison->hide();
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
        connect(view, &ResultView::resourceLinkActivated, this, &Composer::resourceLinkActivated);
        r.tab = m_results->addTab(view, server.isEmpty() ? tr("Result") : server);
        m_running.insert(id, r);
        m_pool->callTool(id, name, args, priority, timeoutMs, server);
    }
    m_progress->setRange(0, 0); // busy until a progress notification says more
    m_progress->setFormat(QStringLiteral("%p%"));
    m_problems->clear();
    m_runClock.start();
    showElapsed(0);
    m_tick->start();
    updateRunState();
}

void Composer::showElapsed(qint64 ms)
{
    m_elapsed->setText(ms < 1000 ? tr("%1 ms").arg(ms)
                                 : tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1));
}

QString Composer::elapsedText() const
{
    return m_elapsed->text();
}

QString Composer::problemsText() const
{
    return m_problems->text();
}

QString Composer::progressText() const
{
    return m_progress->format();
}

void Composer::clearResults()
{
    m_results->clear();
    m_comparison->clear();
    m_comparison->hide();
    m_elapsed->clear();
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(QString());
    m_confirmedEmpty.clear();
}

void Composer::resetLayout()
{
    m_split->restoreState(m_defaultSplit);
    m_vertical->restoreState(m_defaultVertical);
}

void Composer::cancel()
{
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it) {
        m_pool->cancelCall(it.key());
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
        const bool cancelled = errorKind == QLatin1String("cancelled");
        if (errorKind.isEmpty())
            view->showResult(result, m_tool.tool.outputSchema, serverId, r.clock.elapsed());
        else if (cancelled)
            view->showCancelled(serverId, r.clock.elapsed());
        else
            view->showFailure(errorKind, errorText, serverId, r.clock.elapsed());
        if (r.server.isEmpty() && !serverId.isEmpty())
            m_results->setTabText(r.tab, tr("Result from %1").arg(serverId));
        if (cancelled)
            ++m_cancelledInRun;
        else if (!errorKind.isEmpty() || view->isErrorShown())
            ++m_failedInRun;
    }
    if (!m_running.isEmpty())
        return;
    m_tick->stop();
    showElapsed(m_runClock.elapsed()); // the run's own time, not a tick's
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    m_progress->setFormat(m_failedInRun          ? tr("done, %n failed", nullptr, m_failedInRun)
                              : m_cancelledInRun ? tr("cancelled")
                                                 : tr("done"));
    if (m_fanOut)
        compareResults();
    const QString target = m_lastTarget.isEmpty() ? tr("pool")
        : m_lastTarget == QLatin1String("*")      ? tr("all servers")
                                                  : m_lastTarget;
    addHistory(tr("%1  %2 → %3: %4")
                   .arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")),
                        m_tool.tool.name, target,
                        m_failedInRun          ? tr("%n failed", nullptr, m_failedInRun)
                            : m_cancelledInRun ? tr("cancelled")
                                               : tr("ok")),
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
    m_comparison->show();
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
    item->setData(ToolRole, m_tool.tool.name);
    item->setData(ArgumentsRole, args);
    item->setData(TargetRole, target);
    item->setData(PriorityRole, m_lastPriority);
    item->setData(TimeoutRole, m_lastTimeoutMs);
    item->setToolTip(QString::fromUtf8(QJsonDocument(args).toJson(QJsonDocument::Compact)));
    m_history->insertItem(0, item);
    while (m_history->count() > 200)
        delete m_history->takeItem(m_history->count() - 1);
}

int Composer::historyCount() const
{
    return m_history->count();
}

int Composer::priority() const
{
    return m_priority->value();
}

int Composer::timeoutMs() const
{
    return m_timeout->value() * 1000;
}

QString Composer::target() const
{
    return m_target->currentData().toString();
}

QString Composer::profileTarget(const QString &composerTarget)
{
    if (composerTarget.isEmpty())
        return QStringLiteral("pool");
    if (composerTarget == QLatin1String("*"))
        return QStringLiteral("all");
    return QStringLiteral("server:") + composerTarget;
}

QString Composer::composerTarget(const QString &profileTarget)
{
    if (profileTarget == QLatin1String("all"))
        return QStringLiteral("*");
    if (profileTarget.startsWith(QLatin1String("server:")))
        return profileTarget.mid(7);
    return QString();
}

void Composer::setSavedRequests(const QList<NamedRequest> &requests)
{
    m_saved = requests;
    m_pending.reset();
    m_runPending = false;
    refreshSavedList();
}

QStringList Composer::savedRequestNames() const
{
    QStringList names;
    for (const NamedRequest &r : m_saved)
        names << r.name;
    return names;
}

const NamedRequest *Composer::savedRequest(const QString &name) const
{
    for (const NamedRequest &r : m_saved) {
        if (r.name == name)
            return &r;
    }
    return nullptr;
}

void Composer::refreshSavedList(const QString &select)
{
    const QString keep = select.isEmpty() ? m_savedBox->currentText() : select;
    const QSignalBlocker block(m_savedBox);
    m_savedBox->clear();
    for (const NamedRequest &r : std::as_const(m_saved)) {
        m_savedBox->addItem(r.name);
        const QString target = r.target == QLatin1String("pool") ? tr("pool")
            : r.target == QLatin1String("all")                   ? tr("all servers")
                                                                 : composerTarget(r.target);
        m_savedBox->setItemData(
            m_savedBox->count() - 1,
            tr("%1 → %2\n%3")
                .arg(r.tool, target,
                     QString::fromUtf8(QJsonDocument(r.arguments).toJson(QJsonDocument::Compact))),
            Qt::ToolTipRole);
    }
    // The one kept, else the first: the placeholder only when the list is empty.
    const int kept = m_savedBox->findText(keep);
    m_savedBox->setCurrentIndex(kept >= 0 ? kept : (m_saved.isEmpty() ? -1 : 0));
    const bool any = !m_saved.isEmpty();
    m_savedBox->setEnabled(any);
    m_loadSaved->setEnabled(any);
    m_runSaved->setEnabled(any);
    m_deleteSaved->setEnabled(any);
}

bool Composer::saveHistoryAs(int row, const QString &name)
{
    const QListWidgetItem *item = m_history->item(row);
    const QString trimmed = name.trimmed();
    if (!item || trimmed.isEmpty())
        return false;
    NamedRequest r;
    r.name = trimmed;
    r.tool = item->data(ToolRole).toString();
    r.arguments = item->data(ArgumentsRole).toJsonObject();
    r.target = profileTarget(item->data(TargetRole).toString());
    r.priority = std::clamp(item->data(PriorityRole).toInt(), NamedRequest::kMinPriority,
                            NamedRequest::kMaxPriority);
    r.timeoutMs = std::clamp(item->data(TimeoutRole).toInt(), 1, NamedRequest::kMaxTimeoutMs);
    storeSaved(r);
    return true;
}

bool Composer::saveCurrentAs(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (m_tool.tool.name.isEmpty() || trimmed.isEmpty())
        return false;
    NamedRequest r;
    r.name = trimmed;
    r.tool = m_tool.tool.name;
    r.arguments = m_form->value();
    r.target = profileTarget(target());
    r.priority = std::clamp(priority(), NamedRequest::kMinPriority, NamedRequest::kMaxPriority);
    r.timeoutMs = std::clamp(timeoutMs(), 1, NamedRequest::kMaxTimeoutMs);
    storeSaved(r);
    return true;
}

void Composer::storeSaved(NamedRequest r)
{
    auto it = std::find_if(m_saved.begin(), m_saved.end(),
                           [&r](const NamedRequest &s) { return s.name == r.name; });
    if (it != m_saved.end()) {
        r.extra = it->extra; // what a newer version wrote stays
        *it = r;
    } else {
        m_saved.append(r);
    }
    refreshSavedList(r.name);
    Q_EMIT savedRequestsChanged();
}

QString Composer::askRequestName(const QString &suggested)
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save as Named Request"),
                                               tr("Name for this call (kept in the profile):"),
                                               QLineEdit::Normal, suggested, &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return {};
    if (savedRequest(name)
        && QMessageBox::question(
               this, tr("Replace Saved Request"),
               tr("A saved request named “%1” exists already. Replace it?").arg(name))
            != QMessageBox::Yes)
        return {};
    return name;
}

void Composer::askSaveCurrent()
{
    if (m_tool.tool.name.isEmpty())
        return;
    if (const QString name = askRequestName(m_tool.tool.name); !name.isEmpty())
        saveCurrentAs(name);
}

void Composer::askSaveHistory()
{
    const int row = m_history->currentRow();
    const QListWidgetItem *item = m_history->item(row);
    if (!item)
        return;
    if (const QString name = askRequestName(item->data(ToolRole).toString()); !name.isEmpty())
        saveHistoryAs(row, name);
}

bool Composer::loadSavedRequest(const QString &name)
{
    const NamedRequest *r = savedRequest(name);
    if (!r)
        return false;
    applyRequest(NamedRequest(*r), false); // a copy, whatever happens to the list meanwhile
    return true;
}

bool Composer::runSavedRequest(const QString &name)
{
    const NamedRequest *r = savedRequest(name);
    if (!r || isRunning())
        return false;
    applyRequest(NamedRequest(*r), true);
    return true;
}

void Composer::applyRequest(const NamedRequest &r, bool runAfter)
{
    {
        const QSignalBlocker block(m_savedBox);
        m_savedBox->setCurrentIndex(m_savedBox->findText(r.name));
    }
    if (!selectTool(r.tool)) {
        // Not in the catalog (yet): taken up when the pool's tools arrive.
        m_pending = r;
        m_runPending = runAfter;
        m_problems->setText(
            tr("Waiting for the pool to offer %1 (saved request “%2”)…").arg(r.tool, r.name));
        refreshCatalog();
        return;
    }
    m_priority->setValue(r.priority);
    m_timeout->setValue(
        std::clamp((r.timeoutMs + 999) / 1000, m_timeout->minimum(), m_timeout->maximum()));
    setArguments(r.arguments);
    const QString target = composerTarget(r.target);
    if (!setTarget(target)) {
        // Never sent elsewhere than saved without the operator seeing it first.
        setTarget(QString());
        m_problems->setText(
            runAfter
                ? tr("%1 does not offer %2 now; the call was not sent. Pick where to send it "
                     "and run it.")
                      .arg(target, r.tool)
                : tr("%1 does not offer %2 now; the call goes to the pool.").arg(target, r.tool));
        return;
    }
    m_problems->setText(m_form->validationErrors().join(QLatin1Char('\n')));
    if (runAfter)
        run();
}

bool Composer::deleteSavedRequest(const QString &name)
{
    const qsizetype removed
        = m_saved.removeIf([&name](const NamedRequest &r) { return r.name == name; });
    if (removed == 0)
        return false;
    refreshSavedList();
    Q_EMIT savedRequestsChanged();
    return true;
}

void Composer::askDeleteSaved()
{
    const QString name = m_savedBox->currentText();
    if (!savedRequest(name))
        return;
    if (QMessageBox::question(this, tr("Delete Saved Request"),
                              tr("Delete the saved request “%1” from the profile?").arg(name))
        == QMessageBox::Yes)
        deleteSavedRequest(name);
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
    m_saveCurrent->setEnabled(!m_tool.tool.name.isEmpty());
}

} // namespace mcppm::ui
