#include "inputrequestcontroller.h"

#include "controllers/poolclient.h"
#include "dialogs/elicitationdialog.h"
#include "dialogs/samplingdialog.h"

#include "net/safetext.h"

namespace mcppm::ui {

InputRequestController::InputRequestController(PoolClient *pool, QWidget *dialogParent,
                                               QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_dialogParent(dialogParent)
{
    connect(pool, &PoolClient::inputRequested, this, &InputRequestController::show);
    connect(pool, &PoolClient::inputWithdrawn, this,
            [this](quint64 requestNo, const QString &) { withdraw(requestNo); });
}

void InputRequestController::show(quint64 requestNo, const QString &serverId, const QString &method,
                                  const QJsonObject &params)
{
    QDialog *dialog = nullptr;
    if (method == QLatin1String("elicitation/create")) {
        auto *elicitation = new ElicitationDialog(serverId, params, m_dialogParent);
        connect(elicitation, &QDialog::finished, this,
                [this, requestNo, elicitation]() { answer(requestNo, elicitation->result(), {}); });
        dialog = elicitation;
    } else if (method == QLatin1String("sampling/createMessage")) {
        auto *sampling = new SamplingDialog(serverId, params, m_dialogParent);
        connect(sampling, &QDialog::finished, this, [this, requestNo, sampling](int code) {
            if (code == QDialog::Accepted)
                answer(requestNo, sampling->result(), {});
            else
                answer(requestNo, {}, tr("The operator declined to answer the sampling request."));
        });
        dialog = sampling;
    } else {
        answer(requestNo, {},
               tr("The monitor does not answer %1 requests.").arg(SafeText::escape(method)));
        return;
    }
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_open.insert(requestNo, dialog);
    dialog->show();
    dialog->raise();
    Q_EMIT dialogShown(requestNo, dialog);
}

void InputRequestController::answer(quint64 requestNo, const QJsonObject &result,
                                    const QString &errorText)
{
    if (m_open.contains(requestNo) && !m_open.value(requestNo))
        return; // withdrawn meanwhile
    m_open.remove(requestNo);
    m_pool->answerInput(requestNo, result, errorText);
    Q_EMIT requestAnswered(requestNo, result, errorText);
}

void InputRequestController::withdraw(quint64 requestNo)
{
    const QPointer<QDialog> dialog = m_open.take(requestNo);
    if (!dialog)
        return;
    dialog->disconnect(this); // closing it answers nothing: the host already did
    dialog->close();
}

} // namespace mcppm::ui
