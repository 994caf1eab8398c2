#pragma once

#include "testsupport.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace CrmTest {

// A real crm-server process on 127.0.0.1 with a fresh database: an encrypted SQLite file in a
// temporary folder, or a new database on the PostgreSQL that scripts/test started, depending on
// CRM_TEST_BACKEND ("sqlite" by default, or "postgres").
class ServerProcess
{
public:
    struct Reply
    {
        int status = 0;
        QJsonObject json;
        QJsonValue body; // when the body is not an object (e.g. an array)
        QByteArray raw;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray header(const QByteArray &name) const;
    };

    ServerProcess();
    ~ServerProcess();

    static QString backend();
    // False (with a reason) when the backend cannot be used here.
    bool prepare(QString *whyNot);
    // prepare() as a suite's verdict: PostgreSQL missing skips the suite unless
    // CRM_REQUIRE_POSTGRES says scripts/test provides one; anything else fails it.
    // In initTestCase: CRM_REQUIRE_READY(m_server.readiness());
    Readiness readiness();
    bool start(const QStringList &extraArgs = {});
    // Environment for the next start(), e.g. CRM_REFRESH_REUSE_GRACE.
    void setEnvironment(const QString &name, const QString &value) { m_env.insert(name, value); }
    void stop(); // SIGTERM, and wait
    void kill();
    bool isRunning() const;
    qint64 processId() const;
    // The audit chain's key file of this server (CRM_AUDIT_KEY_FILE), in a folder of its own.
    QString auditKeyPath() const;

    QString dbSpec() const { return m_dbSpec; }
    QUrl baseUrl() const { return m_baseUrl; }
    QString serverLog() const;

    // `crm-server user add` against this database; returns the new user's id.
    QString addUser(const QString &email,
                    const QString &name,
                    const QString &role,
                    const QString &password = QStringLiteral("secret-password"),
                    int weight = 1,
                    const QString &territories = QString());
    // Runs crm-server with args against this database; returns the exit code.
    int runCommand(const QStringList &args,
                   QByteArray *output = nullptr,
                   const QByteArray &input = {});

    Reply request(const QByteArray &method,
                  const QString &path,
                  const QJsonValue &body = QJsonValue(QJsonValue::Undefined),
                  const QString &token = QString(),
                  const QList<QPair<QByteArray, QByteArray>> &headers = {});
    Reply requestRaw(const QByteArray &method,
                     const QString &path,
                     const QByteArray &body,
                     const QString &token = QString(),
                     const QByteArray &contentType = QByteArrayLiteral("application/json"),
                     const QList<QPair<QByteArray, QByteArray>> &headers = {});
    // Runs SQL straight on the server's database (for checks a client cannot make: the change
    // log, the audit log). Returns the rows, or an empty list and a warning on error.
    QList<QVariantList> sql(const QString &statement);

    // The lead the public contact form made (or matched) for this e-mail address, read from the
    // database because the form's answer reveals nothing: {id, assignedAgentId (null when
    // unassigned), status, version}; empty when there is none.
    QJsonObject contactFormLead(const QString &email);
    // Posts the public contact form (no token), checks its one answer (202 {"received": true})
    // and returns contactFormLead() of the form's e-mail; empty, with a warning, otherwise.
    QJsonObject submitContactForm(const QJsonObject &form);
    // A lead through the contact form, as a visitor would send it: first.last@example.com
    // (lower case) and `phone`. Its id; empty on failure.
    QString addContactFormLead(const QString &firstName,
                               const QString &lastName,
                               const QString &phone);
    // The provider works Monday to Friday 09:00-17:00 UTC (the scheduling suites run in UTC),
    // put through the API with `token` (the provider's or an admin's). Whether it took.
    bool setWeekdayHoursUtc(const QString &providerId, const QString &token);

    // Logs in and returns the access token (empty on failure).
    QString login(const QString &email, const QString &password = QStringLiteral("secret-password"));

private:
    QTemporaryDir m_dir;
    QString m_dbSpec;
    QString m_pgDatabase;
    QUrl m_baseUrl;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_log;
    QProcessEnvironment m_env;
};

} // namespace CrmTest
