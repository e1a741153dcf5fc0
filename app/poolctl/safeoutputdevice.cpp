#include "safeoutputdevice.h"

#include "net/safetext.h"

namespace mcppm::poolctl {

SafeOutputDevice::SafeOutputDevice(FILE *file, QObject *parent)
    : QIODevice(parent)
    , m_file(file)
{ }

qint64 SafeOutputDevice::readData(char *, qint64)
{
    return -1;
}

qint64 SafeOutputDevice::writeData(const char *data, qint64 size)
{
    QByteArray bytes = m_partial + QByteArray(data, size);
    m_partial.clear();
    // Keep a UTF-8 sequence cut at the end of this write for the next one.
    qsizetype cut = bytes.size();
    for (qsizetype back = 1; back <= 3 && back <= bytes.size(); ++back) {
        const uchar c = uchar(bytes.at(bytes.size() - back));
        if ((c & 0xc0) != 0x80) { // the lead byte (or ASCII) of the last sequence
            const int need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
            if (need > back)
                cut = bytes.size() - back;
            break;
        }
    }
    m_partial = bytes.mid(cut);
    bytes.truncate(cut);
    const QByteArray safe
        = SafeText::escape(QString::fromUtf8(bytes), SafeText::Mode::MultiLine).toUtf8();
    if (!safe.isEmpty())
        std::fwrite(safe.constData(), 1, size_t(safe.size()), m_file);
    std::fflush(m_file);
    return size;
}

} // namespace mcppm::poolctl
