#pragma once

#include <QStyledItemDelegate>

namespace mcppm::ui {

// A table cell that may hold a secret: when the row's check column is checked
// and the value is not a reference (env:VAR, keychain:NAME), the value shows
// as dots and is edited in a password field (the server dialog's environment).
class SecretCellDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    SecretCellDelegate(int secretColumn, QObject *parent = nullptr);

    // Whether the value at index is shown masked.
    bool isMasked(const QModelIndex &index) const;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    int m_secretColumn;
};

} // namespace mcppm::ui
