#pragma once

#include <QMetaType>
#include <QString>

#include <functional>

namespace mcppm {

// Why a secret could not be read, written or removed. The message says why
// in a few words ("not in the keychain"); it never holds a value, and names
// no reference (callers put "token reference keychain:NAME: " in front).
struct CredentialError
{
    enum class Kind {
        None,
        NotFound, // the store answered: no such entry
        Unavailable, // no such store here (no keychain, no D-Bus session, ...)
        TimedOut, // the store did not answer in time (a locked keychain?)
        ReadOnly, // env: references cannot be written
        BadReference, // not "env:VARIABLE" or "keychain:NAME"
        Failed, // anything else the store reported
    };
    Kind kind = Kind::None;
    QString message;

    bool isError() const { return kind != Kind::None; }
    static CredentialError none() { return {}; }
};

// Where secrets live, by reference: the environment ("env:VARIABLE",
// read-only), the OS keychain ("keychain:NAME" and the OAuth token sets
// "oauth:PROFILE/SERVER"), or memory (tests, a run without keychain).
// Asynchronous: every call answers exactly once through its callback, on the
// thread that made it, possibly before the call returns (memory, env).
class CredentialStore
{
public:
    using ReadDone = std::function<void(const QString &value, const CredentialError &error)>;
    using Done = std::function<void(const CredentialError &error)>;

    virtual ~CredentialStore();

    virtual void read(const QString &key, ReadDone done) = 0;
    virtual void write(const QString &key, const QString &value, Done done) = 0;
    virtual void remove(const QString &key, Done done) = 0;

    // "oauth:PROFILE/SERVER" (PROFILE "default" when the profile has no name):
    // where a server's OAuth token set is kept (the GUI and mcp-poolctl alike).
    static QString oauthKey(const QString &profileName, const QString &serverId);
    // The scheme of a reference ("env", "keychain", "oauth"), or "" if none.
    static QString schemeOf(const QString &reference);
};

} // namespace mcppm

Q_DECLARE_METATYPE(mcppm::CredentialError)
