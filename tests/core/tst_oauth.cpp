// The OAuth client (core/auth) against a scripted MCP server + authorization
// server on loopback: discovery order, resource checks, client identity,
// scopes and step-up, the retry limit, coalescing, refresh on a fake clock,
// token endpoint authentication, ES256 client assertions (verified with
// OpenSSL here), cross-app access, the agents, and secrets kept out of errors.

#include "auth/dpopkey.h"
#include "auth/headlessauthorizationagent.h"
#include "auth/jwssigner.h"
#include "auth/loopbackauthorizationagent.h"
#include "auth/oauthclient.h"
#include "auth/pkce.h"

#include "mcp/mcpclient.h"
#include "mcp/mcpreply.h"
#include "net/http1client.h"

#include "faketimersource.h"
#include "scriptedhttpserver.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <memory>

using namespace mcppm;
using Request = ScriptedHttpServer::Request;

namespace {

QString pathOf(const Request &r)
{
    const qsizetype q = r.path.indexOf('?');
    return QString::fromLatin1(q < 0 ? r.path : r.path.left(q));
}

QUrlQuery queryOf(const Request &r)
{
    const qsizetype q = r.path.indexOf('?');
    return QUrlQuery(q < 0 ? QString() : QString::fromLatin1(r.path.mid(q + 1)));
}

QUrlQuery formOf(const Request &r)
{
    return QUrlQuery(QString::fromLatin1(r.body));
}

QString value(const QUrlQuery &q, const char *name)
{
    return q.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// One loopback origin playing the MCP server, its protected-resource
// metadata, the authorization server (metadata, /authorize, /register,
// /token) and an IdP token endpoint. Every request is logged.
class World
{
public:
    World()
    {
        http.listen();
        http.setHandler([this](const Request &r, QTcpSocket *s) { handle(r, s); });
        issuer = base();
    }

    QString base() const
    {
        QString b = http.url(QString()).toString();
        while (b.endsWith(QLatin1Char('/')))
            b.chop(1);
        return b;
    }
    QUrl url(const QString &path) const { return http.url(path); }
    QUrl mcpUrl() const { return url(QStringLiteral("/mcp")); }
    QString prmPath() const { return QStringLiteral("/.well-known/oauth-protected-resource/mcp"); }
    QByteArray challenge(const QString &extra = {}) const
    {
        QByteArray c = "Bearer error=\"invalid_token\", resource_metadata=\""
            + url(prmPath()).toString().toUtf8() + '"';
        if (!extra.isEmpty())
            c += ", " + extra.toUtf8();
        return c;
    }

    // The usual layout: PRM path-based, AS metadata at the origin's root.
    void standard(const QJsonObject &prmExtra = {}, const QJsonObject &asExtra = {})
    {
        QJsonObject prm{{QStringLiteral("resource"), mcpUrl().toString()},
                        {QStringLiteral("authorization_servers"), QJsonArray{issuer}}};
        for (auto it = prmExtra.begin(); it != prmExtra.end(); ++it)
            prm.insert(it.key(), it.value());
        documents.insert(prmPath(), json(prm));
        QJsonObject as{
            {QStringLiteral("issuer"), issuer},
            {QStringLiteral("authorization_endpoint"),
             QString(base() + QStringLiteral("/authorize"))},
            {QStringLiteral("token_endpoint"), QString(base() + QStringLiteral("/token"))},
            {QStringLiteral("registration_endpoint"),
             QString(base() + QStringLiteral("/register"))},
            {QStringLiteral("response_types_supported"), QJsonArray{QStringLiteral("code")}},
            {QStringLiteral("grant_types_supported"),
             QJsonArray{QStringLiteral("authorization_code"), QStringLiteral("refresh_token")}},
            {QStringLiteral("code_challenge_methods_supported"),
             QJsonArray{QStringLiteral("S256")}},
            {QStringLiteral("token_endpoint_auth_methods_supported"),
             QJsonArray{QStringLiteral("none")}},
        };
        for (auto it = asExtra.begin(); it != asExtra.end(); ++it)
            as.insert(it.key(), it.value());
        documents.insert(QStringLiteral("/.well-known/oauth-authorization-server"), json(as));
    }

    QList<Request> requestsTo(const QString &path, const QByteArray &method = {}) const
    {
        QList<Request> out;
        for (const Request &r : http.requests) {
            if (pathOf(r) == path && (method.isEmpty() || r.method == method))
                out << r;
        }
        return out;
    }
    // "GET /path" for every request, in order.
    QStringList trail() const
    {
        QStringList out;
        for (const Request &r : http.requests)
            out << QString::fromLatin1(r.method) + QLatin1Char(' ') + pathOf(r);
        return out;
    }

    ScriptedHttpServer http;
    QString issuer;
    QHash<QString, QByteArray> documents; // GET path -> 200 JSON
    // /authorize
    bool wrongState = false;
    QString authorizeError; // answer with ?error=...
    QString iss; // sent as ?iss= when set (RFC 9207)
    int codes = 0;
    // /register
    QJsonObject registration{{QStringLiteral("client_id"), QStringLiteral("dyn-client")},
                             {QStringLiteral("client_secret"), QStringLiteral("dyn-secret-7f3a")}};
    // /token
    std::function<void(const Request &, QTcpSocket *)> token; // overrides the default
    QJsonObject tokenExtra; // merged into every default answer
    bool rotateRefresh = false; // refresh_token "rt-N" in every answer
    int tokenDelayMs = 0;
    int issued = 0;
    // /mcp (for McpClient runs): the tokens it takes
    QStringList validTokens;

private:
    void handle(const Request &r, QTcpSocket *s)
    {
        const QString path = pathOf(r);
        if (r.method == "GET" && documents.contains(path)) {
            ScriptedHttpServer::respond(s, 200, "application/json", documents.value(path));
        } else if (r.method == "GET" && path == QLatin1String("/authorize")) {
            const QUrlQuery q = queryOf(r);
            QUrl back(value(q, "redirect_uri"));
            QUrlQuery answer;
            if (authorizeError.isEmpty())
                answer.addQueryItem(QStringLiteral("code"),
                                    QStringLiteral("code-%1-c0de5ecret").arg(++codes));
            else
                answer.addQueryItem(QStringLiteral("error"), authorizeError);
            answer.addQueryItem(QStringLiteral("state"),
                                wrongState ? QStringLiteral("forged") : value(q, "state"));
            if (!iss.isNull())
                answer.addQueryItem(QStringLiteral("iss"),
                                    QString::fromLatin1(QUrl::toPercentEncoding(iss)));
            back.setQuery(answer);
            ScriptedHttpServer::respond(s, 302, "text/plain", "Found",
                                        {{"Location", back.toString(QUrl::FullyEncoded).toUtf8()}});
        } else if (r.method == "POST" && path == QLatin1String("/register")) {
            ScriptedHttpServer::respond(s, 201, "application/json", json(registration));
        } else if (r.method == "POST" && path == QLatin1String("/token")) {
            if (token) {
                token(r, s);
                return;
            }
            QJsonObject answer{
                {QStringLiteral("access_token"), QStringLiteral("at-%1").arg(++issued)},
                {QStringLiteral("token_type"), QStringLiteral("Bearer")}};
            if (rotateRefresh)
                answer.insert(QStringLiteral("refresh_token"), QStringLiteral("rt-%1").arg(issued));
            for (auto it = tokenExtra.begin(); it != tokenExtra.end(); ++it)
                answer.insert(it.key(), it.value());
            validTokens << answer.value(QStringLiteral("access_token")).toString();
            const QByteArray body = json(answer);
            QPointer<QTcpSocket> socket(s);
            if (tokenDelayMs > 0)
                QTimer::singleShot(tokenDelayMs, [socket, body]() {
                    if (socket)
                        ScriptedHttpServer::respond(socket, 200, "application/json", body);
                });
            else
                ScriptedHttpServer::respond(s, 200, "application/json", body);
        } else if (r.method == "POST" && path == QLatin1String("/mcp")) {
            mcp(r, s);
        } else {
            ScriptedHttpServer::respond(s, 404, "text/html", "<h1>Not Found</h1>");
        }
    }

    // A stateless MCP server: initialize and notifications without a token,
    // everything else needs one of validTokens.
    void mcp(const Request &r, QTcpSocket *s)
    {
        const QJsonObject message = QJsonDocument::fromJson(r.body).object();
        const QString method = message.value(QStringLiteral("method")).toString();
        const QJsonValue id = message.value(QStringLiteral("id"));
        if (!message.contains(QStringLiteral("id"))) {
            ScriptedHttpServer::respond(s, 202, {}, {});
            return;
        }
        QJsonObject result;
        if (method == QLatin1String("initialize")) {
            result = QJsonObject{{QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25")},
                                 {QStringLiteral("capabilities"),
                                  QJsonObject{{QStringLiteral("tools"), QJsonObject()}}},
                                 {QStringLiteral("serverInfo"),
                                  QJsonObject{{QStringLiteral("name"), QStringLiteral("fake")},
                                              {QStringLiteral("version"), QStringLiteral("1")}}}};
        } else {
            const QByteArray auth = r.header("authorization");
            const QString bearer
                = auth.startsWith("Bearer ") ? QString::fromUtf8(auth.mid(7)) : QString();
            if (!validTokens.contains(bearer)) {
                ScriptedHttpServer::respond(
                    s, 401, "application/json",
                    R"({"error":"invalid_token","error_description":"Missing or bad token"})",
                    {{"WWW-Authenticate", challenge()}});
                return;
            }
            result = QJsonObject{
                {QStringLiteral("content"),
                 QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                        {QStringLiteral("text"), QStringLiteral("ok")}}}}};
        }
        ScriptedHttpServer::respond(
            s, 200, "application/json",
            json(QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                             {QStringLiteral("id"), id},
                             {QStringLiteral("result"), result}}));
    }
};

struct Answer
{
    bool called = false;
    int calls = 0;
    QString token;
    McpError error;
};

std::shared_ptr<Answer> ask(OAuthClient &client, int status, const QByteArray &challenge,
                            const QString &rejected = {})
{
    auto answer = std::make_shared<Answer>();
    client.unauthorized(status, challenge, rejected,
                        [answer](const QString &token, const McpError &error) {
                            answer->called = true;
                            ++answer->calls;
                            answer->token = token;
                            answer->error = error;
                        });
    return answer;
}

bool waitFor(const std::shared_ptr<Answer> &a, int ms = 5000)
{
    return QTest::qWaitFor([&a]() { return a->called; }, ms);
}

// ---- OpenSSL helpers for the ES256 checks ----

struct KeyFree
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;

QByteArray privatePem(EVP_PKEY *key)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, n);
    BIO_free(bio);
    return pem.trimmed(); // no trailing newline, as the conformance suite sends it
}

// Verifies a compact ES256 JWS (raw r||s signature) with the key's public half.
bool verifyEs256(const QByteArray &jws, EVP_PKEY *key)
{
    const QList<QByteArray> parts = jws.split('.');
    if (parts.size() != 3)
        return false;
    const QByteArray input = parts.at(0) + '.' + parts.at(1);
    const QByteArray raw = QByteArray::fromBase64(parts.at(2), QByteArray::Base64UrlEncoding);
    if (raw.size() != 64)
        return false;
    ECDSA_SIG *sig = ECDSA_SIG_new();
    ECDSA_SIG_set0(
        sig, BN_bin2bn(reinterpret_cast<const unsigned char *>(raw.constData()), 32, nullptr),
        BN_bin2bn(reinterpret_cast<const unsigned char *>(raw.constData()) + 32, 32, nullptr));
    unsigned char *der = nullptr;
    const int derLength = i2d_ECDSA_SIG(sig, &der);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    const int ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1
        && EVP_DigestVerify(ctx, der, size_t(derLength),
                            reinterpret_cast<const unsigned char *>(input.constData()),
                            size_t(input.size()))
            == 1;
    EVP_MD_CTX_free(ctx);
    OPENSSL_free(der);
    ECDSA_SIG_free(sig);
    return ok;
}

