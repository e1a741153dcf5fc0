#include "serverdetailpane.h"

#include "fulltextdelegate.h"

#include "charts/servercharts.h"
#include "models/eventlogmodel.h"
#include "models/servertablemodel.h"
#include "net/safetext.h"
#include "widgets/toolhints.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>
#include <QTextCursor>
#include <QTextDocument>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

namespace mcppm::ui {

namespace {
QTreeWidget *makeTree(const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *tree = new QTreeWidget(parent);
    tree->setHeaderLabels(headers);
    tree->setRootIsDecorated(false);
    tree->setAlternatingRowColors(true);
    tree->setAccessibleName(name);
    tree->header()->setStretchLastSection(true);
    tree->setUniformRowHeights(true);
    FullTextDelegate::install(tree); // what is cut shows whole as a tooltip
    return tree;
}

void addJson(QTreeWidgetItem *parent, QTreeWidget *tree, const QString &key, const QJsonValue &v)
{
    auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree);
    item->setText(0, SafeText::escape(key));
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            addJson(item, tree, it.key(), it.value());
        if (o.isEmpty())
            item->setText(1, QObject::tr("yes"));
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i)
            addJson(item, tree, QString::number(i), a.at(i));
    } else {
        item->setText(1, SafeText::escape(v.toVariant().toString()));
    }
}

QString time(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
}
} // namespace

ServerDetailPane::ServerDetailPane(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *head = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::RichText);
    // F5 (the desktop's Refresh key); its letters are the pages' mnemonics.
    auto *refresh = new QPushButton(tr("Refresh"), this);
    refresh->setAccessibleName(tr("Refresh server details"));
    refresh->setShortcut(QKeySequence(Qt::Key_F5));
    refresh->setToolTip(tr("Fetch the server's details again (F5)"));
    connect(refresh, &QPushButton::clicked, this, [this]() {
        if (!m_id.isEmpty())
            Q_EMIT refreshRequested(m_id);
    });
    head->addWidget(m_title, 1);
    head->addWidget(refresh);
    layout->addLayout(head);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_summary->installEventFilter(this);
    layout->addWidget(m_summary);
    m_tabs = new QTabWidget(this);
    // Whole tab titles; scroll buttons when the pane is narrow.
    m_tabs->tabBar()->setElideMode(Qt::ElideNone);
    m_tabs->tabBar()->setUsesScrollButtons(true);
    auto *overview = new QWidget(m_tabs);
    auto *overviewLayout = new QVBoxLayout(overview);
    m_capabilities = makeTree({tr("Capability"), tr("Value")}, tr("Capabilities"), overview);
    m_capabilities->setRootIsDecorated(true);
    m_instructions = new QPlainTextEdit(overview);
    m_instructions->setReadOnly(true);
    m_instructions->setAccessibleName(tr("Server instructions"));
    m_instructions->setPlaceholderText(tr("The server gave no instructions."));
    overviewLayout->addWidget(m_capabilities, 2);
    overviewLayout->addWidget(new QLabel(tr("Instructions:"), overview));
    overviewLayout->addWidget(m_instructions, 1);
    m_tabs->addTab(overview, tr("Overview"));
    m_charts = new ServerCharts(m_tabs);
    m_charts->setAccessibleName(tr("Server charts"));
    m_tabs->addTab(m_charts, tr("Charts"));
    m_tools = makeTree({tr("Tool"), tr("Hints"), tr("Description")}, tr("Tools"), m_tabs);
    m_tabs->addTab(m_tools, tr("Tools"));
    m_resources
        = makeTree({tr("URI or template"), tr("Name"), tr("Type")}, tr("Resources"), m_tabs);
    m_tabs->addTab(m_resources, tr("Resources"));
    m_prompts = makeTree({tr("Prompt"), tr("Arguments"), tr("Description")}, tr("Prompts"), m_tabs);
    m_tabs->addTab(m_prompts, tr("Prompts"));
    m_history = makeTree({tr("Time"), tr("Change"), tr("Why")}, tr("Health history"), m_tabs);
    m_tabs->addTab(m_history, tr("Health"));
    m_errors
        = makeTree({tr("Time"), tr("Event"), tr("What happened")}, tr("Recent errors"), m_tabs);
    m_tabs->addTab(m_errors, tr("Errors"));
    // Process (a local stdio server): a tab only for those.
    m_process = new QPlainTextEdit(this);
    m_process->setObjectName(QStringLiteral("processTab"));
    m_process->setReadOnly(true);
    m_process->setAccessibleName(tr("Process"));
    m_process->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_process->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_process->hide();
    layout->addWidget(m_tabs, 1);

    // Sign-in (OAuth): a tab only for servers that have it.
    m_signIn = new QWidget(this);
    m_signIn->setObjectName(QStringLiteral("signInTab"));
    m_signIn->setAccessibleName(tr("Sign-in"));
    auto *signInLayout = new QVBoxLayout(m_signIn);
    auto *facts = new QFormLayout;
    auto fact = [this](const QString &name) {
        auto *label = new QLabel(m_signIn);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setAccessibleName(name);
        return label;
    };
    m_authState = fact(tr("Sign-in state"));
    m_issuer = fact(tr("Issuer"));
    m_scopes = fact(tr("Granted scopes"));
    m_expiry = fact(tr("Access token expires"));
    facts->addRow(tr("State:"), m_authState);
    facts->addRow(tr("Issuer:"), m_issuer);
    facts->addRow(tr("Scopes:"), m_scopes);
    facts->addRow(tr("Expires:"), m_expiry);
    auto *note = new QLabel(tr("Tokens are kept in the OS keychain (or in memory when there is "
                               "none); they are never shown, logged or written to the profile."),
                            m_signIn);
    note->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    m_signInButton = new QPushButton(tr("Si&gn In"), m_signIn);
    m_signInButton->setToolTip(tr("Opens the server's sign-in page in your browser"));
    m_signOutButton = new QPushButton(tr("Sign Out"), m_signIn);
    m_signOutButton->setToolTip(tr("Forgets this server's tokens; it needs a sign-in again"));
    connect(m_signInButton, &QPushButton::clicked, this, [this]() {
        if (!m_authId.isEmpty())
            Q_EMIT signInRequested(m_authId);
    });
    connect(m_signOutButton, &QPushButton::clicked, this, [this]() {
        if (!m_authId.isEmpty())
            Q_EMIT signOutRequested(m_authId);
    });
    buttons->addWidget(m_signInButton);
    buttons->addWidget(m_signOutButton);
    buttons->addStretch();
    signInLayout->addLayout(facts);
    signInLayout->addLayout(buttons);
    signInLayout->addWidget(note);
    signInLayout->addStretch();
    m_signIn->hide();
    clear();
}

