#include "blockingcredentials.h"

#include <QEventLoop>
#include <QTimer>

#include <memory>

namespace mcppm::poolctl {

BlockingCredentials::BlockingCredentials(int keychainTimeoutMs)
{
    m_keychain.setTimeoutMs(keychainTimeoutMs);
    m_resolver.setStore(QStringLiteral("env"), &m_env);
    m_resolver.setStore(QStringLiteral("file"), &m_file);
    m_resolver.setStore(QStringLiteral("keychain"), &m_keychain);
}

namespace {
// What a store answered; shared with its callback, which may (in theory)
// come after the wait gave up.
struct Answer
{
    bool answered = false;
    QString value;
    CredentialError error;
};
} // namespace

void BlockingCredentials::wait(const std::function<void(std::function<void()> finished)> &start)
{
    QEventLoop loop;
    auto done = std::make_shared<bool>(false);
    auto waiting = std::make_shared<QEventLoop *>(&loop);
    start([done, waiting]() {
        *done = true;
        if (*waiting)
            (*waiting)->quit();
    });
    if (!*done) {
        // The store answers within its own timeout; this is only a backstop.
        QTimer::singleShot(m_keychain.timeoutMs() + 2000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    *waiting = nullptr;
}

QHash<QString, QString> BlockingCredentials::readAll(const QStringList &references,
                                                     QHash<QString, QString> *errors)
{
    QHash<QString, QString> values;
    QStringList pending;
    for (const QString &reference : references) {
        if (!reference.isEmpty() && !pending.contains(reference))
            pending << reference;
    }
    for (const QString &reference : std::as_const(pending)) {
        auto answer = std::make_shared<Answer>();
        wait([&](std::function<void()> finished) {
            m_resolver.read(reference,
                            [answer, finished](const QString &value, const CredentialError &e) {
                                *answer = {true, value, e};
                                finished();
                            });
        });
        if (!answer->answered)
            errors->insert(reference,
                           QStringLiteral("token reference %1: no answer in time").arg(reference));
        else if (answer->error.isError())
            errors->insert(reference, CredentialResolver::describe(reference, answer->error));
        else
            values.insert(reference, answer->value);
    }
    return values;
}

bool BlockingCredentials::read(const QString &key, QString *value, QString *error)
{
    auto answer = std::make_shared<Answer>();
    wait([&](std::function<void()> finished) {
        m_keychain.read(key, [answer, finished](const QString &text, const CredentialError &e) {
            *answer = {true, text, e};
            finished();
        });
    });
    *value = answer->value;
    *error = answer->answered ? answer->error.message
                              : QStringLiteral("the keychain did not answer in time");
    return answer->answered && !answer->error.isError();
}

bool BlockingCredentials::write(const QString &key, const QString &value, QString *error)
{
    auto answer = std::make_shared<Answer>();
    wait([&](std::function<void()> finished) {
        m_keychain.write(key, value, [answer, finished](const CredentialError &e) {
            *answer = {true, {}, e};
            finished();
        });
    });
    *error = answer->answered ? answer->error.message
                              : QStringLiteral("the keychain did not answer in time");
    return answer->answered && !answer->error.isError();
}

bool BlockingCredentials::remove(const QString &key, QString *error)
{
    auto answer = std::make_shared<Answer>();
    wait([&](std::function<void()> finished) {
        m_keychain.remove(key, [answer, finished](const CredentialError &e) {
            *answer = {true, {}, e};
            finished();
        });
    });
    *error = answer->answered ? answer->error.message
                              : QStringLiteral("the keychain did not answer in time");
    return answer->answered && !answer->error.isError();
}

} // namespace mcppm::poolctl
