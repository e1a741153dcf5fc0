#include "promptlistmodel.h"

#include "net/safetext.h"

#include <QJsonObject>

namespace mcppm::ui {

namespace {
constexpr int kMaxPrompts = 10000;
constexpr int kMaxArguments = 64;
} // namespace

PromptListModel::PromptListModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

void PromptListModel::setPrompts(const QJsonArray &prompts)
{
    QList<Prompt> list;
    for (const QJsonValue &v : prompts) {
        const QJsonObject o = v.toObject();
        Prompt p;
        p.name = o.value(QStringLiteral("name")).toString();
        if (p.name.isEmpty())
            continue;
        p.title = o.value(QStringLiteral("title")).toString();
        p.description = o.value(QStringLiteral("description")).toString();
        for (const QJsonValue &a : o.value(QStringLiteral("arguments")).toArray()) {
            const QJsonObject ao = a.toObject();
            Argument arg;
            arg.name = ao.value(QStringLiteral("name")).toString();
            if (arg.name.isEmpty() || p.arguments.size() >= kMaxArguments)
                continue;
            arg.title = ao.value(QStringLiteral("title")).toString();
            arg.description = ao.value(QStringLiteral("description")).toString();
            arg.required = ao.value(QStringLiteral("required")).toBool();
            p.arguments.append(arg);
        }
        for (const QJsonValue &s : o.value(QStringLiteral("servers")).toArray())
            p.servers.append(s.toString());
        list.append(p);
        if (list.size() >= kMaxPrompts)
            break;
    }
    beginResetModel();
    m_prompts = list;
    endResetModel();
}

int PromptListModel::findPrompt(const QString &name) const
{
    for (int i = 0; i < m_prompts.size(); ++i) {
        if (m_prompts.at(i).name == name)
            return i;
    }
    return -1;
}

int PromptListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_prompts.size());
}

QVariant PromptListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Prompt &p = m_prompts.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return SafeText::escape(p.title.isEmpty() ? p.name
                                                  : QStringLiteral("%1 (%2)").arg(p.title, p.name));
    case Qt::ToolTipRole:
        return SafeText::escape(p.description, SafeText::Mode::MultiLine);
    case NameRole:
        return p.name;
    case ServersRole:
        return p.servers;
    case ArgumentCountRole:
        return int(p.arguments.size());
    default:
        return {};
    }
}

QHash<int, QByteArray> PromptListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(NameRole, "name");
    names.insert(ServersRole, "servers");
    names.insert(ArgumentCountRole, "argumentCount");
    return names;
}

} // namespace mcppm::ui