QJsonObject jwsPart(const QByteArray &jws, int index)
{
    return QJsonDocument::fromJson(
               QByteArray::fromBase64(jws.split('.').value(index), QByteArray::Base64UrlEncoding))
        .object();
}

QByteArray b64url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// The public key a JWK {"kty":"EC","crv":"P-256","x","y"} names, built here
// from the coordinates alone (so a proof verified with it was signed by that key).
Key publicKeyFromJwk(const QJsonObject &jwk)
{
    if (jwk.value(QStringLiteral("kty")).toString() != QLatin1String("EC")
        || jwk.value(QStringLiteral("crv")).toString() != QLatin1String("P-256"))
        return nullptr;
    const QByteArray point = QByteArray(1, '\x04')
        + QByteArray::fromBase64(jwk.value(QStringLiteral("x")).toString().toLatin1(),
                                 QByteArray::Base64UrlEncoding)
        + QByteArray::fromBase64(jwk.value(QStringLiteral("y")).toString().toLatin1(),
                                 QByteArray::Base64UrlEncoding);
    if (point.size() != 65)
        return nullptr;
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
    OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.constData(),
                                     size_t(point.size()));
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
    EVP_PKEY *key = nullptr;
    if (EVP_PKEY_fromdata_init(ctx) != 1
        || EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) != 1)
        key = nullptr;
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    return Key(key);
}

// Checks a DPoP proof as a resource or authorization server would
// (RFC 9449 §4.3); "" when good, else what is wrong.
QString checkProof(const QByteArray &proof, const QByteArray &method, const QString &htu,
                   const QString &accessToken, const QString &nonce)
{
    const QJsonObject header = jwsPart(proof, 0);
    const QJsonObject claims = jwsPart(proof, 1);
    if (header.value(QStringLiteral("typ")).toString() != QLatin1String("dpop+jwt"))
        return QStringLiteral("typ");
    if (header.value(QStringLiteral("alg")).toString() != QLatin1String("ES256"))
        return QStringLiteral("alg");
    const QJsonObject jwk = header.value(QStringLiteral("jwk")).toObject();
    if (jwk.contains(QStringLiteral("d")))
        return QStringLiteral("private key in jwk");
    const Key key = publicKeyFromJwk(jwk);
    if (!key || !verifyEs256(proof, key.get()))
        return QStringLiteral("signature");
    if (claims.value(QStringLiteral("jti")).toString().size() < 16)
        return QStringLiteral("jti");
    if (claims.value(QStringLiteral("htm")).toString() != QString::fromLatin1(method))
        return QStringLiteral("htm");
    if (claims.value(QStringLiteral("htu")).toString() != htu)
        return QStringLiteral("htu %1").arg(claims.value(QStringLiteral("htu")).toString());
    if (qAbs(claims.value(QStringLiteral("iat")).toInteger() - QDateTime::currentSecsSinceEpoch())
        > 10)
        return QStringLiteral("iat");
    const QString ath = accessToken.isEmpty()
        ? QString()
        : QString::fromLatin1(
            b64url(QCryptographicHash::hash(accessToken.toLatin1(), QCryptographicHash::Sha256)));
    if (claims.value(QStringLiteral("ath")).toString() != ath)
        return QStringLiteral("ath");
    if (claims.value(QStringLiteral("nonce")).toString() != nonce)
        return QStringLiteral("nonce");
    return {};
}

// RFC 7638: SHA-256 of the required members, sorted, compact.
QByteArray jwkThumbprint(const QJsonObject &jwk)
{
    const QJsonObject required{{QStringLiteral("crv"), jwk.value(QStringLiteral("crv"))},
                               {QStringLiteral("kty"), jwk.value(QStringLiteral("kty"))},
                               {QStringLiteral("x"), jwk.value(QStringLiteral("x"))},
                               {QStringLiteral("y"), jwk.value(QStringLiteral("y"))}};
    return b64url(QCryptographicHash::hash(QJsonDocument(required).toJson(QJsonDocument::Compact),
                                           QCryptographicHash::Sha256));
}

} // namespace

class TestOAuth : public QObject
{
    Q_OBJECT

    std::unique_ptr<World> m_world;
    std::unique_ptr<HeadlessAuthorizationAgent> m_agent;

    std::unique_ptr<OAuthClient> client(const OAuthSettings &settings = {})
    {
        auto c = std::make_unique<OAuthClient>(m_world->mcpUrl(), settings);
        c->setAuthorizationAgent(m_agent.get());
        return c;
    }

    // Signs in through a 401 and returns the token.
    QString signIn(OAuthClient &c, const QByteArray &challenge = {})
    {
        const auto a = ask(c, 401, challenge.isEmpty() ? m_world->challenge() : challenge);
        if (!waitFor(a))
            return QStringLiteral("<no answer>");
        return a->error ? QStringLiteral("<error: %1>").arg(a->error.message) : a->token;
    }

private Q_SLOTS:
    void init()
    {
        m_world = std::make_unique<World>();
        QVERIFY(m_world->http.url().port() > 0);
        m_agent = std::make_unique<HeadlessAuthorizationAgent>();
    }
    void cleanup()
    {
        m_agent.reset();
        m_world.reset();
    }

    // ---- discovery ----

    void discoveryOrder_data()
    {
        QTest::addColumn<QString>("layout");
        QTest::addColumn<QStringList>("expected"); // the GETs before /authorize

        QTest::newRow("challenge URL, stop at the first hit")
            << QStringLiteral("challenge")
            << QStringList{QStringLiteral("GET /custom/prm.json"),
                           QStringLiteral("GET /.well-known/oauth-authorization-server")};
        QTest::newRow("path-based 404, then root")
            << QStringLiteral("root")
            << QStringList{QStringLiteral("GET /.well-known/oauth-protected-resource/mcp"),
                           QStringLiteral("GET /.well-known/oauth-protected-resource"),
                           QStringLiteral("GET /.well-known/oauth-authorization-server")};
        QTest::newRow("issuer with a path: the three forms, never the root")
            << QStringLiteral("tenant")
            << QStringList{QStringLiteral("GET /.well-known/oauth-protected-resource/mcp"),
                           QStringLiteral("GET /.well-known/oauth-authorization-server/tenant1"),
                           QStringLiteral("GET /.well-known/openid-configuration/tenant1"),
                           QStringLiteral("GET /tenant1/.well-known/openid-configuration")};
        QTest::newRow("2025-03-26: no PRM, no metadata, default endpoints")
            << QStringLiteral("legacy")
            << QStringList{QStringLiteral("GET /.well-known/oauth-protected-resource/mcp"),
                           QStringLiteral("GET /.well-known/oauth-protected-resource"),
                           QStringLiteral("GET /.well-known/oauth-authorization-server"),
                           QStringLiteral("GET /.well-known/openid-configuration"),
                           QStringLiteral("POST /register")};
    }
    void discoveryOrder()
    {
        QFETCH(QString, layout);
        QFETCH(QStringList, expected);
        World &w = *m_world;
        w.standard();
        QByteArray challenge = "Bearer error=\"invalid_token\"";
        if (layout == QLatin1String("challenge")) {
            w.documents.insert(QStringLiteral("/custom/prm.json"), w.documents.take(w.prmPath()));
            challenge = "Bearer resource_metadata=\""
                + w.url(QStringLiteral("/custom/prm.json")).toString().toUtf8() + '"';
        } else if (layout == QLatin1String("root")) {
            w.documents.insert(QStringLiteral("/.well-known/oauth-protected-resource"),
                               w.documents.take(w.prmPath()));
        } else if (layout == QLatin1String("tenant")) {
            const QString tenant = w.base() + QStringLiteral("/tenant1");
            QJsonObject prm = QJsonDocument::fromJson(w.documents.value(w.prmPath())).object();
            prm.insert(QStringLiteral("authorization_servers"), QJsonArray{tenant});
            w.documents.insert(w.prmPath(), json(prm));
            QJsonObject as
                = QJsonDocument::fromJson(
                      w.documents.take(QStringLiteral("/.well-known/oauth-authorization-server")))
                      .object();
            as.insert(QStringLiteral("issuer"), tenant);
            // A trap at the root: it must never be asked.
            w.documents.insert(QStringLiteral("/.well-known/oauth-authorization-server"),
                               "{\"issuer\":\"trap\"}");
            w.documents.insert(QStringLiteral("/tenant1/.well-known/openid-configuration"),
                               json(as));
        } else if (layout == QLatin1String("legacy")) {
            w.documents.clear();
        }
        auto c = client();
        const QString token = signIn(*c, challenge);
        QCOMPARE(token, QStringLiteral("at-1"));
        QStringList trail = w.trail();
        const qsizetype authorize = trail.indexOf(QStringLiteral("GET /authorize"));
        QVERIFY(authorize > 0);
        trail = trail.mid(0, authorize);
        if (layout != QLatin1String("legacy"))
            trail.removeAll(QStringLiteral("POST /register"));
        QCOMPARE(trail, expected);
        QCOMPARE(w.requestsTo(QStringLiteral("/token")).size(), 1);
    }

    void resourceMismatchStopsBeforeAuthorizing()
    {
        World &w = *m_world;
        w.standard({{QStringLiteral("resource"), QStringLiteral("https://evil.example.com/mcp")}});
        auto c = client();
        QSignalSpy failed(c.get(), &OAuthClient::authorizationFailed);
        const auto a = ask(*c, 401, w.challenge());
        QVERIFY(waitFor(a));
        QVERIFY(a->error.isError());
        QVERIFY(a->token.isEmpty());
        QVERIFY2(a->error.message.startsWith(QStringLiteral("OAuth discovery:")),
                 qPrintable(a->error.message));
        QVERIFY(a->error.message.contains(QStringLiteral("https://evil.example.com/mcp")));
        QVERIFY(a->error.message.contains(QStringLiteral("not authorizing")));
        QCOMPARE(failed.count(), 1);
        QCOMPARE(w.trail(), QStringList{QStringLiteral("GET ") + w.prmPath()});
        QCOMPARE(m_agent->authorizationCount(), 0);
        QCOMPARE(c->state(), OAuthClient::State::NeedsSignIn);
    }

