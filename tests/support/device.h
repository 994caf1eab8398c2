#pragma once

#include "domain/result.h"
#include "store/localdatabase.h"

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>

namespace CrmTest {

// What a run of crm-sync printed and how it ended (-9: killed or timed out).
struct ProgramRun
{
    int exitCode = -1;
    QString output;
};

// Runs crm-sync with `args` while this thread's event loop keeps going (a FaultProxy living on
// it keeps relaying); killWhen, when given, SIGKILLs it as soon as its output satisfies it.
ProgramRun runCrmSync(const QStringList &args,
                      const QByteArray &input = {},
                      int timeoutMs = 120000,
                      const QProcessEnvironment &extraEnv = {},
                      const std::function<bool(const QString &)> &killWhen = {});

// One device of one user, in the manner of the Nextcloud desktop client's FakeFolder: its own
// data folder holding the encrypted cache, the real crm-sync as its sync engine, the account
// (server URL and e-mail) and its keychain entries. Put a FaultProxy's url() as the server to
// give the device a network that fails on purpose. Several Devices of one e-mail are one
// user's laptop and tablet.
struct Device
{
    QString email;
    QString server;
    QTemporaryDir dir;
    QString password = QStringLiteral("secret-password");

    QStringList args(const QStringList &command) const; // --server … --data-dir … command
    // `crm-sync sync`; withPassword signs in (the password on stdin) instead of using the
    // keychain's refresh token.
    ProgramRun sync(bool withPassword = false);
    QJsonObject status() const; // `crm-sync status --json`
    Crm::Result<Crm::LocalDatabase> open() const; // the cache, as the desktop opens it
    QStringList column(const QString &sql) const; // the first column of a query on the cache
    QStringList leadIds() const;                  // the leads in the cache, sorted
};

} // namespace CrmTest
