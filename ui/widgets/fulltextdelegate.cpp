#include "fulltextdelegate.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QToolTip>

namespace mcppm::ui {

FullTextDelegate::FullTextDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

FullTextDelegate *FullTextDelegate::install(QAbstractItemView *view)
{
    auto *delegate = new FullTextDelegate(view);
    view->setItemDelegate(delegate);
    return delegate;
}

bool FullTextDelegate::isElided(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    if (opt.text.isEmpty())
        return false;
    // The width the text needs next to its icon, against the cell's.
    return sizeHint(opt, index).width() > option.rect.width() + 1;
}

bool FullTextDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                 const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (!event || !view || event->type() != QEvent::ToolTip || !index.isValid()
        || index.data(Qt::ToolTipRole).isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    if (!isElided(option, index)) {
        QToolTip::hideText();
        event->ignore();
        return false;
    }
    QToolTip::showText(event->globalPos(), index.data(Qt::DisplayRole).toString(), view,
                       option.rect);
    return true;
}

} // namespace mcppm::ui
