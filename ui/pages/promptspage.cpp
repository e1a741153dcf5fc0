#include "promptspage.h"

#include "controllers/poolclient.h"
#include "dialogs/samplingdialog.h"
#include "models/promptlistmodel.h"

#include "net/safetext.h"

#include <QComboBox>
#include <QCompleter>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStringListModel>
#include <QTimer>
#include <QVBoxLayout>

namespace mcppm::ui {

PromptsPage::PromptsPage(PoolClient *pool, QWidget *parent)
    : QWidget(parent)
    , m_pool(pool)
    , m_model(new PromptListModel(this))
{
    setObjectName(QStringLiteral("PromptsPage"));
    auto *outer = new QHBoxLayout(this);
    auto *split = new QSplitter(Qt::Horizontal, this);
    outer->addWidget(split);

    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_list = new QListView(left);
    m_list->setModel(m_model);
    m_list->setAccessibleName(tr("Prompts of the pool"));
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *refreshButton = new QPushButton(tr("Refresh Promp&ts"), left);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(refreshButton);
    connect(refreshButton, &QPushButton::clicked, this, &PromptsPage::refresh);

    auto *right = new QWidget(split);
    auto *layout = new QVBoxLayout(right);
    m_title = new QLabel(tr("Pick a prompt on the left."), right);
    m_title->setTextFormat(Qt::PlainText);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_description = new QLabel(right);
    m_description->setTextFormat(Qt::PlainText);
    m_description->setWordWrap(true);
    layout->addWidget(m_title);
    layout->addWidget(m_description);
    // One form: the server to ask, then the prompt's arguments (rebuilt per prompt).
    m_formHost = new QWidget(right);
    m_form = new QFormLayout(m_formHost);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_server = new QComboBox(m_formHost);
    m_server->setAccessibleName(tr("Server to ask"));
    m_form->addRow(tr("S&erver:"), m_server);
    layout->addWidget(m_formHost);
    auto *runRow = new QHBoxLayout;
    m_run = new QPushButton(tr("R&un Prompt"), right);
    m_run->setEnabled(false);
    m_status = new QLabel(right);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    runRow->addWidget(m_run);
    runRow->addWidget(m_status, 1);
    layout->addLayout(runRow);
    m_output = new QPlainTextEdit(right);
    m_output->setReadOnly(true);
    m_output->setAccessibleName(tr("Prompt messages"));
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_output, 1);
    split->setStretchFactor(1, 2);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &PromptsPage::askCompletion);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { showPrompt(current.row()); });
    connect(m_run, &QPushButton::clicked, this, &PromptsPage::run);
    connect(pool, &PoolClient::promptsReady, this, [this](const QJsonArray &prompts) {
        const QString keep = m_prompt;
        m_model->setPrompts(prompts);
        if (!keep.isEmpty() && !selectPrompt(keep))
            showPrompt(-1);
        Q_EMIT promptsListed(m_model->rowCount());
    });
    connect(pool, &PoolClient::promptFinished, this, &PromptsPage::onPromptFinished);
    connect(pool, &PoolClient::completionReady, this, &PromptsPage::onCompletion);
}

void PromptsPage::setCompletionDelay(int ms)
{
    m_debounce->setInterval(ms);
}

void PromptsPage::refresh()
{
    m_pool->requestPrompts();
}

bool PromptsPage::selectPrompt(const QString &name)
{
    const int row = m_model->findPrompt(name);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row);
    m_list->setCurrentIndex(index);
    if (m_prompt != name)
        showPrompt(row);
    return true;
}

void PromptsPage::showPrompt(int row)
{
    // The old arguments go (row 0 is the server); their editors are deleted with the rows.
    while (m_form->rowCount() > 1)
        m_form->removeRow(1);
    m_editors.clear();
    m_completers.clear();
    m_completionModels.clear();
    m_argumentOrder.clear();
    m_debounce->stop();
    m_server->clear();
    if (row < 0 || row >= m_model->rowCount()) {
        m_prompt.clear();
        m_title->setText(tr("Pick a prompt on the left."));
        m_description->clear();
        m_run->setEnabled(false);
        return;
    }
    const PromptListModel::Prompt &p = m_model->prompt(row);
    m_prompt = p.name;
    m_title->setText(m_model->data(m_model->index(row)).toString());
    m_description->setText(SafeText::escape(p.description, SafeText::Mode::MultiLine).left(2000));
    for (const QString &server : p.servers)
        m_server->addItem(SafeText::escape(server), server);
    for (const PromptListModel::Argument &arg : p.arguments) {
        auto *edit = new QLineEdit(m_formHost);
        edit->setAccessibleName(SafeText::escape(arg.name));
        edit->setPlaceholderText(arg.required ? tr("required") : tr("optional"));
        edit->setToolTip(SafeText::escape(arg.description, SafeText::Mode::MultiLine));
        auto *model = new QStringListModel(edit);
        auto *completer = new QCompleter(model, edit);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setCompletionMode(QCompleter::PopupCompletion);
        edit->setCompleter(completer);
        const QString name = arg.name;
        connect(edit, &QLineEdit::textEdited, this, [this, name]() {
            m_completing = name;
            m_debounce->start();
        });
        QString label = SafeText::escape(arg.title.isEmpty() ? arg.name : arg.title);
        label.replace(QLatin1Char('&'), QStringLiteral("&&"));
        m_form->addRow(arg.required ? tr("%1 *:").arg(label) : tr("%1:").arg(label), edit);
        m_editors.insert(name, edit);
        m_completers.insert(name, completer);
        m_completionModels.insert(name, model);
        m_argumentOrder << name;
    }
    m_run->setEnabled(!p.servers.isEmpty());
    m_status->setText(p.arguments.isEmpty()
                          ? tr("No arguments.")
                          : tr("%n argument(s); * = required.", nullptr, int(p.arguments.size())));
}

