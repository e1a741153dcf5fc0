// mcp-demo-worker --oauth: its own authorization server and the bearer check
// of /mcp, spoken to with plain HTTP (metadata, challenge, registration,
// authorization, token grants, refresh rotation, expiry, bad inputs), then
// the real OAuth client (OAuthClient + HeadlessAuthorizationAgent) through
// McpClient, over HTTP and HTTPS.

#include "demoworkerprocess.h"

#include "auth/headlessauthorizationagent.h"
#include "auth/oauthclient.h"
#include "auth/wwwauthenticate.h"
#include "jsonrpc/jsonrpcmessage.h"
#include "mcp/mcpclient.h"
#include "mcp/mcpreply.h"
#include "net/tlstrust.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace mcppm;

namespace {
const QString kRedirect = QStringLiteral("http://127.0.0.1:8976/callback");
const QByteArray kSecretVariable = "MCPPM_TEST_DEMO_CLIENT_SECRET";
const QByteArray kSecret = "demo s3cret+/:=&%"; // characters that need form-encoding
const QByteArray kVerifier = "verifier-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ";

using Items = QList<QPair<QString, QString>>;

QByteArray challengeFor(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// application/x-www-form-urlencoded (also a URL's query).
QByteArray formEncode(const Items &items)
{
    QByteArray out;
    for (const auto &item : items) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(item.first) + '=' + QUrl::toPercentEncoding(item.second);
    }
    return out;
}

QByteArray basic(const QByteArray &id, const QByteArray &secret)
{
    const QByteArray pair = QUrl::toPercentEncoding(QString::fromUtf8(id)) + ':'
        + QUrl::toPercentEncoding(QString::fromUtf8(secret));
    return "Basic " + pair.toBase64();
}

// JSON written with single quotes, for readability.
QByteArray jsonText(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out;
}

QString queryValue(const QUrl &url, const QString &name)
{
    return QUrlQuery(url).queryItemValue(name, QUrl::FullyDecoded);
}
} // namespace

class TestDemoAuth : public QObject
{
    Q_OBJECT

    struct Answer
    {
        int status = 0;
        QByteArray body;
        QJsonObject json;
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
        QString error() const { return json.value(QStringLiteral("error")).toString(); }
        QUrl location() const { return QUrl::fromEncoded(header("location")); }
    };
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    DemoWorkerProcess m_worker; // --oauth, with the demo-client secret
    QString m_origin; // "http://127.0.0.1:PORT"
    QNetworkAccessManager m_network;
    QSslConfiguration m_ssl; // trusts the certificate of the HTTPS worker
    QList<QByteArray> m_seen; // every token, code and secret seen: never printed

    static QString originOf(const QUrl &mcpUrl)
    {
        return mcpUrl.adjusted(QUrl::RemovePath).toString();
    }

