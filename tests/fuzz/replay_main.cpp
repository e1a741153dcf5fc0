// A main() for the libFuzzer targets without libFuzzer: the normal (gcc) test
// build links every tests/fuzz/fuzz_<name>.cpp with this file into
// fuzz_replay_<name>, and ctest runs it over the inputs that once crashed
// (tests/fuzz/crashes/<name>-* and tests/fuzz/crashes/<name>/*) and the seeds
// (tests/fuzz/corpus/<name>/). An input that still fails aborts the run.
//   fuzz_replay_<name> CRASHES_DIR NAME [DIR_OR_FILE...]

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

namespace {

QStringList filesIn(const QString &dir, const QString &prefix = {})
{
    QStringList files;
    const QFileInfoList entries
        = QDir(dir).entryInfoList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &entry : entries) {
        if (prefix.isEmpty() || entry.fileName().startsWith(prefix))
            files.append(entry.filePath());
    }
    return files;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s CRASHES_DIR NAME [DIR_OR_FILE...]\n", argv[0]);
        return 2;
    }
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    const QString crashes = QString::fromLocal8Bit(argv[1]);
    const QString name = QString::fromLocal8Bit(argv[2]);
    QStringList files = filesIn(crashes, name + QLatin1Char('-'));
    files += filesIn(crashes + QLatin1Char('/') + name);
    const int crashCount = int(files.size());
    for (int i = 3; i < argc; ++i) {
        const QString path = QString::fromLocal8Bit(argv[i]);
        if (QFileInfo(path).isDir())
            files += filesIn(path);
        else
            files.append(path);
    }
    for (const QString &path : std::as_const(files)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
            return 1;
        }
        const QByteArray data = file.readAll();
        std::fprintf(stderr, "replaying %s (%lld bytes)\n", qPrintable(path),
                     static_cast<long long>(data.size()));
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(data.constData()),
                               size_t(data.size()));
    }
    std::fprintf(stderr, "%s: %lld inputs replayed (%d from crashes), all passed\n",
                 qPrintable(name), static_cast<long long>(files.size()), crashCount);
    return files.isEmpty() ? 1 : 0;
}
