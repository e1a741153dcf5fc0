#pragma once

#include <QHash>
#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QCompleter;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QStringListModel;
class QTimer;

namespace mcppm::ui {

class PoolClient;
class PromptListModel;

// The pool's prompts: the list (any server that has them), an argument form
// for the one picked, Run (prompts/get) showing the messages it gives.
// Arguments complete as you type: completion/complete, debounced, offered in
// a QCompleter popup.
class PromptsPage final : public QWidget
{
    Q_OBJECT
public:
    explicit PromptsPage(PoolClient *pool, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(PromptsPage)

    void refresh();
    bool selectPrompt(const QString &name);
    QString currentPrompt() const { return m_prompt; }
    // The argument editors of the prompt shown (by argument name).
    QLineEdit *argumentEditor(const QString &name) const { return m_editors.value(name); }
    QStringList argumentNames() const { return m_argumentOrder; }
    QJsonObject arguments() const;
    void run();
    QString shownText() const;
    QString status() const;
    PromptListModel *model() const { return m_model; }
    QCompleter *completer(const QString &argument) const { return m_completers.value(argument); }
    QStringList completions(const QString &argument) const;
    // How long typing must pause before completion/complete is asked (250 ms).
    void setCompletionDelay(int ms);

Q_SIGNALS:
    void promptsListed(int count);
    void runFinished(bool ok);
    void completionsShown(const QString &argument, const QStringList &values);

private:
    void showPrompt(int row);
    void askCompletion();
    void onPromptFinished(quint64 requestId, const QJsonObject &result, const QString &serverId,
                          const QString &errorText);
    void onCompletion(quint64 requestId, const QStringList &values, const QString &errorText);

    PoolClient *m_pool = nullptr;
    PromptListModel *m_model = nullptr;
    QListView *m_list = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_description = nullptr;
    QComboBox *m_server = nullptr;
    QWidget *m_formHost = nullptr;
    QFormLayout *m_form = nullptr;
    QPushButton *m_run = nullptr;
    QLabel *m_status = nullptr;
    QPlainTextEdit *m_output = nullptr;
    QTimer *m_debounce = nullptr;
    QString m_prompt; // its name, as sent
    QStringList m_argumentOrder;
    QHash<QString, QLineEdit *> m_editors;
    QHash<QString, QCompleter *> m_completers;
    QHash<QString, QStringListModel *> m_completionModels;
    QString m_completing; // the argument being typed in
    quint64 m_runRequest = 0;
    quint64 m_completionRequest = 0;
    QString m_completionArgument;
    quint64 m_nextRequest = (quint64(1) << 42);
};

} // namespace mcppm::ui
