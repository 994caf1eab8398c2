#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace Crm {

// The crm-server command line: serve, user add, demo-data, audit verify (API.md, "Server
// command line"). Lives in the library so app/servermain.cpp stays a thin entry point.
class ServerCli final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::ServerCli)

public:
    static int run(QCoreApplication &app);
};

} // namespace Crm
