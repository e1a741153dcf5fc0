#pragma once

#include <QStyledItemDelegate>

class QAbstractItemView;

namespace mcppm::ui {

// The item delegate of the monitor's tables and trees: a cell whose text does
// not fit is drawn elided, as usual, and its tooltip is the whole text (unless
// the model gives a tooltip of its own). install() sets it on a view.
class FullTextDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit FullTextDelegate(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(FullTextDelegate)

    static FullTextDelegate *install(QAbstractItemView *view);
    // Whether the display text of `index` is cut at `width` pixels (for tests).
    bool isElided(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;
};

} // namespace mcppm::ui
