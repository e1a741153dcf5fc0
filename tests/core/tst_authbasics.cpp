// The small pieces of the OAuth client: WWW-Authenticate parsing and PKCE.

#include "auth/authmetadata.h"
#include "auth/pkce.h"
#include "auth/wwwauthenticate.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace mcppm;

class TestAuthBasics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bearerChallenge()
    {
        const AuthChallenge c = AuthChallenge::bearer(
            "Bearer resource_metadata=\"http://127.0.0.1:3000/.well-known/"
            "oauth-protected-resource/mcp\", scope=\"files:read files:write\", "
            "error=\"insufficient_scope\", error_description=\"need \\\"write\\\"\"");
        QVERIFY(c.isBearer());
        QCOMPARE(c.param(QStringLiteral("resource_metadata")),
                 QStringLiteral("http://127.0.0.1:3000/.well-known/oauth-protected-resource/mcp"));
        QCOMPARE(c.param(QStringLiteral("SCOPE")), QStringLiteral("files:read files:write"));
        QCOMPARE(c.param(QStringLiteral("error")), QStringLiteral("insufficient_scope"));
        QCOMPARE(c.param(QStringLiteral("error_description")), QStringLiteral("need \"write\""));
    }

    void severalChallenges()
    {
        // RFC 9110's example, with a Bearer challenge after it.
        const QList<AuthChallenge> all = AuthChallenge::parse(
            "Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic "
            "realm=\"simple\", Bearer realm=\"mcp\"");
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.at(0).scheme, QStringLiteral("Newauth"));
        QCOMPARE(all.at(0).param(QStringLiteral("type")), QStringLiteral("1"));
        QCOMPARE(all.at(0).param(QStringLiteral("title")), QStringLiteral("Login to \"apps\""));
        QCOMPARE(all.at(1).param(QStringLiteral("realm")), QStringLiteral("simple"));
        QVERIFY(all.at(2).isBearer());
        QCOMPARE(AuthChallenge::bearer("Basic realm=\"x\", bearer scope=a")
                     .param(QStringLiteral("scope")),
                 QStringLiteral("a"));
    }

    void token68AndOddInput()
    {
        QList<AuthChallenge> all = AuthChallenge::parse("Negotiate abc+/def==, Bearer");
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0).token68, QStringLiteral("abc+/def=="));
        QVERIFY(all.at(1).isBearer());
        QVERIFY(all.at(1).params.isEmpty());
        QVERIFY(AuthChallenge::bearer("").scheme.isEmpty());
        QVERIFY(AuthChallenge::bearer("Basic").scheme.isEmpty());
        // Malformed: unterminated quote, stray characters, lone commas — no crash, best effort.
        for (const QByteArray &bad :
             {QByteArray("Bearer scope=\"unterminated"), QByteArray(",,, ;; Bearer ==="),
              QByteArray("Bearer =x, scope=\"ok\""), QByteArray("\"\"\"\""),
              QByteArray(1000, ',')}) {
            const QList<AuthChallenge> parsed = AuthChallenge::parse(bad);
            QVERIFY(parsed.size() <= 3);
        }
    }

    void discoveryOrder()
    {
        const QUrl server(QStringLiteral("https://MCP.example.com:443/tenant/mcp/"));
        QList<QUrl> prm = authurls::protectedResourceCandidates(
            server, QStringLiteral("https://mcp.example.com/custom/prm"));
        QCOMPARE(prm.size(), 3);
        QCOMPARE(prm.at(0).toString(), QStringLiteral("https://mcp.example.com/custom/prm"));
        QCOMPARE(prm.at(1).toString(),
                 QStringLiteral("https://mcp.example.com/.well-known/oauth-protected-resource/"
                                "tenant/mcp"));
        QCOMPARE(prm.at(2).toString(),
                 QStringLiteral("https://mcp.example.com/.well-known/oauth-protected-resource"));
        // A bad or missing challenge URL is skipped; a root server has one candidate.
        prm = authurls::protectedResourceCandidates(QUrl(QStringLiteral("http://127.0.0.1:3000")),
                                                    QStringLiteral("javascript:alert(1)"));
        QCOMPARE(prm.size(), 1);
        QCOMPARE(prm.first().toString(),
                 QStringLiteral("http://127.0.0.1:3000/.well-known/oauth-protected-resource"));

        QList<QUrl> as = authurls::authorizationServerCandidates(
            QUrl(QStringLiteral("https://auth.example.com/tenant1")));
        QCOMPARE(as.size(), 3);
        QCOMPARE(as.at(0).toString(),
                 QStringLiteral("https://auth.example.com/.well-known/oauth-authorization-server/"
                                "tenant1"));
        QCOMPARE(
            as.at(1).toString(),
            QStringLiteral("https://auth.example.com/.well-known/openid-configuration/tenant1"));
        QCOMPARE(
            as.at(2).toString(),
            QStringLiteral("https://auth.example.com/tenant1/.well-known/openid-configuration"));
        as = authurls::authorizationServerCandidates(
            QUrl(QStringLiteral("https://auth.example.com/")));
        QCOMPARE(as.size(), 2);
        QCOMPARE(as.at(0).path(), QStringLiteral("/.well-known/oauth-authorization-server"));
        QCOMPARE(as.at(1).path(), QStringLiteral("/.well-known/openid-configuration"));
    }

    void resources()
    {
        const QUrl server(QStringLiteral("HTTPS://Mcp.Example.com/api/mcp/#frag"));
        QCOMPARE(authurls::canonicalResource(server),
                 QStringLiteral("https://mcp.example.com/api/mcp"));
        QVERIFY(
            authurls::resourceCovers(QStringLiteral("https://mcp.example.com/api/mcp"), server));
        QVERIFY(authurls::resourceCovers(QStringLiteral("https://mcp.example.com/api"), server));
        QVERIFY(authurls::resourceCovers(QStringLiteral("https://mcp.example.com"), server));
        QVERIFY(
            authurls::resourceCovers(QStringLiteral("https://mcp.example.com:443/api/"), server));
        QVERIFY(!authurls::resourceCovers(QStringLiteral("https://mcp.example.com/ap"), server));
        QVERIFY(!authurls::resourceCovers(QStringLiteral("https://mcp.example.com/other"), server));
        QVERIFY(
            !authurls::resourceCovers(QStringLiteral("http://mcp.example.com/api/mcp"), server));
        QVERIFY(
            !authurls::resourceCovers(QStringLiteral("https://evil.example.com/api/mcp"), server));
        QVERIFY(!authurls::resourceCovers(QStringLiteral("not a url"), server));

        const auto defaults = AuthorizationServerMetadata::defaultsFor(
            QUrl(QStringLiteral("http://127.0.0.1:3000/mcp")));
        QCOMPARE(defaults.authorizationEndpoint.toString(),
                 QStringLiteral("http://127.0.0.1:3000/authorize"));
        QCOMPARE(defaults.tokenEndpoint.toString(), QStringLiteral("http://127.0.0.1:3000/token"));
        QCOMPARE(defaults.registrationEndpoint.toString(),
                 QStringLiteral("http://127.0.0.1:3000/register"));

        QString why;
        QVERIFY(!ProtectedResourceMetadata::fromJson({}, &why));
        QVERIFY(why.contains(QStringLiteral("resource")));
        QVERIFY(!AuthorizationServerMetadata::fromJson(
            {{QStringLiteral("token_endpoint"), QStringLiteral("ftp://x/token")}}, &why));
        const auto as = AuthorizationServerMetadata::fromJson(
            {{QStringLiteral("issuer"), QStringLiteral("https://a")},
             {QStringLiteral("token_endpoint"), QStringLiteral("https://a/token")},
             {QStringLiteral("scopes_supported"), QJsonArray{QStringLiteral("x"), 3}}},
            &why);
        QVERIFY(as);
        QCOMPARE(as->scopesSupported, QStringList{QStringLiteral("x")});
    }

    void pkce()
    {
        // RFC 7636 appendix B.
        QCOMPARE(Pkce::challengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
                 QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        const QRegularExpression unreserved(QStringLiteral("^[A-Za-z0-9\\-._~]{43,128}$"));
        QSet<QByteArray> seen;
        for (int i = 0; i < 50; ++i) {
            const Pkce p = Pkce::generate();
            QVERIFY(unreserved.match(QString::fromLatin1(p.verifier)).hasMatch());
            QCOMPARE(p.challenge, Pkce::challengeFor(p.verifier));
            QVERIFY(!seen.contains(p.verifier));
            seen.insert(p.verifier);
        }
        QCOMPARE(QByteArray(Pkce::method), QByteArray("S256"));
    }
};

QTEST_GUILESS_MAIN(TestAuthBasics)
#include "tst_authbasics.moc"
