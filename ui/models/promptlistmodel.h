#pragma once

#include <QAbstractListModel>
#include <QJsonArray>
#include <QStringList>

namespace mcppm::ui {

// The prompts of the pool (PoolClient::promptsReady): one row per prompt
// name, with its arguments and the servers that list it. Texts from servers
// are shown escaped (SafeText).
class PromptListModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    struct Argument
    {
        QString name;
        QString title;
        QString description;
        bool required = false;
    };
    struct Prompt
    {
        QString name;
        QString title;
        QString description;
        QList<Argument> arguments;
        QStringList servers;
    };
    enum Role {
        NameRole = Qt::UserRole + 1, // the prompt's name as sent (for prompts/get)
        ServersRole, // QStringList
        ArgumentCountRole,
    };
    Q_ENUM(Role)

    explicit PromptListModel(QObject *parent = nullptr);

    // A full reset: the list is new (structural change).
    void setPrompts(const QJsonArray &prompts);
    const Prompt &prompt(int row) const { return m_prompts.at(row); }
    int findPrompt(const QString &name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<Prompt> m_prompts;
};

} // namespace mcppm::ui