QString ServerDetailPane::authStateText(const QString &state)
{
    if (state == QLatin1String("needs-sign-in"))
        return tr("Not signed in");
    if (state == QLatin1String("authorizing"))
        return tr("Signing in…");
    if (state == QLatin1String("refreshing"))
        return tr("Refreshing the token…");
    if (state == QLatin1String("signed-in"))
        return tr("Signed in");
    return state;
}

QString ServerDetailPane::expiryText(qint64 expiresAtMs, qint64 nowMs)
{
    if (expiresAtMs <= 0)
        return tr("unknown");
    const QString when = QLocale().toString(QDateTime::fromMSecsSinceEpoch(expiresAtMs),
                                            QLocale::ShortFormat); // local time
    const qint64 left = expiresAtMs - nowMs;
    if (left <= 0)
        return tr("%1 (expired)").arg(when);
    if (left < 60000)
        return tr("%1 (in less than a minute)").arg(when);
    return tr("%1 (in %n min)", nullptr, int(left / 60000)).arg(when);
}

void ServerDetailPane::showAuth(const ServerRow &row, qint64 nowMs)
{
    const int index = m_tabs->indexOf(m_signIn);
    if (!ServerTableModel::usesOAuth(row)) {
        m_authId.clear();
        if (index >= 0)
            m_tabs->removeTab(index);
        m_signIn->hide();
        return;
    }
    m_authId = row.id;
    if (index < 0)
        m_tabs->addTab(m_signIn, tr("Sign-in"));
    m_authState->setText(authStateText(row.authState));
    m_issuer->setText(row.authIssuer.isEmpty() ? tr("not known yet")
                                               : SafeText::escape(row.authIssuer));
    m_scopes->setText(row.authScopes.isEmpty()
                          ? tr("none")
                          : SafeText::escape(row.authScopes.join(QLatin1Char(' '))));
    m_expiry->setText(row.authState == QLatin1String("needs-sign-in") && row.authExpiresAtMs <= 0
                          ? QStringLiteral("—")
                          : expiryText(row.authExpiresAtMs, nowMs));
    const bool signedIn = row.authState == QLatin1String("signed-in")
        || row.authState == QLatin1String("refreshing");
    m_signInButton->setEnabled(!signedIn);
    m_signOutButton->setEnabled(signedIn);
}

