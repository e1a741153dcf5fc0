#include "secretcelldelegate.h"

#include "profile/profile.h"

#include <QLineEdit>

namespace mcppm::ui {

SecretCellDelegate::SecretCellDelegate(int secretColumn, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_secretColumn(secretColumn)
{ }

bool SecretCellDelegate::isMasked(const QModelIndex &index) const
{
    const QModelIndex secret = index.siblingAtColumn(m_secretColumn);
    return secret.data(Qt::CheckStateRole).toInt() == Qt::Checked
        && !Profile::isTokenReference(index.data().toString().trimmed());
}

QWidget *SecretCellDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                          const QModelIndex &index) const
{
    QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
    const QModelIndex secret = index.siblingAtColumn(m_secretColumn);
    if (auto *line = qobject_cast<QLineEdit *>(editor);
        line && secret.data(Qt::CheckStateRole).toInt() == Qt::Checked) {
        line->setEchoMode(QLineEdit::Password);
        line->setPlaceholderText(tr("env:VARIABLE, keychain:NAME or the secret"));
    }
    return editor;
}

void SecretCellDelegate::initStyleOption(QStyleOptionViewItem *option,
                                         const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (isMasked(index))
        option->text = QString(qMin<qsizetype>(option->text.size(), 12), QChar(0x2022));
}

} // namespace mcppm::ui
