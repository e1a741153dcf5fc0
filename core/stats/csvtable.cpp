#include "stats/csvtable.h"

#include <QSaveFile>

namespace mcppm {

CsvTable::CsvTable(const QStringList &header)
    : m_header(header)
{ }

void CsvTable::addRow(const QStringList &fields)
{
    QStringList row = fields.mid(0, m_header.size());
    while (row.size() < m_header.size())
        row.append(QString());
    m_rows.append(row);
}

QString CsvTable::field(const QString &value)
{
    QString v = value;
    bool quote = false;
    static const QString formulaStarts = QStringLiteral("=+-@");
    if (!v.isEmpty() && formulaStarts.contains(v.front())) {
        // A number like -1.5 is data, not a formula.
        bool isNumber = false;
        v.toDouble(&isNumber);
        if (!isNumber) {
            v.prepend(QLatin1Char('\''));
            quote = true;
        }
    }
    if (v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('"'))
        || v.contains(QLatin1Char('\r')) || v.contains(QLatin1Char('\n')))
        quote = true;
    if (!quote)
        return v;
    v.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + v + QLatin1Char('"');
}

QByteArray CsvTable::toUtf8() const
{
    QByteArray out;
    auto writeRow = [&out](const QStringList &row) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (i)
                out += ',';
            out += field(row.at(i)).toUtf8();
        }
        out += "\r\n";
    };
    writeRow(m_header);
    for (const QStringList &row : m_rows)
        writeRow(row);
    return out;
}

bool CsvTable::save(const QString &path, QString *error) const
{
    QSaveFile file(path);
    // Owner only (0600), also when an existing file was more open: what is
    // written may name servers, hosts and secrets' references.
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(toUtf8());
    if (!file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace mcppm
