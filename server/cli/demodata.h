#pragma once

#include <QCoreApplication>
#include <QTextStream>

namespace Crm {

class ServerDatabase;

// `crm-server demo-data`: one admin and four agents with known passwords, and a few hundred
// leads across statuses and sources with realistic histories, so the desktop app has
// something real to show. Written through the same repositories, history and change log as
// live traffic, so clients sync it like any other data. Running it again changes nothing.
class DemoData final
{
    Q_DECLARE_TR_FUNCTIONS(Crm::DemoData)

public:
    struct Options
    {
        int leads = 320;
        // When set, every lead goes to this demo agent (benchmarks of one agent's sync).
        QString onlyAgentEmail;
    };
    static QString adminEmail() { return QStringLiteral("admin@demo.agentcrm.test"); }
    static QString adminPassword() { return QStringLiteral("demo-admin-2026"); }
    static QString agentPassword() { return QStringLiteral("demo-agent-2026"); }

    static bool fill(ServerDatabase &database,
                     const Options &options,
                     QTextStream &out,
                     QTextStream &err);
};

} // namespace Crm