    static bool startWorker(DemoWorkerProcess &worker, const QStringList &args,
                            bool withSecret = true)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (withSecret)
            env.insert(QString::fromLatin1(kSecretVariable), QString::fromUtf8(kSecret));
        worker.process().setProcessEnvironment(env);
        QStringList all{QStringLiteral("--oauth")};
        if (withSecret)
            all << QStringLiteral("--oauth-client-secret-env")
                << QString::fromLatin1(kSecretVariable);
        return worker.start(all + args);
    }

    Answer send(const QByteArray &verb, const QUrl &url, const QByteArray &body = {},
                const Headers &headers = {})
    {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        request.setTransferTimeout(5000);
        if (url.scheme() == QLatin1String("https"))
            request.setSslConfiguration(m_ssl);
        for (const auto &h : headers)
            request.setRawHeader(h.first, h.second);
        QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
        [[maybe_unused]] const bool done
            = QTest::qWaitFor([reply]() { return reply->isFinished(); }, 7000);
        Answer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        for (const auto &pair : reply->rawHeaderPairs())
            a.headers.insert(pair.first.toLower(), pair.second);
        a.body = reply->readAll();
        a.json = QJsonDocument::fromJson(a.body).object();
        reply->deleteLater();
        return a;
    }
    Answer get(const QString &origin, const QString &path)
    {
        return send("GET", QUrl(origin + path));
    }
    Answer postForm(const QString &origin, const Items &form, const Headers &headers = {})
    {
        Headers all{{"Content-Type", "application/x-www-form-urlencoded"}};
        return send("POST", QUrl(origin + QStringLiteral("/token")), formEncode(form),
                    all + headers);
    }
    Answer postJson(const QString &origin, const QString &path, const QByteArray &body)
    {
        return send("POST", QUrl(origin + path), body, {{"Content-Type", "application/json"}});
    }
    // POST /mcp initialize with this bearer token (none when empty).
    Answer initialize(const QString &origin, const QByteArray &token)
    {
        QJsonObject params;
        params.insert(QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25"));
        params.insert(QStringLiteral("capabilities"), QJsonObject());
        params.insert(QStringLiteral("clientInfo"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("t")},
                                  {QStringLiteral("version"), QStringLiteral("1")}});
        Headers headers{{"Content-Type", "application/json"},
                        {"Accept", "application/json, text/event-stream"}};
        if (!token.isEmpty())
            headers.append({"Authorization", "Bearer " + token});
        return send(
            "POST", QUrl(origin + QStringLiteral("/mcp")),
            JsonRpcMessage::request(QJsonValue(1), QStringLiteral("initialize"), params).toBytes(),
            headers);
    }

    // Registers a public client (token_endpoint_auth_method none); its client_id.
    QString registerPublic(const QString &origin, const QStringList &redirectUris = {kRedirect})
    {
        QJsonObject body;
        body.insert(QStringLiteral("client_name"), QStringLiteral("tst_demoauth"));
        body.insert(QStringLiteral("redirect_uris"), QJsonArray::fromStringList(redirectUris));
        body.insert(
            QStringLiteral("grant_types"),
            QJsonArray{QStringLiteral("authorization_code"), QStringLiteral("refresh_token")});
        body.insert(QStringLiteral("token_endpoint_auth_method"), QStringLiteral("none"));
        const Answer a = postJson(origin, QStringLiteral("/register"),
                                  QJsonDocument(body).toJson(QJsonDocument::Compact));
        return a.status == 201 ? a.json.value(QStringLiteral("client_id")).toString() : QString();
    }
    static Items authorizeParams(const QString &origin, const QString &clientId,
                                 const QString &redirect = kRedirect)
    {
        return {{QStringLiteral("response_type"), QStringLiteral("code")},
                {QStringLiteral("client_id"), clientId},
                {QStringLiteral("redirect_uri"), redirect},
                {QStringLiteral("code_challenge"), QString::fromLatin1(challengeFor(kVerifier))},
                {QStringLiteral("code_challenge_method"), QStringLiteral("S256")},
                {QStringLiteral("state"), QStringLiteral("st-42")},
                {QStringLiteral("scope"), QStringLiteral("mcp:tools offline_access")},
                {QStringLiteral("resource"), origin + QStringLiteral("/mcp")}};
    }
    Answer authorize(const QString &origin, const Items &params)
    {
        QUrl url(origin + QStringLiteral("/authorize"));
        url.setQuery(QString::fromLatin1(formEncode(params)), QUrl::StrictMode);
        return send("GET", url);
    }
    // An authorization code for the client (empty on failure).
    QString code(const QString &origin, const QString &clientId,
                 const QString &redirect = kRedirect)
    {
        const Answer a = authorize(origin, authorizeParams(origin, clientId, redirect));
        const QString c
            = a.status == 302 ? queryValue(a.location(), QStringLiteral("code")) : QString();
        m_seen << c.toLatin1();
        return c;
    }
    Items exchangeForm(const QString &origin, const QString &clientId, const QString &code,
                       const QByteArray &verifier = kVerifier, const QString &redirect = kRedirect)
    {
        return {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                {QStringLiteral("code"), code},
                {QStringLiteral("redirect_uri"), redirect},
                {QStringLiteral("code_verifier"), QString::fromLatin1(verifier)},
                {QStringLiteral("client_id"), clientId},
                {QStringLiteral("resource"), origin + QStringLiteral("/mcp")}};
    }
    // The whole authorization code flow; the token answer.
    Answer signIn(const QString &origin, const QString &clientId)
    {
        const Answer a = postForm(origin, exchangeForm(origin, clientId, code(origin, clientId)));
        remember(a);
        return a;
    }
    Answer refresh(const QString &origin, const QString &clientId, const QString &refreshToken)
    {
        const Answer a = postForm(origin,
                                  {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                                   {QStringLiteral("refresh_token"), refreshToken},
                                   {QStringLiteral("client_id"), clientId}});
        remember(a);
        return a;
    }
    void remember(const Answer &a)
    {
        m_seen << a.json.value(QStringLiteral("access_token")).toString().toLatin1()
               << a.json.value(QStringLiteral("refresh_token")).toString().toLatin1()
               << a.json.value(QStringLiteral("client_secret")).toString().toLatin1();
    }
    static QByteArray accessToken(const Answer &a)
    {
        return a.json.value(QStringLiteral("access_token")).toString().toLatin1();
    }
    static QString refreshToken(const Answer &a)
    {
        return a.json.value(QStringLiteral("refresh_token")).toString();
    }

    static bool finished(McpReply *reply, int ms = 10000)
    {
        return QTest::qWaitFor([reply]() { return reply->isFinished(); }, ms);
    }
    static bool connectClient(McpClient &client)
    {
        QSignalSpy connected(&client, &McpClient::connected);
        QSignalSpy failed(&client, &McpClient::connectFailed);
        client.connectToServer();
        return QTest::qWaitFor([&]() { return !connected.isEmpty() || !failed.isEmpty(); }, 15000)
            && !connected.isEmpty();
    }
    static QString echo(McpClient &client, const QString &message)
    {
        McpReply *reply = client.callTool(QStringLiteral("echo"),
                                          QJsonObject{{QStringLiteral("message"), message}});
        if (!finished(reply))
            return QStringLiteral("<no answer>");
        if (reply->isError())
            return QStringLiteral("<error: %1>").arg(reply->error().toString());
        return reply->toolResult().text();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(startWorker(m_worker, {}));
        m_origin = originOf(m_worker.url());
        QVERIFY(m_origin.startsWith(QLatin1String("http://127.0.0.1:")));
    }

    // ---- metadata ----

    void protectedResourceMetadata_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("path-based") << "/.well-known/oauth-protected-resource/mcp";
        QTest::newRow("root") << "/.well-known/oauth-protected-resource";
    }
    void protectedResourceMetadata()
    {
        QFETCH(QString, path);
        const Answer a = get(m_origin, path);
        QCOMPARE(a.status, 200);
        QVERIFY(a.header("content-type").startsWith("application/json"));
        QCOMPARE(a.json.value(QStringLiteral("resource")).toString(),
                 m_origin + QStringLiteral("/mcp"));
        QCOMPARE(strings(a.json.value(QStringLiteral("authorization_servers"))),
                 QStringList{m_origin});
        QCOMPARE(strings(a.json.value(QStringLiteral("scopes_supported"))),
                 QStringList{QStringLiteral("mcp:tools")});
        QCOMPARE(strings(a.json.value(QStringLiteral("bearer_methods_supported"))),
                 QStringList{QStringLiteral("header")});
    }

    void authorizationServerMetadata()
    {
        const Answer a = get(m_origin, QStringLiteral("/.well-known/oauth-authorization-server"));
        QCOMPARE(a.status, 200);
        const QJsonObject &m = a.json;
        QCOMPARE(m.value(QStringLiteral("issuer")).toString(), m_origin);
        QCOMPARE(m.value(QStringLiteral("authorization_endpoint")).toString(),
                 m_origin + QStringLiteral("/authorize"));
        QCOMPARE(m.value(QStringLiteral("token_endpoint")).toString(),
                 m_origin + QStringLiteral("/token"));
        QCOMPARE(m.value(QStringLiteral("registration_endpoint")).toString(),
                 m_origin + QStringLiteral("/register"));
        QCOMPARE(strings(m.value(QStringLiteral("response_types_supported"))),
                 QStringList{QStringLiteral("code")});
        QCOMPARE(strings(m.value(QStringLiteral("grant_types_supported"))),
                 (QStringList{QStringLiteral("authorization_code"), QStringLiteral("refresh_token"),
                              QStringLiteral("client_credentials")}));
        QCOMPARE(strings(m.value(QStringLiteral("code_challenge_methods_supported"))),
                 QStringList{QStringLiteral("S256")});
        QCOMPARE(strings(m.value(QStringLiteral("token_endpoint_auth_methods_supported"))),
                 (QStringList{QStringLiteral("none"), QStringLiteral("client_secret_basic"),
                              QStringLiteral("client_secret_post")}));
        QCOMPARE(strings(m.value(QStringLiteral("scopes_supported"))),
                 (QStringList{QStringLiteral("mcp:tools"), QStringLiteral("offline_access")}));
        // Not an OpenID provider; other paths stay 404.
        QCOMPARE(get(m_origin, QStringLiteral("/.well-known/openid-configuration")).status, 404);
        QCOMPARE(
            send("POST", QUrl(m_origin + QStringLiteral("/.well-known/oauth-authorization-server")))
                .status,
            405);
    }

    // ---- the resource server ----

    void challenge_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<QString>("error");
        QTest::newRow("POST without token") << QByteArray("POST") << QByteArray() << QString();
        QTest::newRow("GET without token") << QByteArray("GET") << QByteArray() << QString();
        QTest::newRow("DELETE without token") << QByteArray("DELETE") << QByteArray() << QString();
        QTest::newRow("Basic instead of Bearer")
            << QByteArray("POST") << QByteArray("Basic dXNlcjpwdw==") << QString();
        QTest::newRow("a token it never issued")
            << QByteArray("POST") << QByteArray("Bearer not-a-token-of-ours") << "invalid_token";
        QTest::newRow("GET with a foreign token")
            << QByteArray("GET") << QByteArray("Bearer xyz") << "invalid_token";
    }
    void challenge()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QByteArray, authorization);
        QFETCH(QString, error);
        Headers headers{{"Content-Type", "application/json"},
                        {"Accept", "application/json, text/event-stream"},
                        {"Mcp-Session-Id", "whatever"}};
        if (!authorization.isEmpty())
            headers.append({"Authorization", authorization});
        const Answer a = send(verb, QUrl(m_origin + QStringLiteral("/mcp")),
                              verb == "POST" ? QByteArray("{}") : QByteArray(), headers);
        QCOMPARE(a.status, 401);
        const QByteArray header = a.header("www-authenticate");
        const QByteArray expected = "Bearer resource_metadata=\"" + m_origin.toUtf8()
            + "/.well-known/oauth-protected-resource/mcp\", scope=\"mcp:tools\"";
        QVERIFY2(header.startsWith(expected), header.constData());
        const AuthChallenge c = AuthChallenge::bearer(header);
        QVERIFY(c.isBearer());
        QCOMPARE(c.param(QStringLiteral("resource_metadata")),
                 m_origin + QStringLiteral("/.well-known/oauth-protected-resource/mcp"));
        QCOMPARE(c.param(QStringLiteral("scope")), QStringLiteral("mcp:tools"));
        QCOMPARE(c.param(QStringLiteral("error")), error);
        QCOMPARE(JsonRpcMessage::parse(a.body).size(), 1); // a JSON-RPC error body
    }

    // ---- registration (RFC 7591) ----

    void registration_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error");
        QTest::addColumn<bool>("secret");
        const QByteArray json = "application/json";
        QTest::newRow("public") << json
                                << jsonText("{'redirect_uris':['http://127.0.0.1:9/cb'],"
                                            "'grant_types':['authorization_code','refresh_token'],"
                                            "'token_endpoint_auth_method':'none'}")
                                << 201 << QString() << false;
        QTest::newRow("confidential by default")
            << json << jsonText("{'redirect_uris':['https://app.example/cb']}") << 201 << QString()
            << true;
        QTest::newRow("client_secret_post")
            << json
            << jsonText("{'redirect_uris':['com.example.app:/cb'],"
                        "'token_endpoint_auth_method':'client_secret_post'}")
            << 201 << QString() << true;
        QTest::newRow("public without redirect URIs (loopback ones)")
            << json << jsonText("{'token_endpoint_auth_method':'none'}") << 201 << QString()
            << false;
        QTest::newRow("confidential without redirect URIs")
            << json << QByteArray("{}") << 400 << "invalid_redirect_uri" << false;
        QTest::newRow("http on another host")
            << json << jsonText("{'redirect_uris':['http://evil.example/cb']}") << 400
            << "invalid_redirect_uri" << false;
        QTest::newRow("fragment") << json
                                  << jsonText("{'redirect_uris':['https://a.example/cb#x']}") << 400
                                  << "invalid_redirect_uri" << false;
        QTest::newRow("javascript")
            << json << QByteArray("{\"redirect_uris\":[\"javascript:alert(1)\"]}") << 400
            << "invalid_redirect_uri" << false;
        QTest::newRow("redirect_uris not an array")
            << json << jsonText("{'redirect_uris':'https://a.example/cb'}") << 400
            << "invalid_redirect_uri" << false;
        QTest::newRow("client_credentials") << json
                                            << jsonText("{'redirect_uris':['https://a.example/cb'],"
                                                        "'grant_types':['client_credentials']}")
                                            << 400 << "invalid_client_metadata" << false;
        QTest::newRow("implicit")
            << json
            << jsonText("{'redirect_uris':['https://a.example/cb'],'response_types':['token']}")
            << 400 << "invalid_client_metadata" << false;
        QTest::newRow("unknown auth method")
            << json
            << jsonText("{'redirect_uris':['https://a.example/cb'],"
                        "'token_endpoint_auth_method':'private_key_jwt'}")
            << 400 << "invalid_client_metadata" << false;
        QTest::newRow("unknown scope")
            << json << jsonText("{'token_endpoint_auth_method':'none','scope':'admin'}") << 400
            << "invalid_client_metadata" << false;
        QTest::newRow("not JSON") << json << QByteArray("{oops") << 400 << "invalid_client_metadata"
                                  << false;
        QTest::newRow("a JSON array")
            << json << QByteArray("[]") << 400 << "invalid_client_metadata" << false;
        QTest::newRow("form instead of JSON")
            << QByteArray("application/x-www-form-urlencoded") << QByteArray("client_name=x") << 400
            << "invalid_client_metadata" << false;
    }
    void registration()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, error);
        QFETCH(bool, secret);
        const Answer a = send("POST", QUrl(m_origin + QStringLiteral("/register")), body,
                              {{"Content-Type", contentType}});
        remember(a);
        QCOMPARE(a.status, status);
        if (status != 201) {
            QCOMPARE(a.error(), error);
            return;
        }
        const QJsonObject in = QJsonDocument::fromJson(body).object();
        QVERIFY(!a.json.value(QStringLiteral("client_id")).toString().isEmpty());
        QCOMPARE(a.json.contains(QStringLiteral("client_secret")), secret);
        QCOMPARE(a.json.value(QStringLiteral("redirect_uris")).toArray(),
                 in.value(QStringLiteral("redirect_uris")).toArray());
        if (in.contains(QStringLiteral("grant_types")))
            QCOMPARE(a.json.value(QStringLiteral("grant_types")),
                     in.value(QStringLiteral("grant_types")));
        QCOMPARE(a.json.value(QStringLiteral("token_endpoint_auth_method")).toString(),
                 in.value(QStringLiteral("token_endpoint_auth_method"))
                     .toString(QStringLiteral("client_secret_basic")));
        QCOMPARE(send("GET", QUrl(m_origin + QStringLiteral("/register"))).status, 405);
    }

    // ---- authorization endpoint ----

    void authorizeRedirects()
    {
        const QString client = registerPublic(m_origin);
        QVERIFY(!client.isEmpty());
        const Answer a = authorize(m_origin, authorizeParams(m_origin, client));
        QCOMPARE(a.status, 302);
        const QUrl to = a.location();
        QCOMPARE(to.adjusted(QUrl::RemoveQuery), QUrl(kRedirect));
        QVERIFY(!queryValue(to, QStringLiteral("code")).isEmpty());
        QCOMPARE(queryValue(to, QStringLiteral("state")), QStringLiteral("st-42"));
        QCOMPARE(queryValue(to, QStringLiteral("iss")), m_origin);
        QVERIFY(!QUrlQuery(to).hasQueryItem(QStringLiteral("error")));
        m_seen << queryValue(to, QStringLiteral("code")).toLatin1();

        // RFC 8252 §7.3: the loopback redirect URI with another port.
        const Answer otherPort = authorize(
            m_origin,
            authorizeParams(m_origin, client, QStringLiteral("http://127.0.0.1:51234/callback")));
        QCOMPARE(otherPort.status, 302);
        QCOMPARE(otherPort.location().port(), 51234);

        // A public client without registered redirect URIs: any loopback one;
        // a query on the redirect URI is kept.
        const QString open = registerPublic(m_origin, {});
        QVERIFY(!open.isEmpty());
        const Answer loopback = authorize(
            m_origin,
            authorizeParams(m_origin, open, QStringLiteral("http://127.0.0.1:4242/x?keep=1")));
        QCOMPARE(loopback.status, 302);
        QCOMPARE(queryValue(loopback.location(), QStringLiteral("keep")), QStringLiteral("1"));
        QVERIFY(!queryValue(loopback.location(), QStringLiteral("code")).isEmpty());
        const Answer remote = authorize(
            m_origin, authorizeParams(m_origin, open, QStringLiteral("https://app.example/cb")));
        QCOMPARE(remote.status, 400);
    }

    void authorizeErrors_data()
    {
        QTest::addColumn<QString>("name"); // parameter to change
        QTest::addColumn<QString>("value"); // its new value; "<drop>" leaves it out
        QTest::addColumn<int>("status"); // 400: shown here; 302: sent back
        QTest::addColumn<QString>("error");
        const QString drop = QStringLiteral("<drop>");
        QTest::newRow("unknown client") << "client_id"
                                        << "nobody" << 400 << "invalid_request";
        QTest::newRow("no client") << "client_id" << drop << 400 << "invalid_request";
        QTest::newRow("unregistered redirect_uri")
            << "redirect_uri"
            << "http://127.0.0.1:8976/elsewhere" << 400 << "invalid_request";
        QTest::newRow("foreign redirect_uri")
            << "redirect_uri"
            << "https://evil.example/callback" << 400 << "invalid_request";
        QTest::newRow("missing code_challenge")
            << "code_challenge" << drop << 302 << "invalid_request";
        QTest::newRow("missing code_challenge_method")
            << "code_challenge_method" << drop << 302 << "invalid_request";
        QTest::newRow("plain PKCE") << "code_challenge_method"
                                    << "plain" << 302 << "invalid_request";
        QTest::newRow("short code_challenge") << "code_challenge"
                                              << "abc" << 302 << "invalid_request";
        QTest::newRow("implicit") << "response_type"
                                  << "token" << 302 << "unsupported_response_type";
        QTest::newRow("no response_type") << "response_type" << drop << 302 << "invalid_request";
        QTest::newRow("no state") << "state" << drop << 302 << "invalid_request";
        QTest::newRow("unknown scope") << "scope"
                                       << "mcp:tools admin" << 302 << "invalid_scope";
        QTest::newRow("another resource")
            << "resource"
            << "https://elsewhere.example/mcp" << 302 << "invalid_target";
    }
    void authorizeErrors()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(int, status);
        QFETCH(QString, error);
        const QString client = registerPublic(m_origin);
        QVERIFY(!client.isEmpty());
        Items params;
        for (const auto &item : authorizeParams(m_origin, client)) {
            if (item.first != name)
                params.append(item);
            else if (value != QLatin1String("<drop>"))
                params.append({name, value});
        }
        const Answer a = authorize(m_origin, params);
        QCOMPARE(a.status, status);
        if (status == 400) {
            QCOMPARE(a.error(), error);
            QVERIFY(a.header("location").isEmpty()); // never sent to an unchecked URI
            return;
        }
        const QUrl to = a.location();
        QCOMPARE(to.adjusted(QUrl::RemoveQuery), QUrl(kRedirect));
        QCOMPARE(queryValue(to, QStringLiteral("error")), error);
        QVERIFY(!queryValue(to, QStringLiteral("error_description")).isEmpty());
        QVERIFY(!QUrlQuery(to).hasQueryItem(QStringLiteral("code")));
        QCOMPARE(queryValue(to, QStringLiteral("iss")), m_origin);
        if (name != QLatin1String("state"))
            QCOMPARE(queryValue(to, QStringLiteral("state")), QStringLiteral("st-42"));
    }

    void authorizeRefusesDuplicatesAndPost()
    {
        const QString client = registerPublic(m_origin);
        Items params = authorizeParams(m_origin, client);
        params.append({QStringLiteral("code_challenge"), QStringLiteral("x")});
        const Answer twice = authorize(m_origin, params);
        QCOMPARE(twice.status, 302);
        QCOMPARE(queryValue(twice.location(), QStringLiteral("error")),
                 QStringLiteral("invalid_request"));
        QCOMPARE(send("POST", QUrl(m_origin + QStringLiteral("/authorize"))).status, 405);
    }

    // ---- token endpoint ----

    void codeExchangeWithPkce()
    {
        const QString client = registerPublic(m_origin);
        QVERIFY(!client.isEmpty());

        // A wrong verifier is refused, and the code is spent.
        const QString first = code(m_origin, client);
        QVERIFY(!first.isEmpty());
        Answer a = postForm(m_origin,
                            exchangeForm(m_origin, client, first,
                                         "wrong-verifier-0123456789-abcdefghijklmnopqrstuv"));
        QCOMPARE(a.status, 400);
        QCOMPARE(a.error(), QStringLiteral("invalid_grant"));
        QCOMPARE(a.header("cache-control"), QByteArray("no-store"));
        a = postForm(m_origin, exchangeForm(m_origin, client, first));
        QCOMPARE(a.error(), QStringLiteral("invalid_grant"));

        // The redirect URI must be the authorization request's.
        a = postForm(m_origin,
                     exchangeForm(m_origin, client, code(m_origin, client), kVerifier,
                                  QStringLiteral("http://127.0.0.1:8976/other")));
        QCOMPARE(a.status, 400);
        QCOMPARE(a.error(), QStringLiteral("invalid_grant"));

        // A missing verifier.
        Items noVerifier = exchangeForm(m_origin, client, code(m_origin, client));
        noVerifier.removeIf(
            [](const auto &i) { return i.first == QLatin1String("code_verifier"); });
        a = postForm(m_origin, noVerifier);
        QCOMPARE(a.status, 400);
        QCOMPARE(a.error(), QStringLiteral("invalid_request"));

        // Another resource.
        Items otherResource = exchangeForm(m_origin, client, code(m_origin, client));
        otherResource.last().second = QStringLiteral("https://elsewhere.example/mcp");
        a = postForm(m_origin, otherResource);
        QCOMPARE(a.status, 400);
        QCOMPARE(a.error(), QStringLiteral("invalid_target"));

        // Another client's code.
        const QString other = registerPublic(m_origin);
        a = postForm(m_origin, exchangeForm(m_origin, other, code(m_origin, client)));
        QCOMPARE(a.status, 400);
        QCOMPARE(a.error(), QStringLiteral("invalid_grant"));

        // The good exchange, once.
        const QString good = code(m_origin, client);
        a = postForm(m_origin, exchangeForm(m_origin, client, good));
        remember(a);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.header("cache-control"), QByteArray("no-store"));
        QCOMPARE(a.json.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
        QCOMPARE(a.json.value(QStringLiteral("expires_in")).toInt(), 3600);
        QCOMPARE(a.json.value(QStringLiteral("scope")).toString(),
                 QStringLiteral("mcp:tools offline_access"));
        const QByteArray token = accessToken(a);
        QVERIFY(token.size() >= 43);
        QVERIFY(!refreshToken(a).isEmpty());
        QVERIFY(QByteArray::fromBase64Encoding(
            token, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors));
        const Answer again = postForm(m_origin, exchangeForm(m_origin, client, good));
        QCOMPARE(again.status, 400);
        QCOMPARE(again.error(), QStringLiteral("invalid_grant"));

        // The token opens /mcp.
        const Answer mcp = initialize(m_origin, token);
        QCOMPARE(mcp.status, 200);
        QVERIFY(!mcp.header("mcp-session-id").isEmpty());
    }

    void confidentialClient()
    {
        const Answer reg
            = postJson(m_origin, QStringLiteral("/register"),
                       jsonText("{'redirect_uris':['http://127.0.0.1:8976/callback']}"));
        remember(reg);
        QCOMPARE(reg.status, 201);
        const QByteArray id = reg.json.value(QStringLiteral("client_id")).toString().toLatin1();
        const QByteArray secret
            = reg.json.value(QStringLiteral("client_secret")).toString().toLatin1();
        QVERIFY(!secret.isEmpty());
        Items form = exchangeForm(m_origin, QString::fromLatin1(id),
                                  code(m_origin, QString::fromLatin1(id)));
        // No secret: 401 invalid_client.
        Answer a = postForm(m_origin, form);
        QCOMPARE(a.status, 401);
        QCOMPARE(a.error(), QStringLiteral("invalid_client"));
        // A wrong one through Basic: 401 with a Basic challenge.
        form = exchangeForm(m_origin, QString::fromLatin1(id),
                            code(m_origin, QString::fromLatin1(id)));
        a = postForm(m_origin, form, {{"Authorization", basic(id, "nope")}});
        QCOMPARE(a.status, 401);
        QCOMPARE(a.error(), QStringLiteral("invalid_client"));
        QVERIFY(a.header("www-authenticate").startsWith("Basic"));
        // The right one.
        form = exchangeForm(m_origin, QString::fromLatin1(id),
                            code(m_origin, QString::fromLatin1(id)));
        a = postForm(m_origin, form, {{"Authorization", basic(id, secret)}});
        remember(a);
        QCOMPARE(a.status, 200);
        QCOMPARE(initialize(m_origin, accessToken(a)).status, 200);
    }

    void refreshRotates()
    {
        const QString client = registerPublic(m_origin);
        const Answer first = signIn(m_origin, client);
        QCOMPARE(first.status, 200);
        const QString oldRefresh = refreshToken(first);

        const Answer second = refresh(m_origin, client, oldRefresh);
        QCOMPARE(second.status, 200);
        QVERIFY(!refreshToken(second).isEmpty());
        QVERIFY(refreshToken(second) != oldRefresh);
        QVERIFY(accessToken(second) != accessToken(first));
        QCOMPARE(second.json.value(QStringLiteral("scope")).toString(),
                 QStringLiteral("mcp:tools offline_access"));
        QCOMPARE(initialize(m_origin, accessToken(second)).status, 200);

        // The old refresh token stopped working; the new one works once.
        const Answer replay = refresh(m_origin, client, oldRefresh);
        QCOMPARE(replay.status, 400);
        QCOMPARE(replay.error(), QStringLiteral("invalid_grant"));
        // Another client cannot use it.
        const Answer stolen = refresh(m_origin, registerPublic(m_origin), refreshToken(second));
        QCOMPARE(stolen.error(), QStringLiteral("invalid_grant"));
        // No wider scope than granted.
        const Answer client2 = signIn(m_origin, client);
        Answer wider = postForm(m_origin,
                                {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                                 {QStringLiteral("refresh_token"), refreshToken(client2)},
                                 {QStringLiteral("client_id"), client},
                                 {QStringLiteral("scope"), QStringLiteral("mcp:tools admin")}});
        QCOMPARE(wider.error(), QStringLiteral("invalid_scope"));
        const Answer third = refresh(m_origin, client, refreshToken(second));
        QCOMPARE(third.status, 200);
        QCOMPARE(refresh(m_origin, client, refreshToken(second)).error(),
                 QStringLiteral("invalid_grant"));
    }

    void expiry()
    {
        DemoWorkerProcess worker;
        QVERIFY(startWorker(worker, {QStringLiteral("--token-lifetime"), QStringLiteral("1")}));
        const QString origin = originOf(worker.url());
        const QString client = registerPublic(origin);
        const Answer tokens = signIn(origin, client);
        QCOMPARE(tokens.status, 200);
        QCOMPARE(tokens.json.value(QStringLiteral("expires_in")).toInt(), 1);
        QCOMPARE(initialize(origin, accessToken(tokens)).status, 200);
        // The worker (another process) ends it after a real second: ask until it does.
        QTRY_COMPARE_WITH_TIMEOUT(initialize(origin, accessToken(tokens)).status, 401, 5000);
        const Answer expired = initialize(origin, accessToken(tokens));
        QCOMPARE(expired.status, 401);
        const AuthChallenge c = AuthChallenge::bearer(expired.header("www-authenticate"));
        QCOMPARE(c.param(QStringLiteral("error")), QStringLiteral("invalid_token"));
        QCOMPARE(c.param(QStringLiteral("resource_metadata")),
                 origin + QStringLiteral("/.well-known/oauth-protected-resource/mcp"));
        // The refresh token outlives it.
        const Answer renewed = refresh(origin, client, refreshToken(tokens));
        QCOMPARE(renewed.status, 200);
        QCOMPARE(initialize(origin, accessToken(renewed)).status, 200);
    }

    void clientCredentials()
    {
        const Items grant{{QStringLiteral("grant_type"), QStringLiteral("client_credentials")}};
        // client_secret_basic
        Answer a = postForm(m_origin, grant, {{"Authorization", basic("demo-client", kSecret)}});
        remember(a);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
        QCOMPARE(a.json.value(QStringLiteral("scope")).toString(), QStringLiteral("mcp:tools"));
        QVERIFY(!a.json.contains(QStringLiteral("refresh_token")));
        QCOMPARE(initialize(m_origin, accessToken(a)).status, 200);
        // client_secret_post
        a = postForm(m_origin,
                     grant
                         + Items{{QStringLiteral("client_id"), QStringLiteral("demo-client")},
                                 {QStringLiteral("client_secret"), QString::fromUtf8(kSecret)}});
        remember(a);
        QCOMPARE(a.status, 200);
        QVERIFY(!a.json.contains(QStringLiteral("refresh_token")));
        // A wrong secret; no secret; two methods at once.
        a = postForm(m_origin, grant, {{"Authorization", basic("demo-client", "guess")}});
        QCOMPARE(a.status, 401);
        QCOMPARE(a.error(), QStringLiteral("invalid_client"));
        a = postForm(m_origin,
                     grant + Items{{QStringLiteral("client_id"), QStringLiteral("demo-client")}});
        QCOMPARE(a.status, 401);
        QCOMPARE(a.error(), QStringLiteral("invalid_client"));
        a = postForm(m_origin,
                     grant + Items{{QStringLiteral("client_secret"), QString::fromUtf8(kSecret)}},
                     {{"Authorization", basic("demo-client", kSecret)}});
        QCOMPARE(a.status, 400);
        QCOMPARE(a.error(), QStringLiteral("invalid_request"));
        // A registered client may not use this grant.
        a = postForm(m_origin,
                     grant + Items{{QStringLiteral("client_id"), registerPublic(m_origin)}});
        QCOMPARE(a.status, 400);
        QCOMPARE(a.error(), QStringLiteral("unauthorized_client"));
        // demo-client has no authorization code grant.
        a = postForm(m_origin,
                     exchangeForm(m_origin, QStringLiteral("demo-client"), QStringLiteral("x")),
                     {{"Authorization", basic("demo-client", kSecret)}});
        QCOMPARE(a.status, 400);
        QCOMPARE(a.error(), QStringLiteral("unauthorized_client"));

        // Without --oauth-client-secret-env there is no demo-client.
        DemoWorkerProcess plain;
        QVERIFY(startWorker(plain, {}, false));
        a = postForm(originOf(plain.url()), grant,
                     {{"Authorization", basic("demo-client", kSecret)}});
        QCOMPARE(a.status, 401);
        QCOMPARE(a.error(), QStringLiteral("invalid_client"));
    }

    void tokenBadInputs_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error");
        const QByteArray form = "application/x-www-form-urlencoded";
        QTest::newRow("GET") << QByteArray("GET") << QByteArray() << QByteArray() << 405
                             << "invalid_request";
        QTest::newRow("JSON body")
            << QByteArray("POST") << QByteArray("application/json")
            << jsonText("{'grant_type':'client_credentials'}") << 400 << "invalid_request";
        QTest::newRow("no grant_type")
            << QByteArray("POST") << form << QByteArray("client_id=x") << 400 << "invalid_request";
        QTest::newRow("unknown client") << QByteArray("POST") << form
                                        << QByteArray("grant_type=authorization_code&code=x&"
                                                      "client_id=nobody")
                                        << 401 << "invalid_client";
        QTest::newRow("no client")
            << QByteArray("POST") << form << QByteArray("grant_type=authorization_code&code=x")
            << 401 << "invalid_client";
        QTest::newRow("password grant")
            << QByteArray("POST") << form
            << QByteArray("grant_type=password&username=a&password=b&client_id=demo-client&"
                          "client_secret=demo+s3cret%2B%2F%3A%3D%26%25")
            << 400 << "unsupported_grant_type";
        QTest::newRow("duplicate parameter")
            << QByteArray("POST") << form
            << QByteArray("grant_type=client_credentials&grant_type=password") << 400
            << "invalid_request";
        QTest::newRow("garbage") << QByteArray("POST") << form << QByteArray("%%%&&==&%zz") << 400
                                 << "invalid_request";
        QTest::newRow("malformed Basic is not a crash")
            << QByteArray("POST") << form << QByteArray("grant_type=client_credentials") << 401
            << "invalid_client";
    }
    void tokenBadInputs()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, error);
        Headers headers;
        if (!contentType.isEmpty())
            headers.append({"Content-Type", contentType});
        if (QByteArray(QTest::currentDataTag()).startsWith("malformed Basic"))
            headers.append({QByteArray("Authorization"), QByteArray("Basic !!!not base64")});
        const Answer a = send(verb, QUrl(m_origin + QStringLiteral("/token")), body, headers);
        QCOMPARE(a.status, status);
        QCOMPARE(a.error(), error);
    }

    void commandLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("needle");
        QTest::newRow("help") << QStringList{QStringLiteral("--help")} << 0
                              << "--oauth-client-secret-env";
        QTest::newRow("token lifetime 0")
            << QStringList{QStringLiteral("--oauth"), QStringLiteral("--token-lifetime"),
                           QStringLiteral("0")}
            << 2 << "--token-lifetime";
        QTest::newRow("token lifetime without --oauth")
            << QStringList{QStringLiteral("--token-lifetime"), QStringLiteral("5")} << 2
            << "--oauth";
        QTest::newRow("--oauth with --token-env")
            << QStringList{QStringLiteral("--oauth"), QStringLiteral("--token-env"),
                           QStringLiteral("PATH")}
            << 2 << "--token-env";
        QTest::newRow("secret variable not set")
            << QStringList{QStringLiteral("--oauth"), QStringLiteral("--oauth-client-secret-env"),
                           QStringLiteral("MCPPM_TEST_SURELY_UNSET_VARIABLE")}
            << 2 << "MCPPM_TEST_SURELY_UNSET_VARIABLE";
    }
    void commandLine()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, needle);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("MCPPM_TEST_SURELY_UNSET_VARIABLE"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(MCPPM_DEMO_WORKER), args);
        if (!p.waitForFinished(5000)) {
            p.kill();
            p.waitForFinished();
            QFAIL("the worker did not exit");
        }
        const QByteArray output = p.readAllStandardOutput() + p.readAllStandardError();
        QCOMPARE(p.exitCode(), exitCode);
        QVERIFY2(output.contains(needle.toUtf8()), output.constData());
    }

    // ---- the real client ----

    void mcpClientSignsIn()
    {
        OAuthSettings settings;
        settings.interactiveOnDemand = true;
        OAuthClient oauth(m_worker.url(), settings);
        HeadlessAuthorizationAgent agent;
        oauth.setAuthorizationAgent(&agent);
        McpClientOptions o;
        o.serverId = QStringLiteral("oauth-demo");
        o.baseUrl = m_worker.url();
        o.auth = &oauth;
        o.timeoutMs = 5000;
        o.retryAttempts = 0;
        McpClient client(o);
        QVERIFY2(connectClient(client), qPrintable(client.lastError().toString()));
        QCOMPARE(oauth.state(), OAuthClient::State::SignedIn);
        QCOMPARE(oauth.issuer(), m_origin);
        QCOMPARE(oauth.grantedScopes(),
                 (QStringList{QStringLiteral("mcp:tools"), QStringLiteral("offline_access")}));
        QVERIFY(oauth.canRefresh());
        QCOMPARE(agent.authorizationCount(), 1);

        McpReply *tools = client.listTools();
        QVERIFY(finished(tools));
        QVERIFY2(!tools->isError(), qPrintable(tools->error().toString()));
        QStringList names;
        for (const QJsonValue &t : tools->result().value(QStringLiteral("tools")).toArray())
            names << t.toObject().value(QStringLiteral("name")).toString();
        QVERIFY2(names.contains(QStringLiteral("echo")), qPrintable(names.join(u',')));
        QCOMPARE(echo(client, QStringLiteral("hello through OAuth")),
                 QStringLiteral("hello through OAuth"));
        m_seen << oauth.tokenSet().accessToken.toLatin1()
               << oauth.tokenSet().refreshToken.toLatin1();
        client.disconnectFromServer();
    }

    void mcpClientRefreshes()
    {
        DemoWorkerProcess worker;
        QVERIFY(startWorker(worker, {QStringLiteral("--token-lifetime"), QStringLiteral("2")}));
        OAuthSettings settings;
        settings.interactiveOnDemand = true;
        OAuthClient oauth(worker.url(), settings);
        HeadlessAuthorizationAgent agent;
        oauth.setAuthorizationAgent(&agent);
        McpClientOptions o;
        o.serverId = QStringLiteral("oauth-refresh");
        o.baseUrl = worker.url();
        o.auth = &oauth;
        o.timeoutMs = 5000;
        o.retryAttempts = 0;
        McpClient client(o);
        QVERIFY2(connectClient(client), qPrintable(client.lastError().toString()));
        QCOMPARE(echo(client, QStringLiteral("before")), QStringLiteral("before"));
        const QString firstToken = oauth.tokenSet().accessToken;
        const QString firstRefresh = oauth.tokenSet().refreshToken;
        const int requestsBefore = oauth.tokenRequestCount();
        m_seen << firstToken.toLatin1() << firstRefresh.toLatin1();

        // Until the worker (another process, real time) refuses the first token:
        // the call below needs the refreshed one.
        QTRY_COMPARE_WITH_TIMEOUT(initialize(originOf(worker.url()), firstToken.toLatin1()).status,
                                  401, 10000);
        QCOMPARE(echo(client, QStringLiteral("after")), QStringLiteral("after"));
        QVERIFY(oauth.tokenRequestCount() > requestsBefore); // refreshed
        QVERIFY(oauth.tokenSet().accessToken != firstToken);
        QVERIFY(oauth.tokenSet().refreshToken != firstRefresh); // rotated
        QCOMPARE(agent.authorizationCount(), 1); // no new consent
        QCOMPARE(oauth.authorizationCount(), 1);
        QCOMPARE(oauth.state(), OAuthClient::State::SignedIn);
        m_seen << oauth.tokenSet().accessToken.toLatin1()
               << oauth.tokenSet().refreshToken.toLatin1();
        // The rotated-away refresh token is dead at the server.
        QCOMPARE(refresh(originOf(worker.url()), oauth.tokenSet().clientId, firstRefresh).error(),
                 QStringLiteral("invalid_grant"));
        client.disconnectFromServer();
    }

    void overHttpsWithClientCredentials()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcess openssl;
        openssl.setProcessChannelMode(QProcess::MergedChannels);
        openssl.setWorkingDirectory(dir.path());
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                       QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), QStringLiteral("w.key"), QStringLiteral("-out"),
                       QStringLiteral("w.pem"), QStringLiteral("-days"), QStringLiteral("2"),
                       QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                       QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost")});
        if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0)
            QSKIP("openssl could not make a certificate");
        DemoWorkerProcess worker;
        QVERIFY(startWorker(worker,
                            {QStringLiteral("--tls-cert"), dir.filePath(QStringLiteral("w.pem")),
                             QStringLiteral("--tls-key"), dir.filePath(QStringLiteral("w.key"))}));
        QCOMPARE(worker.url().scheme(), QStringLiteral("https"));
        const QString origin = originOf(worker.url());
        m_ssl = QSslConfiguration::defaultConfiguration();
        QFile pem(dir.filePath(QStringLiteral("w.pem")));
        QVERIFY(pem.open(QIODevice::ReadOnly));
        m_ssl.setCaCertificates(QSslCertificate::fromData(pem.readAll()));

        // The metadata names https URLs.
        const Answer as = get(origin, QStringLiteral("/.well-known/oauth-authorization-server"));
        QCOMPARE(as.status, 200);
        QCOMPARE(as.json.value(QStringLiteral("issuer")).toString(), origin);
        QVERIFY(as.json.value(QStringLiteral("token_endpoint"))
                    .toString()
                    .startsWith(QLatin1String("https://127.0.0.1:")));
        const AuthChallenge c
            = AuthChallenge::bearer(initialize(origin, {}).header("www-authenticate"));
        QCOMPARE(c.param(QStringLiteral("resource_metadata")),
                 origin + QStringLiteral("/.well-known/oauth-protected-resource/mcp"));

        // The real client, machine to machine.
        QString why;
        const auto trust = TlsTrust::make(dir.filePath(QStringLiteral("w.pem")), {}, &why);
        QVERIFY2(trust, qPrintable(why));
        OAuthSettings settings;
        settings.grant = OAuthSettings::Grant::ClientCredentials;
        settings.clientId = QStringLiteral("demo-client");
        settings.clientSecret = QString::fromUtf8(kSecret);
        settings.tls = *trust;
        OAuthClient oauth(worker.url(), settings);
        McpClientOptions o;
        o.serverId = QStringLiteral("oauth-tls");
        o.baseUrl = worker.url();
        o.tls = *trust;
        o.auth = &oauth;
        o.timeoutMs = 5000;
        o.retryAttempts = 0;
        McpClient client(o);
        QVERIFY2(connectClient(client), qPrintable(client.lastError().toString()));
        QCOMPARE(echo(client, QStringLiteral("over TLS")), QStringLiteral("over TLS"));
        QCOMPARE(oauth.issuer(), origin);
        QVERIFY(!oauth.canRefresh()); // client_credentials: no refresh token
        m_seen << oauth.tokenSet().accessToken.toLatin1();
        client.disconnectFromServer();
    }

    // ---- last: nothing secret on the console, and still serving ----

    void neverPrintsSecretsNorCrashes()
    {
        QCOMPARE(m_worker.process().state(), QProcess::Running);
        QCOMPARE(get(m_origin, QStringLiteral("/.well-known/oauth-protected-resource")).status,
                 200);
        const QByteArray output = m_worker.process().readAllStandardOutput()
            + m_worker.process().readAllStandardError();
        m_seen << kSecret;
        int checked = 0;
        for (const QByteArray &secret : std::as_const(m_seen)) {
            if (secret.size() < 8)
                continue;
            ++checked;
            QVERIFY2(!output.contains(secret), "the worker printed a token, code or secret");
        }
        QVERIFY(checked > 10);
    }
};

QTEST_GUILESS_MAIN(TestDemoAuth)
#include "tst_demoauth.moc"
