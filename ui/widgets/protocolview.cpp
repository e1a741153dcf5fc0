#include "protocolview.h"

#include "models/protocolmodel.h"

#include "controllers/poolclient.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace mcppm::ui {

ProtocolView::ProtocolView(PoolClient *pool, QWidget *parent)
    : QWidget(parent)
    , m_pool(pool)
{
    m_model = new ProtocolModel(500, this);
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *label = new QLabel(tr("&Watch server:"), this);
    m_server = new QComboBox(this);
    m_server->setAccessibleName(tr("Server whose traffic is shown"));
    m_server->addItem(tr("(none)"), QString());
    label->setBuddy(m_server);
    auto *clear = new QPushButton(tr("Clear"), this);
    auto *copy = new QPushButton(tr("Cop&y Message"), this);
    top->addWidget(label);
    top->addWidget(m_server, 1);
    top->addWidget(clear);
    top->addWidget(copy);
    layout->addLayout(top);
    auto *split = new QSplitter(Qt::Horizontal, this);
    m_list = new QListView(split);
    m_list->setModel(m_model);
    m_list->setAccessibleName(tr("Messages"));
    m_list->setUniformItemSizes(true);
    m_message = new QPlainTextEdit(split);
    m_message->setReadOnly(true);
    m_message->setAccessibleName(tr("Message"));
    m_message->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_message->setPlaceholderText(tr("Secrets (tokens, passwords, keys) are masked."));
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    connect(m_server, &QComboBox::activated, this,
            [this](int i) { watch(m_server->itemData(i).toString()); });
    connect(clear, &QPushButton::clicked, m_model, &ProtocolModel::clear);
    connect(copy, &QPushButton::clicked, this,
            [this]() { QApplication::clipboard()->setText(m_message->toPlainText()); });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                m_message->setPlainText(current.data(ProtocolModel::MessageRole).toString());
            });
    connect(pool, &PoolClient::trafficObserved, this,
            [this](const QList<TrafficRecord> &records, int dropped) {
                const bool atEnd = !m_list->currentIndex().isValid()
                    || m_list->currentIndex().row() == m_model->rowCount() - 1;
                m_model->append(records, dropped);
                if (atEnd)
                    m_list->scrollToBottom();
            });
}

void ProtocolView::setServers(const QStringList &ids)
{
    QStringList known;
    for (int i = 1; i < m_server->count(); ++i)
        known << m_server->itemData(i).toString();
    if (known == ids)
        return;
    const QSignalBlocker block(m_server);
    m_server->clear();
    m_server->addItem(tr("(none)"), QString());
    for (const QString &id : ids)
        m_server->addItem(id, id);
    const int i = m_server->findData(m_watched);
    m_server->setCurrentIndex(qMax(0, i));
    if (i < 0 && !m_watched.isEmpty())
        watch({});
}

bool ProtocolView::watch(const QString &id)
{
    const int i = m_server->findData(id);
    if (i < 0)
        return false;
    m_server->setCurrentIndex(i);
    m_watched = id;
    m_pool->watchTraffic(id);
    return true;
}

} // namespace mcppm::ui