QJsonObject PromptsPage::arguments() const
{
    QJsonObject args;
    for (const QString &name : m_argumentOrder) {
        const QString value = m_editors.value(name)->text();
        if (!value.isEmpty())
            args.insert(name, value);
    }
    return args;
}

void PromptsPage::run()
{
    if (m_prompt.isEmpty() || m_runRequest)
        return;
    const int row = m_model->findPrompt(m_prompt);
    if (row >= 0) {
        QStringList missing;
        for (const PromptListModel::Argument &arg : m_model->prompt(row).arguments) {
            if (arg.required && m_editors.value(arg.name)->text().isEmpty())
                missing << SafeText::escape(arg.name);
        }
        if (!missing.isEmpty()) {
            m_status->setText(tr("Fill in: %1").arg(missing.join(QStringLiteral(", "))));
            return;
        }
    }
    m_runRequest = m_nextRequest++;
    m_run->setEnabled(false);
    m_status->setText(tr("Asking for %1 …").arg(SafeText::escape(m_prompt)));
    m_pool->getPrompt(m_runRequest, m_server->currentData().toString(), m_prompt, arguments());
}

void PromptsPage::onPromptFinished(quint64 requestId, const QJsonObject &result,
                                   const QString &serverId, const QString &errorText)
{
    if (requestId != m_runRequest)
        return;
    m_runRequest = 0;
    m_run->setEnabled(!m_prompt.isEmpty());
    if (!errorText.isEmpty()) {
        m_status->setText(
            tr("Failed on %1: %2").arg(SafeText::escape(serverId), SafeText::escape(errorText)));
        m_output->clear();
        Q_EMIT runFinished(false);
        return;
    }
    QStringList lines;
    const QString description = result.value(QStringLiteral("description")).toString();
    if (!description.isEmpty())
        lines << tr("(%1)").arg(description);
    const QJsonArray messages = result.value(QStringLiteral("messages")).toArray();
    for (const QJsonValue &v : messages) {
        const QJsonObject message = v.toObject();
        lines << QStringLiteral("%1: %2").arg(
            message.value(QStringLiteral("role")).toString(),
            SamplingDialog::describeContent(message.value(QStringLiteral("content"))));
    }
    m_output->setPlainText(
        SafeText::escape(lines.join(QStringLiteral("\n\n")), SafeText::Mode::MultiLine));
    m_status->setText(tr("%n message(s) from %1.", nullptr, int(messages.size()))
                          .arg(SafeText::escape(serverId)));
    Q_EMIT runFinished(true);
}

void PromptsPage::askCompletion()
{
    QLineEdit *edit = m_editors.value(m_completing);
    if (!edit || m_prompt.isEmpty())
        return;
    QJsonObject context = arguments();
    context.remove(m_completing);
    m_completionRequest = m_nextRequest++;
    m_completionArgument = m_completing;
    m_pool->completeArgument(m_completionRequest, m_server->currentData().toString(),
                             {{QStringLiteral("type"), QStringLiteral("ref/prompt")},
                              {QStringLiteral("name"), m_prompt}},
                             m_completing, edit->text(), context);
}

void PromptsPage::onCompletion(quint64 requestId, const QStringList &values,
                               const QString &errorText)
{
    if (requestId != m_completionRequest)
        return; // an older question, or another page's
    m_completionRequest = 0;
    QStringListModel *model = m_completionModels.value(m_completionArgument);
    QLineEdit *edit = m_editors.value(m_completionArgument);
    if (!model || !edit)
        return;
    if (!errorText.isEmpty()) {
        m_status->setText(tr("No completions: %1").arg(SafeText::escape(errorText)));
        return;
    }
    QStringList shown;
    for (const QString &v : values)
        shown << SafeText::escape(v).left(500);
    model->setStringList(shown);
    QCompleter *completer = m_completers.value(m_completionArgument);
    if (!shown.isEmpty() && edit->hasFocus()) {
        completer->setCompletionPrefix(edit->text());
        completer->complete();
    }
    Q_EMIT completionsShown(m_completionArgument, shown);
}

QStringList PromptsPage::completions(const QString &argument) const
{
    const QStringListModel *model = m_completionModels.value(argument);
    return model ? model->stringList() : QStringList();
}

QString PromptsPage::shownText() const
{
    return m_output->toPlainText();
}

QString PromptsPage::status() const
{
    return m_status->text();
}

} // namespace mcppm::ui
