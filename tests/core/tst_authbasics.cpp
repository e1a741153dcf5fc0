// The small pieces of the OAuth client: WWW-Authenticate parsing and PKCE.

#include "auth/authmetadata.h"
#include "auth/authorizationresponse.h"
#include "auth/oauthtokenset.h"
#include "auth/pkce.h"
#include "auth/wwwauthenticate.h"

#include <QJsonArray>
#include <QJsonDocument>
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

    // ---- RFC 9207: iss in the authorization response ----

    void authorizationResponse()
    {
        const auto r = AuthorizationResponse::fromRedirect(QUrl(
            QStringLiteral("http://127.0.0.1:1/cb?foo=1&code=c%2B1&state=a+b&iss=https%3A%2F%2F"
                           "as.example.com%2Ftenant&error_description=x"),
            QUrl::StrictMode));
        QCOMPARE(r.code, QStringLiteral("c+1")); // %2B is a plus, '+' a space
        QCOMPARE(r.state, QStringLiteral("a b"));
        QVERIFY(r.hasIss);
        QCOMPARE(r.iss, QStringLiteral("https://as.example.com/tenant"));
        QVERIFY(r.error.isEmpty());
        QCOMPARE(r.errorDescription, QStringLiteral("x"));

        const auto none = AuthorizationResponse::fromRedirect(
            QUrl(QStringLiteral("urn:ietf:wg:oauth:2.0:oob?error=access_denied&state=s")));
        QVERIFY(!none.hasIss);
        QCOMPARE(none.error, QStringLiteral("access_denied"));
        QVERIFY(none.code.isEmpty());
        const auto empty = AuthorizationResponse::fromRedirect(
            QUrl(QStringLiteral("http://127.0.0.1:1/cb?code=c&iss=")));
        QVERIFY(empty.hasIss);
        QVERIFY(empty.iss.isEmpty());
    }

    void issuerComparison_data()
    {
        QTest::addColumn<QString>("recorded"); // the metadata's issuer; "" = no metadata
        QTest::addColumn<bool>("advertised"); // authorization_response_iss_parameter_supported
        QTest::addColumn<QString>("iss"); // "<absent>" = no iss parameter
        QTest::addColumn<bool>("accepted");

        const QString as = QStringLiteral("https://as.example.com");
        const QString absent = QStringLiteral("<absent>");
        QTest::newRow("advertised, identical") << as << true << as << true;
        QTest::newRow("advertised, missing: refused") << as << true << absent << false;
        QTest::newRow("advertised, empty: refused") << as << true << QString() << false;
        QTest::newRow("not advertised, absent") << as << false << absent << true;
        QTest::newRow("not advertised, identical") << as << false << as << true;
        QTest::newRow("not advertised, another issuer: refused")
            << as << false << QStringLiteral("https://evil.example.com") << false;
        QTest::newRow("advertised, another issuer: refused")
            << as << true << QStringLiteral("https://evil.example.com") << false;
        // No normalisation of any kind (RFC 9207 §2.4, RFC 3986 §6.2.1 simple comparison).
        QTest::newRow("trailing slash added")
            << as << true << QString(as + QLatin1Char('/')) << false;
        QTest::newRow("trailing slash removed")
            << QString(as + QLatin1Char('/')) << true << as << false;
        QTest::newRow("host case")
            << as << true << QStringLiteral("https://AS.example.com") << false;
        QTest::newRow("scheme case")
            << as << true << QStringLiteral("HTTPS://as.example.com") << false;
        QTest::newRow("default port")
            << as << true << QStringLiteral("https://as.example.com:443") << false;
        QTest::newRow("percent-encoding")
            << QStringLiteral("https://as.example.com/t~1") << true
            << QStringLiteral("https://as.example.com/t%7E1") << false;
        QTest::newRow("path with tenant, identical")
            << QStringLiteral("https://as.example.com/tenant1") << true
            << QStringLiteral("https://as.example.com/tenant1") << true;
        // Without metadata (2025-03-26 default endpoints) nothing was recorded.
        QTest::newRow("no metadata, any iss")
            << QString() << false << QStringLiteral("https://evil.example.com") << true;
    }

    void issuerComparison()
    {
        QFETCH(QString, recorded);
        QFETCH(bool, advertised);
        QFETCH(QString, iss);
        QFETCH(bool, accepted);
        AuthorizationResponse r;
        r.code = QStringLiteral("code-not-to-be-seen");
        r.hasIss = iss != QLatin1String("<absent>");
        r.iss = r.hasIss ? iss : QString();
        const QString why = AuthorizationResponse::checkIssuer(r, recorded, advertised);
        QCOMPARE(why.isEmpty(), accepted);
        if (!accepted) {
            QVERIFY(why.contains(QStringLiteral("iss")));
            QVERIFY(!why.contains(r.code));
        }
    }

    void issParameterSupportedIsRead()
    {
        QString why;
        const auto as = AuthorizationServerMetadata::fromJson(
            {{QStringLiteral("issuer"), QStringLiteral("https://a")},
             {QStringLiteral("token_endpoint"), QStringLiteral("https://a/token")},
             {QStringLiteral("authorization_response_iss_parameter_supported"), true}},
            &why);
        QVERIFY(as);
        QVERIFY(as->authorizationResponseIssParameterSupported);
        const auto plain = AuthorizationServerMetadata::fromJson(
            {{QStringLiteral("token_endpoint"), QStringLiteral("https://a/token")}}, &why);
        QVERIFY(plain);
        QVERIFY(!plain->authorizationResponseIssParameterSupported);
    }

    // ---- client registrations keyed by issuer (SEP-2352) ----

    void registrationsKeyedByIssuer()
    {
        OAuthTokenSet set;
        const QString as1 = QStringLiteral("https://as1.example.com");
        const QString as2 = QStringLiteral("https://as2.example.com");
        QVERIFY(!set.registrationFor(as1));
        QVERIFY(!set.registrationFor(QString()));
        set.keepRegistration({as1, QStringLiteral("id-1"), QStringLiteral("s-1"),
                              QStringLiteral("client_secret_basic")});
        set.keepRegistration({as2, QStringLiteral("id-2"), QString(), QStringLiteral("none")});
        set.keepRegistration({QString(), QStringLiteral("orphan"), {}, {}}); // no issuer: ignored
        set.keepRegistration({as1, QString(), {}, {}}); // no client ID: ignored
        QCOMPARE(set.registrations.size(), 2);
        QCOMPARE(set.registrationFor(as1)->clientId, QStringLiteral("id-1"));
        QCOMPARE(set.registrationFor(as2)->clientId, QStringLiteral("id-2"));
        // Exact issuer only: no trailing-slash or case variants.
        QVERIFY(!set.registrationFor(as1 + QLatin1Char('/')));
        QVERIFY(!set.registrationFor(QStringLiteral("https://AS1.example.com")));
        // A new registration with the same issuer replaces the old one.
        set.keepRegistration({as1, QStringLiteral("id-1b"), QString(), QStringLiteral("none")});
        QCOMPARE(set.registrations.size(), 2);
        QCOMPARE(set.registrationFor(as1)->clientId, QStringLiteral("id-1b"));
        QVERIFY(set.registrationFor(as1)->clientSecret.isEmpty());

        // Through the keychain JSON and back.
        set.issuer = as2;
        set.clientId = QStringLiteral("id-2");
        const OAuthTokenSet back = OAuthTokenSet::fromJson(set.toJson());
        QCOMPARE(back.registrations, set.registrations);
        QCOMPARE(back, set);

        // A set written before "clients": its flat client is filed under its issuer.
        const QJsonObject old{{QStringLiteral("version"), 1},
                              {QStringLiteral("issuer"), as1},
                              {QStringLiteral("client_id"), QStringLiteral("old-id")},
                              {QStringLiteral("client_secret"), QStringLiteral("old-secret")}};
        const OAuthTokenSet migrated = OAuthTokenSet::fromJson(old);
        QCOMPARE(migrated.registrations.size(), 1);
        QCOMPARE(migrated.registrationFor(as1)->clientId, QStringLiteral("old-id"));
        QCOMPARE(migrated.registrationFor(as1)->clientSecret, QStringLiteral("old-secret"));
        QVERIFY(!migrated.registrationFor(as2));
        // Bad entries are skipped, not trusted.
        const QJsonObject odd{
            {QStringLiteral("version"), 1},
            {QStringLiteral("clients"),
             QJsonArray{QStringLiteral("x"), QJsonObject{{QStringLiteral("client_id"), 3}},
                        QJsonObject{{QStringLiteral("issuer"), as2}}}}};
        QVERIFY(OAuthTokenSet::fromJson(odd).registrations.isEmpty());
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
