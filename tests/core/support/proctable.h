#pragma once

#include <QList>
#include <QtGlobal>

// The processes of this machine as /proc shows them now (Linux): for tests
// that check which children run, which died and which are left over.
class ProcTable final
{
public:
    struct Process
    {
        qint64 pid = 0;
        char state = '?'; // 'Z' for a zombie (dead, not reaped)
        qint64 ppid = 0;
        qint64 pgrp = 0;
    };

    static QList<Process> all();
    static bool alive(qint64 pid); // running (not a zombie)
    static int liveInGroup(qint64 pgid); // live processes of process group pgid
    static QList<qint64> childrenOf(qint64 parent); // live ones
};
