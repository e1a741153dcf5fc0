#pragma once

#include <QHash>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>

namespace mcppm {

// An RFC 6570 URI template (levels 1-4: {var}, {+var}, {#var}, {.var},
// {/var}, {;var}, {?var}, {&var}, explode "*", prefix ":N"), read in reverse:
// does a URI belong to it, and with which variables. Compiled once to a
// regular expression; a malformed template never matches and errorString()
// says why. Expressions whose variables are all undefined expand to nothing,
// so each one may also be absent from a matching URI.
class UriTemplate final
{
public:
    static constexpr int kMaxTemplateLength = 4096;
    static constexpr int kMaxVariablesPerExpression = 32;
    static constexpr int kMaxUriLength = 16384; // longer URIs never match

    UriTemplate(); // invalid: empty
    explicit UriTemplate(const QString &pattern);

    QString pattern() const { return m_pattern; }
    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    QStringList variableNames() const { return m_names; }

    bool matches(const QString &uri) const;
    // The variables of a matching URI (percent-decoded; a list or an exploded
    // value as it stands in the URI, e.g. "red,green"); nullopt if it does not
    // match. Variables the URI leaves out are absent.
    std::optional<QHash<QString, QString>> match(const QString &uri) const;

private:
    bool compile();
    bool fail(const QString &why);

    QString m_pattern;
    QString m_error;
    QStringList m_names; // each variable once, in order of appearance
    QRegularExpression m_regex;
    QStringList m_groupNames; // capture group n (1-based) holds variable m_groupNames[n - 1]
};

} // namespace mcppm
