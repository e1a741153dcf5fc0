#include "logincommand.h"

#include "blockingcredentials.h"

#include "net/safetext.h"

#include "auth/loopbackauthorizationagent.h"
#include "auth/oauthclient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTimer>

namespace mcppm::poolctl {

namespace {
// A browser when there is a display; the printed URL always.
bool openInBrowser(const QUrl &url)
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!env.contains(QStringLiteral("DISPLAY"))
        && !env.contains(QStringLiteral("WAYLAND_DISPLAY")))
        return true; // headless: the printed URL is the way
    QProcess::startDetached(QStringLiteral("xdg-open"), {url.toString(QUrl::FullyEncoded)});
    return true;
}
} // namespace

int runLoginCommand(const PoolctlOptions &options, bool logout, BlockingCredentials &credentials,
                    QTextStream &out, QTextStream &err)
{
    const QString command = logout ? QStringLiteral("logout") : QStringLiteral("login");
    if (options.arguments.size() != 1) {
        err << "mcp-poolctl: " << command << " wants one server id (from --server or --profile)\n";
        return 2;
    }
    const QString id = options.arguments.first();
    const ServerSpec *spec = nullptr;
    for (const ServerSpec &s : options.servers) {
        if (s.id == id)
            spec = &s;
    }
    if (!spec) {
        err << "mcp-poolctl: " << command << ": no server " << id
            << " (give it with --server ID=URL or --profile FILE)\n";
        return 2;
    }
    const QString key = CredentialStore::oauthKey(options.profileName, id);
    QString why;
    if (logout) {
        if (!credentials.remove(key, &why)) {
            err << "mcp-poolctl: logout " << id << ": " << why << "\n";
            return 1;
        }
        out << "signed out of " << id << ": its tokens are gone from the keychain\n";
        return 0;
    }
    if (!spec->token.isEmpty() || !spec->options.oauth) {
        err << "mcp-poolctl: login " << id
            << ": this server uses a static token or has OAuth turned off\n";
        return 2;
    }

    OAuthSettings settings = spec->options.oauthSettings;
    if (settings.tls.isEmpty())
        settings.tls = spec->options.tls;
    OAuthClient oauth(spec->url, settings);
    LoopbackAuthorizationAgent agent([&err](const QUrl &url) {
        err << "Open this page to sign in (waiting for the browser to come back):\n  "
            << url.toString(QUrl::FullyEncoded) << "\n";
        err.flush();
        return openInBrowser(url);
    });
    const int timeoutMs = options.timeoutMs > 10000 ? options.timeoutMs : 300000;
    agent.setTimeoutMs(timeoutMs);
    oauth.setAuthorizationAgent(&agent);
    QEventLoop loop;
    McpError failure;
    bool finished = false;
    QObject::connect(&oauth, &OAuthClient::signedIn, &loop, [&]() {
        finished = true;
        loop.quit();
    });
    QObject::connect(&oauth, &OAuthClient::authorizationFailed, &loop, [&](const McpError &e) {
        failure = e;
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs + 5000, &loop, &QEventLoop::quit);
    oauth.signIn();
    if (!finished)
        loop.exec();
    oauth.setAuthorizationAgent(nullptr);
    if (!finished || failure.isError()) {
        err << "mcp-poolctl: login " << id << ": "
            << SafeText::escape(failure.isError() ? failure.message
                                                  : QStringLiteral("no answer in time"))
            << "\n";
        return 1;
    }
    out << "signed in to " << id << " (issuer " << SafeText::escape(oauth.issuer());
    if (!oauth.grantedScopes().isEmpty())
        out << ", scopes " << SafeText::escape(oauth.grantedScopes().join(QLatin1Char(' ')));
    if (oauth.expiresAt().isValid())
        out << ", expires " << oauth.expiresAt().toLocalTime().toString(Qt::ISODate);
    if (oauth.tokenIsDpopBound()) // the key's public thumbprint, never the key
        out << ", DPoP-bound to key " << QString::fromLatin1(oauth.dpopThumbprint());
    out << ")\n";
    const QByteArray kept = QJsonDocument(oauth.tokenSet().toJson()).toJson(QJsonDocument::Compact);
    if (!credentials.write(key, QString::fromUtf8(kept), &why)) {
        err << "mcp-poolctl: login " << id << ": " << why
            << "; the tokens were not kept (they are never written to a file)\n";
        return 1;
    }
    out << "tokens kept in the keychain as " << key << "\n";
    return 0;
}

} // namespace mcppm::poolctl