    void issuerMismatchIsRefused()
    {
        World &w = *m_world;
        w.standard({}, {{QStringLiteral("issuer"), QStringLiteral("https://other.example.com")}});
        auto c = client();
        const auto a = ask(*c, 401, w.challenge());
        QVERIFY(waitFor(a));
        QVERIFY(a->error.message.contains(QStringLiteral("names issuer")));
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 0);
    }

    void pkceS256IsRequired()
    {
        World &w = *m_world;
        w.standard({},
                   {{QStringLiteral("code_challenge_methods_supported"),
                     QJsonArray{QStringLiteral("plain")}}});
        auto c = client();
        const auto a = ask(*c, 401, w.challenge());
        QVERIFY(waitFor(a));
        QVERIFY2(a->error.message.contains(QStringLiteral("PKCE")), qPrintable(a->error.message));
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 0);
    }

    // ---- the authorization code flow ----

    void authorizationCodeRequestAndTokenRequest()
    {
        World &w = *m_world;
        w.standard();
        auto c = client();
        QSignalSpy states(c.get(), &OAuthClient::stateChanged);
        QCOMPARE(signIn(*c), QStringLiteral("at-1"));

        const QList<Request> registrations = w.requestsTo(QStringLiteral("/register"));
        QCOMPARE(registrations.size(), 1);
        const QJsonObject dcr = QJsonDocument::fromJson(registrations.first().body).object();
        QCOMPARE(
            dcr.value(QStringLiteral("grant_types")).toArray(),
            (QJsonArray{QStringLiteral("authorization_code"), QStringLiteral("refresh_token")}));
        QCOMPARE(dcr.value(QStringLiteral("redirect_uris")).toArray(),
                 QJsonArray{m_agent->redirectUri().toString()});
        QCOMPARE(dcr.value(QStringLiteral("token_endpoint_auth_method")).toString(),
                 QStringLiteral("none"));
        // A loopback redirect: a native application (SEP-837).
        QCOMPARE(dcr.value(QStringLiteral("application_type")).toString(),
                 QStringLiteral("native"));

        const QUrlQuery authorize = queryOf(w.requestsTo(QStringLiteral("/authorize")).first());
        QCOMPARE(value(authorize, "response_type"), QStringLiteral("code"));
        QCOMPARE(value(authorize, "client_id"), QStringLiteral("dyn-client"));
        QCOMPARE(value(authorize, "code_challenge_method"), QStringLiteral("S256"));
        QCOMPARE(value(authorize, "resource"), w.mcpUrl().toString());
        QVERIFY(!authorize.hasQueryItem(QStringLiteral("scope")));
        const QString state = value(authorize, "state");
        QVERIFY(state.size() >= 43);

        const QUrlQuery form = formOf(w.requestsTo(QStringLiteral("/token")).first());
        QCOMPARE(value(form, "grant_type"), QStringLiteral("authorization_code"));
        QCOMPARE(value(form, "code"), QStringLiteral("code-1-c0de5ecret"));
        QCOMPARE(value(form, "redirect_uri"), value(authorize, "redirect_uri"));
        QCOMPARE(value(form, "resource"), value(authorize, "resource"));
        QCOMPARE(QString::fromLatin1(Pkce::challengeFor(value(form, "code_verifier").toLatin1())),
                 value(authorize, "code_challenge"));

        QCOMPARE(c->state(), OAuthClient::State::SignedIn);
        QCOMPARE(states.count(), 2);
        QCOMPARE(states.at(0).at(0).value<OAuthClient::State>(), OAuthClient::State::Authorizing);
        QCOMPARE(states.at(1).at(0).value<OAuthClient::State>(), OAuthClient::State::SignedIn);
        QCOMPARE(c->issuer(), w.issuer);
        QCOMPARE(c->currentToken(), QStringLiteral("at-1"));
    }

    void applicationTypeFollowsTheRedirect_data()
    {
        QTest::addColumn<QString>("redirect");
        QTest::addColumn<QString>("configured");
        QTest::addColumn<QString>("expected");
        QTest::newRow("loopback IPv4") << QStringLiteral("http://127.0.0.1:8976/callback")
                                       << QString() << QStringLiteral("native");
        QTest::newRow("localhost")
            << QStringLiteral("http://localhost:8976/cb") << QString() << QStringLiteral("native");
        QTest::newRow("loopback IPv6")
            << QStringLiteral("http://[::1]:8976/cb") << QString() << QStringLiteral("native");
        QTest::newRow("private-use scheme")
            << QStringLiteral("com.example.app:/cb") << QString() << QStringLiteral("native");
        QTest::newRow("hosted https")
            << QStringLiteral("https://app.example.com/cb") << QString() << QStringLiteral("web");
        QTest::newRow("configured wins") << QStringLiteral("https://app.example.com/cb")
                                         << QStringLiteral("native") << QStringLiteral("native");
    }

    void applicationTypeFollowsTheRedirect()
    {
        QFETCH(QString, redirect);
        QFETCH(QString, configured);
        QFETCH(QString, expected);
        World &w = *m_world;
        w.standard();
        OAuthSettings s;
        s.redirectUri = QUrl(redirect);
        s.applicationType = configured;
        auto c = client(s);
        QCOMPARE(signIn(*c), QStringLiteral("at-1"));
        const QList<Request> registrations = w.requestsTo(QStringLiteral("/register"));
        QCOMPARE(registrations.size(), 1);
        QCOMPARE(QJsonDocument::fromJson(registrations.first().body)
                     .object()
                     .value(QStringLiteral("application_type"))
                     .toString(),
                 expected);
    }

    // ---- RFC 9207: iss in the authorization response, before the code is redeemed ----

    void issInTheAuthorizationResponse_data()
    {
        QTest::addColumn<bool>("advertised");
        QTest::addColumn<QString>("iss"); // a null string: no iss parameter
        QTest::addColumn<bool>("accepted");
        // "<issuer>" stands for the AS's own issuer identifier.
        const QString own = QStringLiteral("<issuer>");
        QTest::newRow("advertised, correct") << true << own << true;
        QTest::newRow("not advertised, absent") << false << QString() << true;
        QTest::newRow("not advertised, correct") << false << own << true;
        QTest::newRow("advertised, missing") << true << QString() << false;
        QTest::newRow("advertised, another issuer")
            << true << QStringLiteral("https://evil.example.com") << false;
        QTest::newRow("not advertised, another issuer")
            << false << QStringLiteral("https://evil.example.com") << false;
        QTest::newRow("trailing slash: no normalisation")
            << true << QStringLiteral("<issuer>/") << false;
        QTest::newRow("upper-case scheme: no normalisation")
            << true << QStringLiteral("<ISSUER>") << false;
    }

    void issInTheAuthorizationResponse()
    {
        QFETCH(bool, advertised);
        QFETCH(QString, iss);
        QFETCH(bool, accepted);
        World &w = *m_world;
        QJsonObject asExtra;
        if (advertised)
            asExtra.insert(QStringLiteral("authorization_response_iss_parameter_supported"), true);
        w.standard({}, asExtra);
        if (!iss.isNull()) {
            QString upper = w.issuer;
            upper.replace(QStringLiteral("http://"), QStringLiteral("HTTP://"));
            iss.replace(QStringLiteral("<issuer>"), w.issuer);
            iss.replace(QStringLiteral("<ISSUER>"), upper);
        }
        w.iss = iss;
        auto c = client();
        const auto a = ask(*c, 401, w.challenge());
        QVERIFY(waitFor(a));
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 1);
        if (accepted) {
            QVERIFY2(!a->error, qPrintable(a->error.message));
            QCOMPARE(a->token, QStringLiteral("at-1"));
            return;
        }
        QVERIFY(a->error);
        QVERIFY2(a->error.message.contains(QStringLiteral("iss")), qPrintable(a->error.message));
        // Refused before the code went anywhere, and the code is not in the message.
        QCOMPARE(w.requestsTo(QStringLiteral("/token")).size(), 0);
        QVERIFY(!a->error.message.contains(QStringLiteral("c0de5ecret")));
        QCOMPARE(c->state(), OAuthClient::State::NeedsSignIn);
    }

    // ---- SEP-2352: client credentials belong to one authorization server ----

    void movedServerRegistersWithTheNewAuthorizationServer()
    {
        World &w = *m_world; // the MCP server and its first AS
        w.standard();
        w.rotateRefresh = true;
        World as2; // a second AS on another origin
        as2.standard();
        as2.registration = QJsonObject{{QStringLiteral("client_id"), QStringLiteral("as2-client")}};
        as2.rotateRefresh = true;
        auto c = client();
        QCOMPARE(signIn(*c), QStringLiteral("at-1"));
        QCOMPARE(c->tokenSet().clientId, QStringLiteral("dyn-client"));

        // The server now trusts the second AS and refuses the first one's token.
        QJsonObject prm = QJsonDocument::fromJson(w.documents.value(w.prmPath())).object();
        prm.insert(QStringLiteral("authorization_servers"), QJsonArray{as2.issuer});
        w.documents.insert(w.prmPath(), json(prm));
        const auto a = ask(*c, 401, w.challenge(), QStringLiteral("at-1"));
        QVERIFY(waitFor(a));
        QVERIFY2(!a->error, qPrintable(a->error.message));
        QCOMPARE(a->token, QStringLiteral("at-1")); // as2's first token (its own counter)
        QCOMPARE(c->issuer(), as2.issuer);

        // Registered there; the first AS's client ID, secret and refresh token never shown to it.
        QCOMPARE(as2.requestsTo(QStringLiteral("/register")).size(), 1);
        const QUrlQuery authorize = queryOf(as2.requestsTo(QStringLiteral("/authorize")).first());
        QCOMPARE(value(authorize, "client_id"), QStringLiteral("as2-client"));
        for (const Request &r : as2.requestsTo(QStringLiteral("/token"))) {
            QVERIFY(!r.body.contains("dyn-client"));
            QVERIFY(!r.header("authorization")
                         .contains(OAuthHttp::basicAuthorization(
                             QStringLiteral("dyn-client"), QStringLiteral("dyn-secret-7f3a"))));
            QCOMPARE(value(formOf(r), "grant_type"), QStringLiteral("authorization_code"));
            QVERIFY(!r.body.contains("rt-1"));
        }
        QCOMPARE(w.requestsTo(QStringLiteral("/token")).size(), 1); // no refresh at the old AS
        const OAuthTokenSet set = c->tokenSet();
        QCOMPARE(set.clientId, QStringLiteral("as2-client"));
        QCOMPARE(set.registrations.size(), 2);
        QCOMPARE(set.registrationFor(w.issuer)->clientId, QStringLiteral("dyn-client"));
        QCOMPARE(set.registrationFor(as2.issuer)->clientId, QStringLiteral("as2-client"));

        // Back to the first AS: its own registration again, no new one anywhere.
        prm.insert(QStringLiteral("authorization_servers"), QJsonArray{w.issuer});
        w.documents.insert(w.prmPath(), json(prm));
        const auto b = ask(*c, 401, w.challenge(), c->currentToken());
        QVERIFY(waitFor(b));
        QVERIFY2(!b->error, qPrintable(b->error.message));
        QCOMPARE(c->issuer(), w.issuer);
        QCOMPARE(w.requestsTo(QStringLiteral("/register")).size(), 1);
        QCOMPARE(as2.requestsTo(QStringLiteral("/register")).size(), 1);
        const QList<Request> back = w.requestsTo(QStringLiteral("/authorize"));
        QCOMPARE(back.size(), 2);
        QCOMPARE(value(queryOf(back.last()), "client_id"), QStringLiteral("dyn-client"));
    }

    void keptRegistrationIsOnlyUsedWithItsIssuer()
    {
        World &w = *m_world;
        w.standard();
        OAuthTokenSet kept;
        kept.keepRegistration({QStringLiteral("https://other-as.example.com"),
                               QStringLiteral("other-client"), QStringLiteral("other-secret"),
                               QStringLiteral("client_secret_basic")});
        kept.issuer = QStringLiteral("https://other-as.example.com");
        kept.clientId = QStringLiteral("other-client");
        kept.clientSecret = QStringLiteral("other-secret");
        auto c = client();
        c->setTokenSet(kept);
        QCOMPARE(signIn(*c), QStringLiteral("at-1"));
        QCOMPARE(w.requestsTo(QStringLiteral("/register")).size(), 1);
        QCOMPARE(value(queryOf(w.requestsTo(QStringLiteral("/authorize")).first()), "client_id"),
                 QStringLiteral("dyn-client"));
        for (const Request &r : w.http.requests)
            QVERIFY(!r.path.contains("other-client") && !r.body.contains("other-client")
                    && !r.header("authorization")
                            .contains(OAuthHttp::basicAuthorization(
                                QStringLiteral("other-client"), QStringLiteral("other-secret"))));
        QCOMPARE(c->tokenSet().registrations.size(), 2);
    }

    void configuredClientIdBoundToItsIssuer()
    {
        World &w = *m_world;
        w.standard();
        OAuthSettings s;
        s.clientId = QStringLiteral("pre-registered");
        s.clientIdIssuer = QStringLiteral("https://elsewhere.example.com");
        auto c = client(s);
        const auto a = ask(*c, 401, w.challenge());
        QVERIFY(waitFor(a));
        QVERIFY(a->error);
        QVERIFY2(a->error.message.contains(QStringLiteral("elsewhere.example.com")),
                 qPrintable(a->error.message));
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 0);
        QCOMPARE(w.requestsTo(QStringLiteral("/register")).size(), 0);

        s.clientIdIssuer = w.issuer; // its own AS: used
        auto ok = client(s);
        QCOMPARE(signIn(*ok), QStringLiteral("at-1"));
        QCOMPARE(value(queryOf(w.requestsTo(QStringLiteral("/authorize")).first()), "client_id"),
                 QStringLiteral("pre-registered"));
    }

    void stateMismatchIsRefused()
    {
        World &w = *m_world;
        w.standard();
        w.wrongState = true;
        auto c = client();
        const auto a = ask(*c, 401, w.challenge());
        QVERIFY(waitFor(a));
        QVERIFY2(a->error.message.contains(QStringLiteral("state does not match")),
                 qPrintable(a->error.message));
        QCOMPARE(w.requestsTo(QStringLiteral("/token")).size(), 0);
    }

    void authorizationErrorIsReported()
    {
        World &w = *m_world;
        w.standard();
        w.authorizeError = QStringLiteral("access_denied");
        auto c = client();
        const auto a = ask(*c, 401, w.challenge());
        QVERIFY(waitFor(a));
        QCOMPARE(a->error.message,
                 QStringLiteral("OAuth authorization: the authorization server refused: "
                                "access_denied"));
        QCOMPARE(w.requestsTo(QStringLiteral("/token")).size(), 0);
    }

    void clientIdentityPriority_data()
    {
        QTest::addColumn<QString>("configuredId");
        QTest::addColumn<bool>("cimdAdvertised");
        QTest::addColumn<QString>("expectedId");
        QTest::addColumn<int>("registrations");
        const QString cimd = QStringLiteral("https://app.example.com/client.json");
        QTest::newRow("pre-registered beats CIMD")
            << QStringLiteral("pre-client") << true << QStringLiteral("pre-client") << 0;
        QTest::newRow("CIMD when advertised") << QString() << true << cimd << 0;
        QTest::newRow("registration otherwise")
            << QString() << false << QStringLiteral("dyn-client") << 1;
    }
    void clientIdentityPriority()
    {
        QFETCH(QString, configuredId);
        QFETCH(bool, cimdAdvertised);
        QFETCH(QString, expectedId);
        QFETCH(int, registrations);
        World &w = *m_world;
        w.standard({}, {{QStringLiteral("client_id_metadata_document_supported"), cimdAdvertised}});
        OAuthSettings s;
        s.clientId = configuredId;
        s.clientMetadataUrl = QUrl(QStringLiteral("https://app.example.com/client.json"));
        auto c = client(s);
        QCOMPARE(signIn(*c), QStringLiteral("at-1"));
        QCOMPARE(value(queryOf(w.requestsTo(QStringLiteral("/authorize")).first()), "client_id"),
                 expectedId);
        QCOMPARE(w.requestsTo(QStringLiteral("/register")).size(), registrations);
        QCOMPARE(c->tokenSet().clientId, expectedId);
    }

    // ---- scopes ----

    void scopeSelection_data()
    {
        QTest::addColumn<QString>("challengeScope");
        QTest::addColumn<QStringList>("prmScopes");
        QTest::addColumn<QStringList>("asScopes");
        QTest::addColumn<QString>("expected"); // "<absent>" = no scope parameter

        QTest::newRow("from the challenge")
            << QStringLiteral("mcp:basic") << QStringList{QStringLiteral("x:y")} << QStringList()
            << QStringLiteral("mcp:basic");
        QTest::newRow("from PRM scopes_supported")
            << QString()
            << QStringList{QStringLiteral("mcp:basic"), QStringLiteral("mcp:read"),
                           QStringLiteral("mcp:write")}
            << QStringList() << QStringLiteral("mcp:basic mcp:read mcp:write");
        QTest::newRow("none: omitted")
            << QString() << QStringList() << QStringList() << QStringLiteral("<absent>");
        QTest::newRow("offline_access when the AS lists it")
            << QString() << QStringList{QStringLiteral("mcp:basic")}
            << QStringList{QStringLiteral("mcp:basic"), QStringLiteral("offline_access")}
            << QStringLiteral("mcp:basic offline_access");
        QTest::newRow("offline_access only from the AS, not PRM")
            << QString() << QStringList{QStringLiteral("mcp:basic"), QStringLiteral("mcp:read")}
            << QStringList{QStringLiteral("mcp:basic"), QStringLiteral("mcp:read")}
            << QStringLiteral("mcp:basic mcp:read");
        QTest::newRow("never offline_access alone")
            << QString() << QStringList() << QStringList{QStringLiteral("offline_access")}
            << QStringLiteral("<absent>");
    }
    void scopeSelection()
    {
        QFETCH(QString, challengeScope);
        QFETCH(QStringList, prmScopes);
        QFETCH(QStringList, asScopes);
        QFETCH(QString, expected);
        World &w = *m_world;
        QJsonObject prm;
        if (!prmScopes.isEmpty())
            prm.insert(QStringLiteral("scopes_supported"), QJsonArray::fromStringList(prmScopes));
        QJsonObject as;
        if (!asScopes.isEmpty())
            as.insert(QStringLiteral("scopes_supported"), QJsonArray::fromStringList(asScopes));
        w.standard(prm, as);
        auto c = client();
        QCOMPARE(signIn(*c,
                        w.challenge(challengeScope.isEmpty()
                                        ? QString()
                                        : QStringLiteral("scope=\"%1\"").arg(challengeScope))),
                 QStringLiteral("at-1"));
        const QUrlQuery q = queryOf(w.requestsTo(QStringLiteral("/authorize")).first());
        QCOMPARE(q.hasQueryItem(QStringLiteral("scope")) ? value(q, "scope")
                                                         : QStringLiteral("<absent>"),
                 expected);
        if (expected != QLatin1String("<absent>"))
            QCOMPARE(c->grantedScopes(), expected.split(QLatin1Char(' ')));
    }

    void stepUpAsksForTheUnion()
    {
        World &w = *m_world;
        w.standard();
        auto c = client();
        QCOMPARE(signIn(*c, w.challenge(QStringLiteral("scope=\"mcp:basic\""))),
                 QStringLiteral("at-1"));
        // The server wants more for one call: 403 insufficient_scope, error last.
        const auto a
            = ask(*c, 403,
                  "Bearer scope=\"mcp:write\", resource_metadata=\""
                      + w.url(w.prmPath()).toString().toUtf8() + "\", error=\"insufficient_scope\"",
                  QStringLiteral("at-1"));
        QVERIFY(waitFor(a));
        QCOMPARE(a->token, QStringLiteral("at-2"));
        const QList<Request> authorizes = w.requestsTo(QStringLiteral("/authorize"));
        QCOMPARE(authorizes.size(), 2);
        QCOMPARE(value(queryOf(authorizes.at(1)), "scope"), QStringLiteral("mcp:basic mcp:write"));
        QCOMPARE(w.requestsTo(QStringLiteral("/register")).size(), 1); // registration reused
        QCOMPARE(w.trail().count(QStringLiteral("GET ") + w.prmPath()), 1); // discovery too
    }

    void retryLimitCountsAuthorizationsInARow()
    {
        World &w = *m_world;
        w.standard();
        FakeTimerSource clock;
        auto c = client();
        c->setTimerSource(&clock);
        const QByteArray refusal = "Bearer error=\"insufficient_scope\", scope=\"mcp:admin\", "
                                   "error_description=\"Scope upgrade will never succeed\"";
        QCOMPARE(signIn(*c, w.challenge(QStringLiteral("scope=\"mcp:admin\""))),
                 QStringLiteral("at-1"));
        for (int n = 2; n <= 3; ++n) {
            const auto a = ask(*c, 403, refusal, c->currentToken());
            QVERIFY(waitFor(a));
            QCOMPARE(a->token, QStringLiteral("at-%1").arg(n));
        }
        // The fourth in a row is refused without asking the authorization server.
        const auto fourth = ask(*c, 403, refusal, c->currentToken());
        QVERIFY(waitFor(fourth));
        QVERIFY(fourth->error.isError());
        QVERIFY2(fourth->error.message.contains(QStringLiteral("after 3 authorizations")),
                 qPrintable(fourth->error.message));
        QVERIFY(fourth->error.message.contains(QStringLiteral("mcp:admin")));
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 3);
        QCOMPARE(c->authorizationCount(), 3);

        // A token that served for a while starts a new row.
        clock.advance(10 * 60 * 1000);
        const auto later = ask(*c, 403, refusal, c->currentToken());
        QVERIFY(waitFor(later));
        QCOMPARE(later->token, QStringLiteral("at-4"));
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 4);
    }

    void retryLimitIsConfigurable()
    {
        World &w = *m_world;
        w.standard();
        OAuthSettings s;
        s.maxAuthorizationAttempts = 1;
        auto c = client(s);
        QCOMPARE(signIn(*c), QStringLiteral("at-1"));
        const auto again = ask(*c, 401, w.challenge(), QStringLiteral("at-1"));
        QVERIFY(waitFor(again));
        QVERIFY(again->error.isError());
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 1);
    }

    // ---- coalescing ----

    void concurrentRefusalsShareOneAuthorization()
    {
        World &w = *m_world;
        w.standard();
        w.tokenDelayMs = 100;
        auto c = client();
        QList<std::shared_ptr<Answer>> answers;
        for (int i = 0; i < 5; ++i)
            answers << ask(*c, 401, w.challenge());
        for (const auto &a : std::as_const(answers)) {
            QVERIFY(waitFor(a));
            QCOMPARE(a->token, QStringLiteral("at-1"));
            QVERIFY(!a->error.isError());
        }
        QTest::qWait(50); // proves no answer comes twice; nothing to wait for
        for (const auto &a : std::as_const(answers))
            QCOMPARE(a->calls, 1);
        QCOMPARE(w.requestsTo(QStringLiteral("/token")).size(), 1);
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 1);
        QCOMPARE(c->tokenRequestCount(), 1);

        // A refusal of an older token is answered with the newer one at once.
        const int before = int(w.http.requests.size());
        const auto stale = ask(*c, 401, w.challenge(), QStringLiteral("at-0"));
        QVERIFY(waitFor(stale));
        QCOMPARE(stale->token, QStringLiteral("at-1"));
        QCOMPARE(int(w.http.requests.size()), before);
    }

    void concurrentCallsThroughMcpClient()
    {
        World &w = *m_world;
        w.standard();
        w.tokenDelayMs = 150;
        auto c = client();
        McpClientOptions o;
        o.serverId = QStringLiteral("w1");
        o.baseUrl = w.mcpUrl();
        o.auth = c.get();
        o.timeoutMs = 5000;
        o.retryAttempts = 0;
        o.fetchCatalog = false;
        o.openServerStream = false;
        o.transport = McpClientOptions::TransportMode::StreamableHttp;
        o.protocol = McpClientOptions::ProtocolMode::Legacy; // the 2025-11-25 wire
        McpClient mcp(o);
        QSignalSpy connected(&mcp, &McpClient::connected);
        mcp.connectToServer();
        QVERIFY(connected.wait(5000));
        QList<McpReply *> replies;
        for (int i = 0; i < 3; ++i)
            replies << mcp.callTool(QStringLiteral("t%1").arg(i), {});
        QVERIFY(QTest::qWaitFor(
            [&replies]() {
                for (McpReply *r : std::as_const(replies)) {
                    if (!r->isFinished())
                        return false;
                }
                return true;
            },
            5000));
        for (McpReply *r : std::as_const(replies))
            QVERIFY2(!r->isError(), qPrintable(r->error().toString()));
        QCOMPARE(w.requestsTo(QStringLiteral("/token")).size(), 1);
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 1);
        // Three refused calls, then the same three again with the token.
        int refused = 0, withToken = 0;
        for (const Request &r : w.requestsTo(QStringLiteral("/mcp"), "POST")) {
            if (!r.body.contains("tools/call"))
                continue;
            (r.header("authorization") == "Bearer at-1" ? withToken : refused)++;
        }
        QCOMPARE(refused, 3);
        QCOMPARE(withToken, 3);
    }

    // ---- refresh ----

    void refreshBeforeExpiryAndRotation()
    {
        World &w = *m_world;
        w.standard();
        w.rotateRefresh = true;
        w.tokenExtra.insert(QStringLiteral("expires_in"), 600);
        FakeTimerSource clock;
        auto c = client();
        c->setTimerSource(&clock);
        QSignalSpy changed(c.get(), &OAuthClient::tokenSetChanged);
        QCOMPARE(signIn(*c), QStringLiteral("at-1"));
        QCOMPARE(c->tokenSet().refreshToken, QStringLiteral("rt-1"));
        QVERIFY(c->canRefresh());
        const QDateTime expires = c->expiresAt();
        QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(expires) - 600) <= 5);

        // Not yet: 60 s before the end is the time.
        clock.advance(500 * 1000);
        QTest::qWait(50); // proves no refresh goes out yet; nothing to wait for
        QCOMPARE(w.requestsTo(QStringLiteral("/token")).size(), 1);
        clock.advance(41 * 1000);
        QVERIFY(
            QTest::qWaitFor([&]() { return c->currentToken() == QLatin1String("at-2"); }, 5000));
        const QList<Request> tokens = w.requestsTo(QStringLiteral("/token"));
        QCOMPARE(tokens.size(), 2);
        QCOMPARE(value(formOf(tokens.at(1)), "grant_type"), QStringLiteral("refresh_token"));
        QCOMPARE(value(formOf(tokens.at(1)), "refresh_token"), QStringLiteral("rt-1"));
        QCOMPARE(value(formOf(tokens.at(1)), "client_id"), QStringLiteral("dyn-client"));
        QCOMPARE(c->tokenSet().refreshToken, QStringLiteral("rt-2")); // rotated
        QVERIFY(changed.count() >= 2);

        // The next refresh uses the rotated one.
        clock.advance(541 * 1000);
        QVERIFY(
            QTest::qWaitFor([&]() { return c->currentToken() == QLatin1String("at-3"); }, 5000));
        QCOMPARE(value(formOf(w.requestsTo(QStringLiteral("/token")).at(2)), "refresh_token"),
                 QStringLiteral("rt-2"));
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 1);
        QCOMPARE(c->state(), OAuthClient::State::SignedIn);
    }

    void refreshOn401WithExpiredToken()
    {
        World &w = *m_world;
        w.standard();
        w.tokenExtra.insert(QStringLiteral("expires_in"), 60);
        w.tokenExtra.insert(QStringLiteral("refresh_token"), QStringLiteral("rt-keep"));
        FakeTimerSource clock;
        auto c = client();
        c->setTimerSource(&clock);
        QCOMPARE(signIn(*c), QStringLiteral("at-1"));
        w.tokenExtra.remove(QStringLiteral("refresh_token")); // the AS does not rotate
        QCOMPARE(clock.pendingTimers(), 2); // refresh and expiry
        // A machine that slept through its refresh: no timer ran, the token expired.
        for (int handle = 1; handle <= 2; ++handle)
            clock.cancel(handle);
        clock.advance(61 * 1000);
        QCOMPARE(c->state(), OAuthClient::State::SignedIn); // refreshable
        const auto a = ask(*c, 401, w.challenge(), QStringLiteral("at-1"));
        QVERIFY(waitFor(a));
        QCOMPARE(a->token, QStringLiteral("at-2"));
        QCOMPARE(value(formOf(w.requestsTo(QStringLiteral("/token")).at(1)), "grant_type"),
                 QStringLiteral("refresh_token"));
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 1); // no new consent
        QCOMPARE(c->tokenSet().refreshToken, QStringLiteral("rt-keep")); // kept, not rotated
    }

    void failedRefreshFallsBackToSignIn()
    {
        World &w = *m_world;
        w.standard();
        w.tokenExtra.insert(QStringLiteral("refresh_token"), QStringLiteral("rt-old-5ecret"));
        auto c = client();
        QCOMPARE(signIn(*c), QStringLiteral("at-1"));
        w.token = [&w](const Request &r, QTcpSocket *s) {
            if (value(formOf(r), "grant_type") == QLatin1String("refresh_token")) {
                ScriptedHttpServer::respond(
                    s, 400, "application/json",
                    R"({"error":"invalid_grant","error_description":"refresh token rt-old-5ecret expired"})");
                return;
            }
            w.validTokens << QStringLiteral("at-new");
            ScriptedHttpServer::respond(s, 200, "application/json",
                                        R"({"access_token":"at-new","token_type":"bearer"})");
        };
        QSignalSpy failed(c.get(), &OAuthClient::authorizationFailed);
        const auto a = ask(*c, 401, w.challenge(), QStringLiteral("at-1"));
        QVERIFY(waitFor(a));
        QCOMPARE(a->token, QStringLiteral("at-new"));
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 2);
        QVERIFY(!c->canRefresh());
        QCOMPARE(failed.count(), 0);
    }

    void refreshDuringAnOutageKeepsTheRefreshToken()
    {
        // The token endpoint answers 503 to a refresh: the request fails, but
        // the refresh token stays (no sign-in forced); once the AS is back the
        // next refusal refreshes without a consent.
        World &w = *m_world;
        w.standard();
        w.tokenExtra.insert(QStringLiteral("refresh_token"), QStringLiteral("rt-keep"));
        auto c = client();
        QCOMPARE(signIn(*c), QStringLiteral("at-1"));
        bool down = true;
        w.token = [&w, &down](const Request &r, QTcpSocket *s) {
            if (down) {
                ScriptedHttpServer::respond(s, 503, "text/plain", "maintenance");
                return;
            }
            QVERIFY(value(formOf(r), "grant_type") == QLatin1String("refresh_token"));
            w.validTokens << QStringLiteral("at-back");
            ScriptedHttpServer::respond(s, 200, "application/json",
                                        "{\"access_token\":\"at-back\",\"token_type\":\"bearer\"}");
        };
        const auto a = ask(*c, 401, w.challenge(), QStringLiteral("at-1"));
        QVERIFY(waitFor(a));
        QVERIFY(a->error.isError());
        QVERIFY(c->canRefresh());
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 1);
        down = false;
        const auto b = ask(*c, 401, w.challenge(), QStringLiteral("at-1"));
        QVERIFY(waitFor(b));
        QCOMPARE(b->token, QStringLiteral("at-back"));
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 1);
    }

    void failedProactiveRefreshAsksForSignIn()
    {
        World &w = *m_world;
        w.standard();
        w.tokenExtra.insert(QStringLiteral("refresh_token"), QStringLiteral("rt-1"));
        w.tokenExtra.insert(QStringLiteral("expires_in"), 100);
        FakeTimerSource clock;
        auto c = client();
        c->setTimerSource(&clock);
        QCOMPARE(signIn(*c), QStringLiteral("at-1"));
        w.token = [](const Request &, QTcpSocket *s) {
            ScriptedHttpServer::respond(s, 400, "application/json", R"({"error":"invalid_grant"})");
        };
        QSignalSpy required(c.get(), &OAuthClient::signInRequired);
        QSignalSpy failed(c.get(), &OAuthClient::authorizationFailed);
        clock.advance(50 * 1000); // half the lifetime
        QVERIFY(required.wait(5000));
        QCOMPARE(failed.count(), 1);
        const McpError error = failed.first().first().value<McpError>();
        QVERIFY2(error.message.startsWith(QStringLiteral("OAuth token refresh: ")),
                 qPrintable(error.message));
        QVERIFY(error.message.contains(QStringLiteral("HTTP 400")));
        QVERIFY(error.message.contains(QStringLiteral("invalid_grant")));
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 1); // never on its own
        clock.advance(51 * 1000);
        QCOMPARE(c->state(), OAuthClient::State::NeedsSignIn);
    }

    // ---- token endpoint authentication ----

    void tokenEndpointAuthentication_data()
    {
        QTest::addColumn<QString>("advertised");
        QTest::addColumn<QString>("registeredAs");
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<QString>("bodyId");
        QTest::addColumn<QString>("bodySecret");
        const QByteArray basic = "Basic " + QByteArray("dyn-client:dyn-secret-7f3a").toBase64();
        QTest::newRow("client_secret_basic")
            << QStringLiteral("client_secret_basic") << QStringLiteral("client_secret_basic")
            << basic << QString() << QString();
        QTest::newRow("client_secret_post")
            << QStringLiteral("client_secret_post") << QStringLiteral("client_secret_post")
            << QByteArray() << QStringLiteral("dyn-client") << QStringLiteral("dyn-secret-7f3a");
        QTest::newRow("none") << QStringLiteral("none") << QStringLiteral("none") << QByteArray()
                              << QStringLiteral("dyn-client") << QString();
        QTest::newRow("basic when registration names no method")
            << QStringLiteral("client_secret_basic") << QString() << basic << QString()
            << QString();
    }
    void tokenEndpointAuthentication()
    {
        QFETCH(QString, advertised);
        QFETCH(QString, registeredAs);
        QFETCH(QByteArray, authorization);
        QFETCH(QString, bodyId);
        QFETCH(QString, bodySecret);
        World &w = *m_world;
        w.standard(
            {},
            {{QStringLiteral("token_endpoint_auth_methods_supported"), QJsonArray{advertised}}});
        if (!registeredAs.isEmpty())
            w.registration.insert(QStringLiteral("token_endpoint_auth_method"), registeredAs);
        if (registeredAs == QLatin1String("none"))
            w.registration.remove(QStringLiteral("client_secret"));
        auto c = client();
        QCOMPARE(signIn(*c), QStringLiteral("at-1"));
        const QJsonObject dcr
            = QJsonDocument::fromJson(w.requestsTo(QStringLiteral("/register")).first().body)
                  .object();
        QCOMPARE(dcr.value(QStringLiteral("token_endpoint_auth_method")).toString(), advertised);
        const Request token = w.requestsTo(QStringLiteral("/token")).first();
        QCOMPARE(token.header("content-type"), QByteArray("application/x-www-form-urlencoded"));
        QCOMPARE(token.header("authorization"), authorization);
        const QUrlQuery form = formOf(token);
        QCOMPARE(value(form, "client_id"), bodyId);
        QCOMPARE(form.hasQueryItem(QStringLiteral("client_secret")), !bodySecret.isEmpty());
        QCOMPARE(value(form, "client_secret"), bodySecret);
    }

    void basicAuthorizationEncodesBothHalves()
    {
        // RFC 6749 §2.3.1: form-encode, then join with ':'.
        QCOMPARE(OAuthHttp::basicAuthorization(QStringLiteral("a:b"), QStringLiteral("p w+/")),
                 "Basic " + QByteArray("a%3Ab:p%20w%2B%2F").toBase64());
        QCOMPARE(OAuthHttp::formEncode({{QStringLiteral("scope"), QStringLiteral("a b+c")},
                                        {QStringLiteral("r"), QStringLiteral("http://h/p")}}),
                 QByteArray("scope=a%20b%2Bc&r=http%3A%2F%2Fh%2Fp"));
    }

    // ---- client credentials ----

    void clientCredentialsBasic()
    {
        World &w = *m_world;
        w.standard({},
                   {{QStringLiteral("grant_types_supported"),
                     QJsonArray{QStringLiteral("client_credentials")}},
                    {QStringLiteral("token_endpoint_auth_methods_supported"),
                     QJsonArray{QStringLiteral("client_secret_basic")}}});
        OAuthSettings s;
        s.clientId = QStringLiteral("svc");
        s.clientSecret = QStringLiteral("svc-secret");
        auto c = client(s);
        c->setAuthorizationAgent(nullptr); // needs none
        QCOMPARE(signIn(*c), QStringLiteral("at-1"));
        const Request token = w.requestsTo(QStringLiteral("/token")).first();
        QCOMPARE(token.header("authorization"), "Basic " + QByteArray("svc:svc-secret").toBase64());
        QCOMPARE(value(formOf(token), "grant_type"), QStringLiteral("client_credentials"));
        QCOMPARE(value(formOf(token), "resource"), w.mcpUrl().toString());
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 0);
        QCOMPARE(w.requestsTo(QStringLiteral("/register")).size(), 0);
    }

    void clientCredentialsPrivateKeyJwtEs256()
    {
        Key key(EVP_EC_gen("P-256"));
        QVERIFY(key);
        World &w = *m_world;
        w.standard({},
                   {{QStringLiteral("grant_types_supported"),
                     QJsonArray{QStringLiteral("client_credentials")}},
                    {QStringLiteral("token_endpoint_auth_methods_supported"),
                     QJsonArray{QStringLiteral("private_key_jwt")}},
                    {QStringLiteral("token_endpoint_auth_signing_alg_values_supported"),
                     QJsonArray{QStringLiteral("ES256")}}});
        OAuthSettings s;
        s.clientId = QStringLiteral("conformance-test-client");
        s.privateKeyPem = privatePem(key.get());
        s.signingAlgorithm = QStringLiteral("ES256");
        auto c = client(s);
        QCOMPARE(signIn(*c), QStringLiteral("at-1"));
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 0);
        const Request token = w.requestsTo(QStringLiteral("/token")).first();
        QVERIFY(token.header("authorization").isEmpty());
        const QUrlQuery form = formOf(token);
        QCOMPARE(value(form, "grant_type"), QStringLiteral("client_credentials"));
        QCOMPARE(value(form, "client_assertion_type"),
                 QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
        const QByteArray jws = value(form, "client_assertion").toLatin1();
        const QJsonObject header = jwsPart(jws, 0);
        const QJsonObject claims = jwsPart(jws, 1);
        QCOMPARE(header.value(QStringLiteral("alg")).toString(), QStringLiteral("ES256"));
        QCOMPARE(claims.value(QStringLiteral("iss")).toString(), s.clientId);
        QCOMPARE(claims.value(QStringLiteral("sub")).toString(), s.clientId);
        QCOMPARE(claims.value(QStringLiteral("aud")).toString(), w.issuer); // not the token URL
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QVERIFY(qAbs(claims.value(QStringLiteral("iat")).toInteger() - now) < 10);
        QCOMPARE(claims.value(QStringLiteral("exp")).toInteger(),
                 claims.value(QStringLiteral("iat")).toInteger() + 300);
        QVERIFY(claims.value(QStringLiteral("jti")).toString().size() >= 16);
        QVERIFY(verifyEs256(jws, key.get()));
        // The check can fail: a changed claim or another key does not verify.
        QByteArray tampered = jws;
        tampered[jws.indexOf('.') + 3] = tampered[jws.indexOf('.') + 3] == 'A' ? 'B' : 'A';
        QVERIFY(!verifyEs256(tampered, key.get()));
        Key other(EVP_EC_gen("P-256"));
        QVERIFY(!verifyEs256(jws, other.get()));
    }

    void jwsSignerRefusesUnusableKeys()
    {
        QString why;
        QVERIFY(JwsSigner::sign({}, {}, "not a key", QStringLiteral("ES256"), &why).isEmpty());
        QVERIFY(why.contains(QStringLiteral("PEM")));
        Key p384(EVP_EC_gen("P-384"));
        const QByteArray pem = privatePem(p384.get());
        QVERIFY(JwsSigner::sign({}, {}, pem, QStringLiteral("ES256"), &why).isEmpty());
        QVERIFY(why.contains(QStringLiteral("P-256")));
        QVERIFY(!why.contains(QString::fromLatin1(pem.mid(40, 20))));
        QVERIFY(JwsSigner::sign({}, {}, pem, QStringLiteral("HS256"), &why).isEmpty());
        QVERIFY(why.contains(QStringLiteral("not supported")));
    }

    // ---- cross-app access ----

    void crossAppAccess()
    {
        World &w = *m_world;
        w.standard({},
                   {{QStringLiteral("grant_types_supported"),
                     QJsonArray{QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer")}},
                    {QStringLiteral("token_endpoint_auth_methods_supported"),
                     QJsonArray{QStringLiteral("client_secret_basic")}}});
        w.token = [&w](const Request &r, QTcpSocket *s) {
            const QUrlQuery form = formOf(r);
            if (value(form, "grant_type")
                == QLatin1String("urn:ietf:params:oauth:grant-type:token-exchange")) {
                ScriptedHttpServer::respond(
                    s, 200, "application/json",
                    R"({"access_token":"id-jag-xyz","issued_token_type":"urn:ietf:params:oauth:token-type:id-jag","token_type":"N_A"})");
                return;
            }
            w.validTokens << QStringLiteral("xaa-token");
            ScriptedHttpServer::respond(s, 200, "application/json",
                                        R"({"access_token":"xaa-token","token_type":"Bearer"})");
        };
        OAuthSettings s;
        s.clientId = QStringLiteral("xaa-client");
        s.clientSecret = QStringLiteral("xaa-secret");
        s.idpTokenEndpoint = w.url(QStringLiteral("/token"));
        s.idpIdToken = QStringLiteral("id.token.value");
        s.idpClientId = QStringLiteral("idp-client");
        auto c = client(s);
        QCOMPARE(signIn(*c), QStringLiteral("xaa-token"));
        const QList<Request> tokens = w.requestsTo(QStringLiteral("/token"));
        QCOMPARE(tokens.size(), 2);
        const QUrlQuery exchange = formOf(tokens.at(0));
        QCOMPARE(value(exchange, "requested_token_type"),
                 QStringLiteral("urn:ietf:params:oauth:token-type:id-jag"));
        QCOMPARE(value(exchange, "subject_token"), QStringLiteral("id.token.value"));
        QCOMPARE(value(exchange, "subject_token_type"),
                 QStringLiteral("urn:ietf:params:oauth:token-type:id_token"));
        QCOMPARE(value(exchange, "audience"), w.issuer);
        QCOMPARE(value(exchange, "resource"), w.mcpUrl().toString());
        QCOMPARE(value(exchange, "client_id"), QStringLiteral("idp-client"));
        QVERIFY(tokens.at(0).header("authorization").isEmpty());
        const QUrlQuery grant = formOf(tokens.at(1));
        QCOMPARE(value(grant, "grant_type"),
                 QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer"));
        QCOMPARE(value(grant, "assertion"), QStringLiteral("id-jag-xyz"));
        QCOMPARE(tokens.at(1).header("authorization"),
                 "Basic " + QByteArray("xaa-client:xaa-secret").toBase64());
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 0);
    }

    void workloadIdentity()
    {
        World &w = *m_world;
        w.standard({},
                   {{QStringLiteral("grant_types_supported"),
                     QJsonArray{QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer")}}});
        OAuthSettings s;
        s.clientId = QStringLiteral("workload-client");
        s.workloadToken = QStringLiteral("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ3In0.d29ya2xvYWQ");
        auto c = client(s);
        QCOMPARE(signIn(*c), QStringLiteral("at-1"));
        const QList<Request> tokens = w.requestsTo(QStringLiteral("/token"));
        QCOMPARE(tokens.size(), 1);
        const QUrlQuery grant = formOf(tokens.first());
        QCOMPARE(value(grant, "grant_type"),
                 QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer"));
        QCOMPARE(value(grant, "assertion"), s.workloadToken);
        QCOMPARE(value(grant, "client_id"), QStringLiteral("workload-client"));
        QCOMPARE(value(grant, "resource"), w.mcpUrl().toString());
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 0);
        QCOMPARE(w.requestsTo(QStringLiteral("/register")).size(), 0);
    }

    void workloadIdentityRefusalIsFinal()
    {
        World &w = *m_world;
        w.standard({},
                   {{QStringLiteral("grant_types_supported"),
                     QJsonArray{QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer"),
                                QStringLiteral("authorization_code")}}});
        w.token = [](const Request &, QTcpSocket *s) {
            ScriptedHttpServer::respond(
                s, 400, "application/json",
                R"({"error":"invalid_grant","error_description":"JWT assertion is expired"})");
        };
        OAuthSettings s;
        s.workloadToken = QStringLiteral("eyJhbGciOiJFUzI1NiJ9.eyJleHAiOjF9.ZXhwaXJlZA");
        auto c = client(s);
        const auto a = ask(*c, 401, w.challenge());
        QVERIFY(waitFor(a));
        QVERIFY(a->error);
        QVERIFY2(a->error.message.contains(QStringLiteral("invalid_grant")),
                 qPrintable(a->error.message));
        QVERIFY(!a->error.message.contains(s.workloadToken));
        // One request: no retry, no other grant, no client_id when none is configured.
        const QList<Request> tokens = w.requestsTo(QStringLiteral("/token"));
        QCOMPARE(tokens.size(), 1);
        QVERIFY(!formOf(tokens.first()).hasQueryItem(QStringLiteral("client_id")));
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 0);
    }

    // ---- DPoP (RFC 9449) ----

    void dpopKeyAndProofs()
    {
        const DpopKey key = DpopKey::generate();
        QVERIFY(!key.isNull());
        const QJsonObject jwk = key.publicJwk();
        QVERIFY(!jwk.contains(QStringLiteral("d")));
        QCOMPARE(key.thumbprint(), jwkThumbprint(jwk));
        const QUrl url(QStringLiteral("https://mcp.example.com:8443/api/mcp?x=1#frag"));
        QString why;
        const QByteArray p1 = key.proof("POST", url, QStringLiteral("at-123"), "n-1", &why);
        QVERIFY2(!p1.isEmpty(), qPrintable(why));
        QCOMPARE(checkProof(p1, "POST", QStringLiteral("https://mcp.example.com:8443/api/mcp"),
                            QStringLiteral("at-123"), QStringLiteral("n-1")),
                 QString());
        const QByteArray p2 = key.proof("GET", url, {}, {}, &why);
        QCOMPARE(
            checkProof(p2, "GET", QStringLiteral("https://mcp.example.com:8443/api/mcp"), {}, {}),
            QString());
        QVERIFY(!jwsPart(p2, 1).contains(QStringLiteral("ath")));
        QVERIFY(!jwsPart(p2, 1).contains(QStringLiteral("nonce")));
        QVERIFY(jwsPart(p1, 1).value(QStringLiteral("jti"))
                != jwsPart(p2, 1).value(QStringLiteral("jti")));
        // The checker can fail: wrong token hash, wrong method, another key.
        QVERIFY(!checkProof(p1, "POST", QStringLiteral("https://mcp.example.com:8443/api/mcp"),
                            QStringLiteral("at-999"), QStringLiteral("n-1"))
                     .isEmpty());
        QVERIFY(!checkProof(p1, "GET", QStringLiteral("https://mcp.example.com:8443/api/mcp"),
                            QStringLiteral("at-123"), QStringLiteral("n-1"))
                     .isEmpty());
        const DpopKey other = DpopKey::generate();
        QVERIFY(other.thumbprint() != key.thumbprint());

        // Kept and read back: the same key.
        const DpopKey back = DpopKey::fromPrivateKeyPem(key.privateKeyPem(), &why);
        QCOMPARE(back.thumbprint(), key.thumbprint());
        // Not a P-256 key: refused, the input not echoed.
        const DpopKey bad = DpopKey::fromPrivateKeyPem("-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n"
                                                       "-----END PRIVATE KEY-----",
                                                       &why);
        QVERIFY(bad.isNull());
        QVERIFY(!why.contains(QStringLiteral("c2VjcmV0")));
        QVERIFY(key.proof("POST", url, {}, {}, &why).size() > 0);
        QVERIFY(DpopKey().proof("POST", url, {}, {}, &why).isEmpty());
    }

    void dpopBoundTokensWithNonces()
    {
        World &w = *m_world;
        w.standard({},
                   {{QStringLiteral("dpop_signing_alg_values_supported"),
                     QJsonArray{QStringLiteral("ES256")}}});
        QList<QByteArray> proofs;
        w.token = [&](const Request &r, QTcpSocket *s) {
            const QByteArray proof = r.header("dpop");
            proofs << proof;
            const QString nonce = jwsPart(proof, 1).value(QStringLiteral("nonce")).toString();
            if (nonce != QLatin1String("as-nonce-1")) {
                ScriptedHttpServer::respond(
                    s, 400, "application/json",
                    R"({"error":"use_dpop_nonce","error_description":"nonce required"})",
                    {{"DPoP-Nonce", "as-nonce-1"}});
                return;
            }
            ScriptedHttpServer::respond(
                s, 200, "application/json",
                R"({"access_token":"dpop-at","token_type":"DPoP","expires_in":3600})");
        };
        auto c = client();
        QCOMPARE(signIn(*c), QStringLiteral("dpop-at"));
        QVERIFY(c->tokenIsDpopBound());
        // The token request: a proof, then again with the AS's nonce.
        QCOMPARE(proofs.size(), 2);
        const QString tokenUrl = w.url(QStringLiteral("/token")).toString();
        QCOMPARE(checkProof(proofs.at(0), "POST", tokenUrl, {}, {}), QString());
        QCOMPARE(checkProof(proofs.at(1), "POST", tokenUrl, {}, QStringLiteral("as-nonce-1")),
                 QString());
        QCOMPARE(jwkThumbprint(jwsPart(proofs.at(1), 0).value(QStringLiteral("jwk")).toObject()),
                 c->dpopThumbprint());
        const QJsonObject dcr
            = QJsonDocument::fromJson(w.requestsTo(QStringLiteral("/register")).first().body)
                  .object();
        QVERIFY(dcr.value(QStringLiteral("dpop_bound_access_tokens")).toBool());

        // Every MCP request: the DPoP scheme and a fresh proof for it.
        const AuthHandler::Headers h1 = c->authorizationHeaders("POST", w.mcpUrl());
        const AuthHandler::Headers h2 = c->authorizationHeaders("POST", w.mcpUrl());
        QCOMPARE(h1.size(), 2);
        QCOMPARE(h1.at(0).first, QByteArray("Authorization"));
        QCOMPARE(h1.at(0).second, QByteArray("DPoP dpop-at"));
        QCOMPARE(h1.at(1).first, QByteArray("DPoP"));
        QCOMPARE(checkProof(h1.at(1).second, "POST", w.mcpUrl().toString(),
                            QStringLiteral("dpop-at"), {}),
                 QString());
        QVERIFY(jwsPart(h1.at(1).second, 1).value(QStringLiteral("jti"))
                != jwsPart(h2.at(1).second, 1).value(QStringLiteral("jti")));

        // The MCP server asks for its nonce: retried at once with it, no new token.
        c->dpopNonceReceived("rs-nonce-1");
        const auto a = ask(*c, 401, "DPoP error=\"use_dpop_nonce\"", QStringLiteral("dpop-at"));
        QVERIFY(waitFor(a));
        QVERIFY(!a->error);
        QCOMPARE(a->token, QStringLiteral("dpop-at"));
        QCOMPARE(proofs.size(), 2);
        QCOMPARE(checkProof(c->authorizationHeaders("POST", w.mcpUrl()).at(1).second, "POST",
                            w.mcpUrl().toString(), QStringLiteral("dpop-at"),
                            QStringLiteral("rs-nonce-1")),
                 QString());
        // Requests in flight when the nonce came are refused too and retried; a nonce
        // refused again and again is not retried blindly (a new authorization instead).
        for (int i = 0; i < 7; ++i) {
            const auto inFlight
                = ask(*c, 401, "DPoP error=\"use_dpop_nonce\"", QStringLiteral("dpop-at"));
            QVERIFY(waitFor(inFlight));
            QCOMPARE(inFlight->token, QStringLiteral("dpop-at"));
        }
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 1);
        const auto again = ask(*c, 401, "DPoP error=\"use_dpop_nonce\"", QStringLiteral("dpop-at"));
        QVERIFY(waitFor(again));
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 2);
        // A nonce that is not visible ASCII is ignored.
        c->dpopNonceReceived("bad nonce\n");
        QCOMPARE(jwsPart(c->authorizationHeaders("POST", w.mcpUrl()).at(1).second, 1)
                     .value(QStringLiteral("nonce"))
                     .toString(),
                 QStringLiteral("rs-nonce-1"));

        // The key travels with the tokens it binds (keychain), never in an error.
        const OAuthTokenSet set = c->tokenSet();
        QCOMPARE(set.tokenType, QStringLiteral("DPoP"));
        QVERIFY(!set.dpopKeyPem.isEmpty());
        const OAuthTokenSet back = OAuthTokenSet::fromJson(set.toJson());
        QCOMPARE(back.dpopKeyPem, set.dpopKeyPem);
        auto restarted = client();
        restarted->setTokenSet(back);
        QCOMPARE(restarted->dpopThumbprint(), c->dpopThumbprint());
        QCOMPARE(restarted->authorizationHeaders("GET", w.mcpUrl()).at(0).second,
                 QByteArray("DPoP dpop-at"));
    }

    void dpopOffRequiredAndMismatch()
    {
        World &w = *m_world;
        w.standard({},
                   {{QStringLiteral("dpop_signing_alg_values_supported"),
                     QJsonArray{QStringLiteral("ES256")}}});
        // Off: bearer tokens, no proofs.
        OAuthSettings off;
        off.dpop = OAuthSettings::Dpop::Off;
        auto c = client(off);
        QCOMPARE(signIn(*c), QStringLiteral("at-1"));
        QVERIFY(w.requestsTo(QStringLiteral("/token")).first().header("dpop").isEmpty());
        const AuthHandler::Headers bearer = c->authorizationHeaders("POST", w.mcpUrl());
        QCOMPARE(bearer.size(), 1);
        QCOMPARE(bearer.at(0).second, QByteArray("Bearer at-1"));
        QVERIFY(!c->tokenIsDpopBound());

        // A DPoP token type without a proof sent: refused.
        w.tokenExtra.insert(QStringLiteral("token_type"), QStringLiteral("DPoP"));
        auto d = client(off);
        const auto a = ask(*d, 401, w.challenge());
        QVERIFY(waitFor(a));
        QVERIFY(a->error);
        QVERIFY2(a->error.message.contains(QStringLiteral("DPoP")), qPrintable(a->error.message));

        // Required where the AS offers no DPoP: refused before any token request.
        World plain;
        plain.standard();
        OAuthSettings required;
        required.dpop = OAuthSettings::Dpop::Required;
        auto r = std::make_unique<OAuthClient>(plain.mcpUrl(), required);
        r->setAuthorizationAgent(m_agent.get());
        const auto b = ask(*r, 401, plain.challenge());
        QVERIFY(waitFor(b));
        QVERIFY(b->error);
        QVERIFY2(b->error.message.contains(QStringLiteral("DPoP is required")),
                 qPrintable(b->error.message));
        QCOMPARE(plain.requestsTo(QStringLiteral("/token")).size(), 0);
        QCOMPARE(plain.requestsTo(QStringLiteral("/authorize")).size(), 0);
    }

    // ---- secrets ----

    void noSecretInAnyErrorMessage()
    {
        World &w = *m_world;
        w.standard();
        // A token endpoint that echoes everything it got, in several encodings.
        w.token = [](const Request &r, QTcpSocket *s) {
            const QString echo = QString::fromLatin1(r.body) + QLatin1Char(' ')
                + QUrlQuery(QString::fromLatin1(r.body)).toString(QUrl::FullyDecoded)
                + QLatin1Char(' ') + QString::fromLatin1(r.header("authorization"));
            ScriptedHttpServer::respond(
                s, 400, "application/json",
                json(QJsonObject{{QStringLiteral("error"), QStringLiteral("invalid_grant")},
                                 {QStringLiteral("error_description"), echo}}));
        };
        w.registration.insert(QStringLiteral("token_endpoint_auth_method"),
                              QStringLiteral("client_secret_post"));
        auto c = client();
        QSignalSpy failed(c.get(), &OAuthClient::authorizationFailed);
        McpClientOptions o;
        o.serverId = QStringLiteral("w1");
        o.baseUrl = w.mcpUrl();
        o.auth = c.get();
        o.timeoutMs = 5000;
        o.retryAttempts = 0;
        o.fetchCatalog = false;
        o.openServerStream = false;
        o.transport = McpClientOptions::TransportMode::StreamableHttp;
        o.protocol = McpClientOptions::ProtocolMode::Legacy; // the 2025-11-25 wire
        McpClient mcp(o);
        QSignalSpy connected(&mcp, &McpClient::connected);
        mcp.connectToServer();
        QVERIFY(connected.wait(5000));
        McpReply *reply = mcp.callTool(QStringLiteral("t"), {});
        QVERIFY(QTest::qWaitFor([reply]() { return reply->isFinished(); }, 5000));
        QVERIFY(reply->isError());
        QVERIFY(failed.count() >= 1);

        const Request token = w.requestsTo(QStringLiteral("/token")).first();
        const QUrlQuery form = formOf(token);
        const QStringList secrets{value(form, "code"), value(form, "code_verifier"),
                                  value(form, "client_secret"), QStringLiteral("dyn-secret-7f3a")};
        for (const QString &secret : secrets)
            QVERIFY(!secret.isEmpty());
        QStringList texts{reply->error().toString(), reply->error().message, c->lastError().message,
                          c->lastError().toString()};
        for (const QList<QVariant> &args : std::as_const(failed))
            texts << args.first().value<McpError>().toString();
        for (const QString &text : std::as_const(texts)) {
            QVERIFY2(text.contains(QStringLiteral("invalid_grant")), qPrintable(text));
            QVERIFY2(text.contains(QStringLiteral("HTTP 400")), qPrintable(text));
            for (const QString &secret : secrets) {
                QVERIFY2(!text.contains(secret), qPrintable(text));
                QVERIFY2(!text.contains(QString::fromLatin1(QUrl::toPercentEncoding(secret))),
                         qPrintable(text));
            }
        }
    }

    void noTokenInErrorMessages()
    {
        World &w = *m_world;
        w.standard();
        w.tokenExtra.insert(QStringLiteral("refresh_token"), QStringLiteral("rt-top-5ecret"));
        auto c = client();
        QCOMPARE(signIn(*c), QStringLiteral("at-1"));
        w.token = [](const Request &r, QTcpSocket *s) {
            ScriptedHttpServer::respond(
                s, 401, "application/json",
                json(QJsonObject{
                    {QStringLiteral("error"), QStringLiteral("invalid_client")},
                    {QStringLiteral("error_description"),
                     QString(QStringLiteral("bad body: ") + QString::fromLatin1(r.body))}}));
        };
        const auto a = ask(*c, 401, w.challenge(), QStringLiteral("at-1"));
        QVERIFY(waitFor(a));
        QVERIFY(a->error.isError());
        QVERIFY2(a->error.message.contains(QStringLiteral("invalid_client")),
                 qPrintable(a->error.message));
        QVERIFY2(!a->error.message.contains(QStringLiteral("rt-top-5ecret")),
                 qPrintable(a->error.message));
        QVERIFY2(!a->error.message.contains(QStringLiteral("code-2-c0de5ecret")),
                 qPrintable(a->error.message));
    }

    // ---- state and persistence ----

    void tokenSetRoundTrip()
    {
        World &w = *m_world;
        w.standard();
        w.tokenExtra.insert(QStringLiteral("expires_in"), 3600);
        w.tokenExtra.insert(QStringLiteral("refresh_token"), QStringLiteral("rt-x"));
        w.tokenExtra.insert(QStringLiteral("scope"), QStringLiteral("a b"));
        auto c = client();
        QCOMPARE(signIn(*c), QStringLiteral("at-1"));
        const OAuthTokenSet set = c->tokenSet();
        QCOMPARE(set.scopes, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(set.clientId, QStringLiteral("dyn-client"));
        QCOMPARE(set.issuer, w.issuer);
        const OAuthTokenSet back = OAuthTokenSet::fromJson(set.toJson());
        QCOMPARE(back.accessToken, set.accessToken);
        QCOMPARE(back.refreshToken, set.refreshToken);
        QCOMPARE(back.clientSecret, set.clientSecret);
        QCOMPARE(back.expiresAt.toMSecsSinceEpoch(), set.expiresAt.toMSecsSinceEpoch());
        QVERIFY(OAuthTokenSet::fromJson({{QStringLiteral("version"), 2}}).accessToken.isEmpty());

        // A new client (a restart) takes it and uses the same registration.
        auto restarted = client();
        restarted->setTokenSet(back);
        QCOMPARE(restarted->state(), OAuthClient::State::SignedIn);
        QCOMPARE(restarted->currentToken(), QStringLiteral("at-1"));
        w.tokenExtra.remove(QStringLiteral("refresh_token"));
        const auto a = ask(*restarted, 401, w.challenge(), QStringLiteral("at-1"));
        QVERIFY(waitFor(a));
        QCOMPARE(a->token, QStringLiteral("at-2"));
        QCOMPARE(w.requestsTo(QStringLiteral("/register")).size(), 1);
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 1);

        QSignalSpy changed(restarted.get(), &OAuthClient::tokenSetChanged);
        restarted->signOut();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(restarted->state(), OAuthClient::State::NeedsSignIn);
        QVERIFY(restarted->currentToken().isEmpty());
        QCOMPARE(restarted->tokenSet().clientId, QStringLiteral("dyn-client"));

        // Kept tokens for another server (its id now points elsewhere) are not used.
        OAuthClient elsewhere(QUrl(QStringLiteral("http://127.0.0.1:1/other/mcp")), {});
        QVERIFY(!back.resource.isEmpty());
        elsewhere.setTokenSet(back);
        QVERIFY(elsewhere.currentToken().isEmpty());
        QVERIFY(!elsewhere.tokenSet().hasTokens());
        QCOMPARE(elsewhere.state(), OAuthClient::State::NeedsSignIn);
    }

    void withoutAgentSignInIsRequired()
    {
        World &w = *m_world;
        w.standard();
        auto c = client();
        c->setAuthorizationAgent(nullptr);
        QSignalSpy required(c.get(), &OAuthClient::signInRequired);
        const auto a = ask(*c, 401, w.challenge());
        QVERIFY(waitFor(a));
        QVERIFY(a->error.isError());
        QCOMPARE(a->error.httpStatus, 401);
        QCOMPARE(required.count(), 1);
        QCOMPARE(w.requestsTo(QStringLiteral("/authorize")).size(), 0);
        // signIn() with an agent does it.
        c->setAuthorizationAgent(m_agent.get());
        QSignalSpy signedIn(c.get(), &OAuthClient::signedIn);
        c->signIn();
        QVERIFY(signedIn.wait(5000));
        QCOMPARE(c->currentToken(), QStringLiteral("at-1"));
    }

    void cancelFailsWaitingRequests()
    {
        World &w = *m_world;
        w.standard();
        w.tokenDelayMs = 2000;
        auto c = client();
        const auto a = ask(*c, 401, w.challenge());
        QVERIFY(QTest::qWaitFor(
            [&w]() { return !w.requestsTo(QStringLiteral("/token")).isEmpty(); }, 5000));
        c->cancel();
        QVERIFY(waitFor(a));
        QCOMPARE(a->error.kind, McpError::Kind::Cancelled);
        QCOMPARE(c->state(), OAuthClient::State::NeedsSignIn);
        QTest::qWait(50); // proves no second answer; nothing to wait for
        QCOMPARE(a->calls, 1);
    }

    // ---- the agents ----

    void headlessAgentRefusesALoginPage()
    {
        ScriptedHttpServer as;
        QVERIFY(as.listen());
        as.setHandler([](const Request &, QTcpSocket *s) {
            ScriptedHttpServer::respond(s, 200, "text/html", "<form>log in</form>");
        });
        HeadlessAuthorizationAgent agent;
        McpError error;
        bool done = false;
        agent.authorize(as.url(QStringLiteral("/authorize?state=s")), agent.redirectUri(),
                        [&](const QUrl &, const McpError &e) {
                            error = e;
                            done = true;
                        });
        QVERIFY(QTest::qWaitFor([&done]() { return done; }, 5000));
        QVERIFY(error.isError());
        QVERIFY2(error.message.contains(QStringLiteral("HTTP 200")), qPrintable(error.message));
        QVERIFY(error.message.contains(QStringLiteral("headless")));
    }

    void loopbackAgentWaitsForTheBrowser()
    {
        QUrl opened;
        LoopbackAuthorizationAgent agent([&opened](const QUrl &url) {
            opened = url;
            return true;
        });
        const QUrl redirect = agent.redirectUri();
        QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(redirect.port() > 0);
        QCOMPARE(redirect.path(), QStringLiteral("/callback"));
        QCOMPARE(agent.redirectUri(), redirect); // stable while listening

        const QUrl authorize(
            QStringLiteral("https://as.example.com/authorize?client_id=c&state=St4te-_x"));
        QUrl redirectedTo;
        McpError error;
        int calls = 0;
        agent.authorize(authorize, redirect, [&](const QUrl &to, const McpError &e) {
            redirectedTo = to;
            error = e;
            ++calls;
        });
        QCOMPARE(opened, authorize);
        QVERIFY(agent.isWaiting());

        // The "browser": plain GETs to the loopback listener.
        Http1Client browser;
        auto get = [&browser](const QUrl &url, int *status, QByteArray *body) {
            QNetworkReply *r = browser.get(QNetworkRequest(url));
            QObject::connect(r, &QNetworkReply::readyRead, r,
                             [r, body]() { *body += r->readAll(); });
            const bool ok = QTest::qWaitFor([r]() { return r->isFinished(); }, 5000);
            *body += r->readAll();
            *status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            r->deleteLater();
            return ok;
        };
        QUrl wrong = redirect;
        wrong.setPath(QStringLiteral("/favicon.ico"));
        int status = 0;
        QByteArray body;
        QVERIFY(get(wrong, &status, &body));
        QCOMPARE(status, 404);
        QUrl forged = redirect;
        forged.setQuery(QStringLiteral("code=evil&state=other"));
        body.clear();
        QVERIFY(get(forged, &status, &body));
        QCOMPARE(status, 400);
        QCOMPARE(calls, 0);
        QVERIFY(agent.isWaiting());

        QUrl back = redirect;
        back.setQuery(QStringLiteral("code=good-code&state=St4te-_x"));
        body.clear();
        QVERIFY(get(back, &status, &body));
        QCOMPARE(status, 200);
        QVERIFY2(body.contains("close this window"), body.constData());
        QCOMPARE(calls, 1);
        QVERIFY(!error.isError());
        QCOMPARE(QUrlQuery(redirectedTo).queryItemValue(QStringLiteral("code")),
                 QStringLiteral("good-code"));
        QCOMPARE(redirectedTo.port(), redirect.port());
        QVERIFY(!agent.isWaiting());
    }

    void loopbackAgentTimesOutAndReportsABrowserThatWouldNotOpen()
    {
        LoopbackAuthorizationAgent agent([](const QUrl &) { return true; });
        agent.setTimeoutMs(100);
        McpError error;
        bool done = false;
        agent.authorize(QUrl(QStringLiteral("https://as.example.com/authorize?state=s")),
                        agent.redirectUri(), [&](const QUrl &, const McpError &e) {
                            error = e;
                            done = true;
                        });
        QVERIFY(QTest::qWaitFor([&done]() { return done; }, 5000));
        QCOMPARE(error.kind, McpError::Kind::Timeout);

        LoopbackAuthorizationAgent broken([](const QUrl &) { return false; });
        done = false;
        broken.authorize(QUrl(QStringLiteral("https://as.example.com/authorize?state=s")),
                         broken.redirectUri(), [&](const QUrl &, const McpError &e) {
                             error = e;
                             done = true;
                         });
        QVERIFY(done);
        QVERIFY(error.message.contains(QStringLiteral("browser")));
    }

    void loopbackAgentDrivesARealSignIn()
    {
        World &w = *m_world;
        w.standard();
        // The app's "open a browser": a client that follows the authorization
        // server's redirect to the loopback listener, as a browser would.
        Http1Client browser;
        LoopbackAuthorizationAgent agent([&browser](const QUrl &url) {
            QNetworkRequest request(url);
            request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                 QNetworkRequest::ManualRedirectPolicy);
            QNetworkReply *r = browser.get(request);
            QObject::connect(r, &QNetworkReply::finished, r, [r, &browser]() {
                const QUrl next = r->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
                r->deleteLater();
                if (next.isValid())
                    browser.get(QNetworkRequest(next));
            });
            return true;
        });
        auto c = std::make_unique<OAuthClient>(w.mcpUrl(), OAuthSettings());
        c->setAuthorizationAgent(&agent);
        const auto a = ask(*c, 401, w.challenge());
        QVERIFY(waitFor(a));
        QVERIFY2(!a->error.isError(), qPrintable(a->error.message));
        QCOMPARE(a->token, QStringLiteral("at-1"));
        const QUrlQuery q = queryOf(w.requestsTo(QStringLiteral("/authorize")).first());
        QCOMPARE(QUrl(value(q, "redirect_uri")).port(), int(agent.port()));
    }
};

QTEST_GUILESS_MAIN(TestOAuth)
#include "tst_oauth.moc"