bool ServerDetailPane::hasSignInTab() const
{
    return m_tabs->indexOf(m_signIn) >= 0;
}

QString ServerDetailPane::authStateShown() const
{
    return hasSignInTab() ? m_authState->text() : QString();
}

QString ServerDetailPane::issuerShown() const
{
    return hasSignInTab() ? m_issuer->text() : QString();
}

QString ServerDetailPane::scopesShown() const
{
    return hasSignInTab() ? m_scopes->text() : QString();
}

QString ServerDetailPane::expiryShown() const
{
    return hasSignInTab() ? m_expiry->text() : QString();
}

bool ServerDetailPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_summary && event->type() == QEvent::Resize)
        fitSummary();
    return QWidget::eventFilter(watched, event);
}

void ServerDetailPane::fitSummary()
{
    // The dock does not ask a wrapped label how tall it needs to be at its width.
    // At the width it has now (called again when that changes).
    // (QLabel::heightForWidth of a selectable label answers for another width:
    // the text laid out as the label lays it out.)
    const int width = m_summary->contentsRect().width();
    if (width <= 0)
        return;
    QTextDocument doc;
    doc.setDocumentMargin(0);
    doc.setDefaultFont(m_summary->font());
    doc.setPlainText(m_summary->text());
    doc.setTextWidth(width);
    const int height = int(std::ceil(doc.size().height())) + m_summary->height()
        - m_summary->contentsRect().height();
    if (height != m_summary->minimumHeight()) {
        m_summary->setMinimumHeight(height);
        layout()->activate(); // now, not at the next event: nothing drawn over it meanwhile
    }
}

void ServerDetailPane::clear()
{
    m_id.clear();
    m_title->setText(tr("<b>No server selected</b>"));
    m_summary->setText(tr("Select a server in the table to see what it offers and how it has "
                          "been doing."));
    fitSummary();
    for (QTreeWidget *tree : {m_capabilities, m_tools, m_resources, m_prompts, m_history, m_errors})
        tree->clear();
    m_instructions->clear();
    m_charts->clear();
    showAuth(ServerRow(), 0);
}

void ServerDetailPane::showSamples(const QList<ServerHistory::Sample> &samples)
{
    m_charts->setSamples(samples);
}

int ServerDetailPane::toolCount() const
{
    return m_tools->topLevelItemCount();
}

