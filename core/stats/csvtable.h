#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace mcppm {

// A table written as CSV by RFC 4180: a header row, CRLF line ends, and
// fields quoted (with doubled quotes) when they hold a comma, a quote, CR or
// LF. Fields starting with = + - @ are prefixed with ' inside quotes so that a
// spreadsheet does not run them as formulas (server names and errors come from
// the network).
class CsvTable
{
public:
    explicit CsvTable(const QStringList &header);

    void addRow(const QStringList &fields); // padded or cut to the header's width
    int rowCount() const { return int(m_rows.size()); }
    const QStringList &header() const { return m_header; }

    QByteArray toUtf8() const;
    // Written atomically (QSaveFile); false with a reason on failure.
    bool save(const QString &path, QString *error = nullptr) const;

    static QString field(const QString &value);

private:
    QStringList m_header;
    QList<QStringList> m_rows;
};

} // namespace mcppm
