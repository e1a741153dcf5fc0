#include "proctable.h"

#include <QDir>
#include <QFile>
#include <QStringList>

QList<ProcTable::Process> ProcTable::all()
{
    QList<Process> list;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool number = false;
        const qint64 pid = entry.toLongLong(&number);
        if (!number)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        const qsizetype paren = text.lastIndexOf(')'); // the name may hold spaces and ')'
        if (paren < 0)
            continue;
        // After the name: state ppid pgrp ...
        const QList<QByteArray> fields = text.mid(paren + 2).split(' ');
        if (fields.size() < 3)
            continue;
        list.append({pid, fields.at(0).isEmpty() ? '?' : fields.at(0).at(0),
                     fields.at(1).toLongLong(), fields.at(2).toLongLong()});
    }
    return list;
}

bool ProcTable::alive(qint64 pid)
{
    for (const Process &p : all()) {
        if (p.pid == pid)
            return p.state != 'Z';
    }
    return false;
}

int ProcTable::liveInGroup(qint64 pgid)
{
    int n = 0;
    for (const Process &p : all())
        n += p.pgrp == pgid && p.state != 'Z' ? 1 : 0;
    return n;
}

QList<qint64> ProcTable::childrenOf(qint64 parent)
{
    QList<qint64> list;
    for (const Process &p : all()) {
        if (p.ppid == parent && p.state != 'Z')
            list << p.pid;
    }
    return list;
}
