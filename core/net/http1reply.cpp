#include "net/http1reply.h"

#include <cstring>

namespace mcppm {

Http1Reply::Http1Reply(QNetworkAccessManager::Operation operation, const QNetworkRequest &request,
                       const QByteArray &verb, const QByteArray &body, QObject *parent)
    : QNetworkReply(parent)
    , m_verb(verb)
    , m_body(body)
{
    setOperation(operation);
    setRequest(request);
    setUrl(request.url());
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

Http1Reply::~Http1Reply() = default;

void Http1Reply::abort()
{
    if (m_done)
        return;
    if (auto hook = std::exchange(onAbort, nullptr))
        hook();
    deliverError(OperationCanceledError, QStringLiteral("Operation canceled"));
}

qint64 Http1Reply::bytesAvailable() const
{
    return (m_buffer.size() - m_readPos) + QIODevice::bytesAvailable();
}

qint64 Http1Reply::readData(char *data, qint64 maxSize)
{
    const qint64 n = qMin<qint64>(maxSize, m_buffer.size() - m_readPos);
    if (n <= 0)
        return m_done ? -1 : 0;
    std::memcpy(data, m_buffer.constData() + m_readPos, size_t(n));
    m_readPos += n;
    if (m_readPos == m_buffer.size()) {
        m_buffer.clear();
        m_readPos = 0;
    }
    return n;
}

void Http1Reply::redirectTo(const QUrl &url, bool keepMethod)
{
    ++m_redirects;
    if (!keepMethod && m_verb != "GET" && m_verb != "HEAD") {
        m_verb = "GET";
        m_body.clear();
        setOperation(QNetworkAccessManager::GetOperation);
    }
    setUrl(url);
    QNetworkRequest r = request();
    r.setUrl(url);
    setRequest(r);
    m_buffer.clear();
    m_readPos = 0;
    Q_EMIT redirected(url);
}

void Http1Reply::deliverHead(int status, const QByteArray &reason,
                             const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, status);
    setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, QString::fromLatin1(reason));
    for (const auto &[name, value] : headers) {
        const QByteArray before = rawHeader(name);
        setRawHeader(name, before.isEmpty() ? value : before + ", " + value);
    }
    // A redirect handed back (ManualRedirectPolicy): its target, as QNetworkAccessManager gives it.
    if (status >= 300 && status < 400 && hasRawHeader("Location"))
        setAttribute(QNetworkRequest::RedirectionTargetAttribute,
                     QUrl::fromEncoded(rawHeader("Location")));
    Q_EMIT metaDataChanged();
}

void Http1Reply::deliverBody(const QByteArray &data)
{
    if (data.isEmpty() || m_done)
        return;
    if (m_buffer.isEmpty())
        m_buffer = data;
    else
        m_buffer += data;
    Q_EMIT readyRead();
}

void Http1Reply::deliverEnd()
{
    if (m_done)
        return;
    m_done = true;
    onAbort = nullptr;
    setFinished(true);
    Q_EMIT readChannelFinished();
    Q_EMIT finished();
}

void Http1Reply::deliverError(NetworkError code, const QString &text)
{
    if (m_done)
        return;
    m_done = true;
    onAbort = nullptr;
    setError(code, text);
    setFinished(true);
    Q_EMIT errorOccurred(code);
    Q_EMIT finished();
}

void Http1Reply::deliverSslErrors(const QList<QSslError> &errors)
{
    Q_EMIT sslErrors(errors);
}

} // namespace mcppm