void ServerDetailPane::showDetail(const ServerDetail &d, const QString &era)
{
    m_id = d.id;
    // Everything a server sent is shown escaped: no control or bidi characters.
    auto safe = [](const QString &text) { return SafeText::escape(text); };
    m_title->setText(QStringLiteral("<b>%1</b> — %2")
                         .arg(safe(d.id).toHtmlEscaped(),
                              ServerTableModel::statusText(d.status).toHtmlEscaped()));
    QStringList facts;
    facts << safe(d.url);
    if (!d.serverName.isEmpty())
        facts << tr("%1 %2").arg(safe(d.serverTitle.isEmpty() ? d.serverName : d.serverTitle),
                                 safe(d.serverVersion));
    if (!d.protocolVersion.isEmpty() || !era.isEmpty())
        facts << tr("protocol %1").arg(ServerTableModel::protocolText(d.protocolVersion, era));
    if (!d.transport.isEmpty())
        facts << tr("transport %1").arg(d.transport);
    if (!d.sessionId.isEmpty())
        facts << tr("session %1").arg(safe(d.sessionId));
    if (d.consecutiveFailures > 0)
        facts << tr("%n failure(s) in a row", nullptr, d.consecutiveFailures);
    if (d.reconnectAttempt > 0)
        facts << tr("reconnect attempt %1").arg(d.reconnectAttempt);
    QString summary = facts.join(QStringLiteral(" · "));
    if (!d.lastError.isEmpty())
        summary += QLatin1Char('\n') + tr("Last error: %1").arg(safe(d.lastError));
    for (const QString &e : d.catalogErrors)
        summary += QLatin1Char('\n') + tr("Could not list %1").arg(safe(e));
    m_summary->setText(summary);
    fitSummary();

    m_capabilities->clear();
    for (auto it = d.capabilities.begin(); it != d.capabilities.end(); ++it)
        addJson(nullptr, m_capabilities, it.key(), it.value());
    m_capabilities->expandAll();
    m_capabilities->resizeColumnToContents(0);
    m_instructions->setPlainText(SafeText::escape(d.instructions, SafeText::Mode::MultiLine));

    m_tools->clear();
    for (const ToolInfo &t : d.tools) {
        auto *item = new QTreeWidgetItem(
            m_tools,
            {safe(t.title.isEmpty() ? t.name : QStringLiteral("%1 (%2)").arg(t.name, t.title)),
             ToolHints::text(t.annotations), safe(t.description.section(QLatin1Char('\n'), 0, 0))});
        item->setToolTip(2, SafeText::escape(t.description, SafeText::Mode::MultiLine));
    }
    m_resources->clear();
    for (const ResourceInfo &r : d.resources)
        new QTreeWidgetItem(
            m_resources,
            {safe(r.uri), safe(r.title.isEmpty() ? r.name : r.title), safe(r.mimeType)});
    for (const ResourceTemplateInfo &r : d.templates)
        new QTreeWidgetItem(
            m_resources,
            {safe(r.uriTemplate), safe(r.title.isEmpty() ? r.name : r.title), safe(r.mimeType)});
    m_prompts->clear();
    for (const PromptInfo &p : d.prompts) {
        QStringList args;
        for (const PromptInfo::Argument &a : p.arguments)
            args << (a.required ? a.name + QLatin1Char('*') : a.name);
        new QTreeWidgetItem(
            m_prompts, {safe(p.name), safe(args.join(QStringLiteral(", "))), safe(p.description)});
    }
    m_history->clear();
    for (const ServerDetail::Transition &t : d.history) {
        auto *item = new QTreeWidgetItem(m_history,
                                         {time(t.timeMs),
                                          tr("%1 → %2").arg(ServerTableModel::statusText(t.from),
                                                            ServerTableModel::statusText(t.to)),
                                          safe(t.reason)});
        item->setIcon(1, QIcon()); // text carries it; colour follows in the table
        item->setForeground(1, ServerTableModel::statusColor(t.to));
        item->setToolTip(2, SafeText::escape(t.reason, SafeText::Mode::MultiLine));
    }
    m_history->scrollToBottom();
    m_errors->clear();
    for (const PoolEvent &e : d.recentErrors) {
        auto *item = new QTreeWidgetItem(
            m_errors, {time(e.timeMs), EventLogModel::kindText(e.kind), safe(e.text)});
        item->setToolTip(2, SafeText::escape(e.text, SafeText::Mode::MultiLine));
    }
    m_errors->scrollToBottom();
    showProcess(d.process);
}

void ServerDetailPane::showProcess(const ServerDetail::Process &p)
{
    const int index = m_tabs->indexOf(m_process);
    if (!p.local) {
        if (index >= 0)
            m_tabs->removeTab(index);
        m_process->hide();
        return;
    }
    if (index < 0)
        m_tabs->addTab(m_process, tr("Process"));
    QStringList lines;
    lines << tr("Command: %1").arg(p.command);
    lines << (p.pid > 0 ? tr("PID %1, %2").arg(p.pid).arg(p.state) : p.state)
            + tr(", %n restart(s)", nullptr, p.restarts);
    if (!p.lastExit.isEmpty())
        lines << tr("Last exit: %1").arg(SafeText::escape(p.lastExit));
    lines << QString();
    if (p.stderrTail.isEmpty()) {
        lines << tr("Nothing on stderr yet.");
    } else {
        lines << tr("Its stderr (the last %n line(s)):", nullptr, int(p.stderrTail.size()));
        for (const QString &line : p.stderrTail)
            lines << SafeText::escape(line);
    }
    m_process->setPlainText(lines.join(QLatin1Char('\n')));
    m_process->moveCursor(QTextCursor::End);
}

bool ServerDetailPane::hasProcessTab() const
{
    return m_tabs->indexOf(m_process) >= 0;
}

QString ServerDetailPane::processText() const
{
    return m_process->toPlainText();
}

} // namespace mcppm::ui
