#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

class QDialog;
class QWidget;

namespace mcppm::ui {

class PoolClient;

// Puts the servers' requests to the operator: elicitation/create opens an
// ElicitationDialog, sampling/createMessage a SamplingDialog (non-modal,
// several may be open), and the answer goes back through the PoolClient
// exactly once. A request the host withdraws (shutdown, pool rebuilt) closes
// its dialog without an answer; anything else is refused with an error.
class InputRequestController final : public QObject
{
    Q_OBJECT
public:
    InputRequestController(PoolClient *pool, QWidget *dialogParent, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(InputRequestController)

    int openCount() const { return int(m_open.size()); }
    QDialog *dialogFor(quint64 requestNo) const { return m_open.value(requestNo); }

Q_SIGNALS:
    void dialogShown(quint64 requestNo, QDialog *dialog);
    void requestAnswered(quint64 requestNo, const QJsonObject &result, const QString &errorText);

private:
    void show(quint64 requestNo, const QString &serverId, const QString &method,
              const QJsonObject &params);
    void answer(quint64 requestNo, const QJsonObject &result, const QString &errorText);
    void withdraw(quint64 requestNo);

    PoolClient *m_pool = nullptr;
    QPointer<QWidget> m_dialogParent;
    QHash<quint64, QPointer<QDialog>> m_open;
};

} // namespace mcppm::ui
