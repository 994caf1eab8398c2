#pragma once

#include <QCoreApplication>

namespace Crm {

// The crm-sync command line: sync, status, export (one cycle of the same engine the desktop
// app uses, over the same cache format). Lives in the library so app/syncmain.cpp stays thin.
//
// Exit codes: 0 in step with the server; 1 a failure (message on stderr); 2 bad usage;
// 3 sign-in needed (run again with --password-stdin).
class SyncCli final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::SyncCli)

public:
    static int run(QCoreApplication &app);
};

} // namespace Crm
