#include "serverprocess.h"

#include "domain/availability.h"

#include "testsupport.h"

#include "store/localdatabase.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTimer>
#include <QUuid>

#include <signal.h>

namespace CrmTest {

namespace {

QNetworkAccessManager &network()
{
    thread_local QNetworkAccessManager manager;
    return manager;
}

bool adminExec(const QString &sql, QString *error)
{
    const QUrl admin(qEnvironmentVariable("CRM_TEST_POSTGRES_URL"));
    const QString name = QStringLiteral("pg-admin-") + QUuid::createUuid().toString();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(admin.host());
        db.setPort(admin.port(5432));
        db.setUserName(admin.userName());
        db.setPassword(admin.password());
        db.setDatabaseName(admin.path().mid(1));
        if (db.open()) {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok && error)
                *error = query.lastError().text();
        } else if (error) {
            *error = db.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

QByteArray ServerProcess::Reply::header(const QByteArray &name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

ServerProcess::ServerProcess() = default;

ServerProcess::~ServerProcess()
{
    stop();
    if (!m_pgDatabase.isEmpty())
        adminExec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(m_pgDatabase), nullptr);
}

QString ServerProcess::backend()
{
    const QString value = qEnvironmentVariable("CRM_TEST_BACKEND");
    return value.isEmpty() ? QStringLiteral("sqlite") : value;
}

Readiness ServerProcess::readiness()
{
    QString whyNot;
    if (prepare(&whyNot))
        return {};
    const bool optional = backend() == QLatin1String("postgres")
                          && qEnvironmentVariableIntValue("CRM_REQUIRE_POSTGRES") == 0;
    return {optional ? Readiness::Skip : Readiness::Fail, whyNot};
}

bool ServerProcess::prepare(QString *whyNot)
{
    if (backend() == QLatin1String("postgres")) {
        const QString admin = qEnvironmentVariable("CRM_TEST_POSTGRES_URL");
        if (admin.isEmpty()) {
            *whyNot = QStringLiteral("CRM_TEST_POSTGRES_URL is not set; scripts/test starts a "
                                     "PostgreSQL and sets it");
            return false;
        }
        m_pgDatabase = QStringLiteral("crm_test_")
                       + QUuid::createUuid().toString(QUuid::Id128).left(16);
        QString error;
        if (!adminExec(QStringLiteral("CREATE DATABASE %1").arg(m_pgDatabase), &error)) {
            *whyNot = QStringLiteral("cannot create a PostgreSQL database: ") + error;
            m_pgDatabase.clear();
            return false;
        }
        QUrl url(admin);
        url.setPath(QLatin1Char('/') + m_pgDatabase);
        m_dbSpec = url.toString();
        return true;
    }
    m_dbSpec = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("server.db"));
    return true;
}

bool ServerProcess::start(const QStringList &extraArgs)
{
    if (m_dbSpec.isEmpty()) {
        QString whyNot;
        if (!prepare(&whyNot)) {
            qWarning() << whyNot;
            return false;
        }
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("crm.server.info=true"));
    for (const QString &key : m_env.keys())
        env.insert(key, m_env.value(key));
    env.insert(QStringLiteral("CRM_AUDIT_KEY_FILE"), auditKeyPath());
    m_process->setProcessEnvironment(env);
    QStringList args{QStringLiteral("serve"),
                     QStringLiteral("--db"),
                     m_dbSpec,
                     QStringLiteral("--listen"),
                     QStringLiteral("127.0.0.1:0"),
                     QStringLiteral("--contact-form-rate"),
                     QStringLiteral("100000")};
    // A later --contact-form-rate wins over the default above.
    args << extraArgs;
    m_process->start(programPath(QStringLiteral("crm-server")), args);
    if (!m_process->waitForStarted(10000))
        return false;
    static const QRegularExpression listening(QStringLiteral("listening on (http://[0-9.:]+)"));
    // The log keeps earlier runs' output (restarts); look only at this run's.
    const qsizetype runStart = m_log.size();
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        if (!m_process->waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            break;
        m_log += m_process->readAll();
        const QRegularExpressionMatch match = listening.match(
            QString::fromUtf8(m_log.mid(runStart)));
        if (match.hasMatch()) {
            m_baseUrl = QUrl(match.captured(1));
            // Keep draining the log so the server never blocks on a full pipe.
            QObject::connect(m_process.get(), &QProcess::readyRead, m_process.get(), [this] {
                m_log += m_process->readAll();
            });
            return true;
        }
    }
    qWarning().noquote() << "crm-server did not start:" << m_log;
    return false;
}

void ServerProcess::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(m_process->processId()), SIGTERM);
    if (!m_process->waitForFinished(30000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    m_log += m_process->readAll();
}

void ServerProcess::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
}

bool ServerProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QString ServerProcess::auditKeyPath() const
{
    return m_dir.filePath(QStringLiteral("config/audit.key"));
}

qint64 ServerProcess::processId() const
{
    return m_process ? m_process->processId() : 0;
}

QString ServerProcess::serverLog() const
{
    return QString::fromUtf8(m_log);
}

int ServerProcess::runCommand(const QStringList &args, QByteArray *output, const QByteArray &input)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CRM_AUDIT_KEY_FILE"), auditKeyPath());
    process.setProcessEnvironment(env);
    process.start(programPath(QStringLiteral("crm-server")),
                  args + QStringList{QStringLiteral("--db"), m_dbSpec});
    process.waitForStarted(10000);
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(120000);
    if (output)
        *output = process.readAll();
    return process.exitCode();
}

QString ServerProcess::addUser(const QString &email,
                               const QString &name,
                               const QString &role,
                               const QString &password,
                               int weight,
                               const QString &territories)
{
    if (m_dbSpec.isEmpty()) {
        QString whyNot;
        if (!prepare(&whyNot))
            return {};
    }
    QStringList args{QStringLiteral("user"),
                     QStringLiteral("add"),
                     QStringLiteral("--email"),
                     email,
                     QStringLiteral("--name"),
                     name,
                     QStringLiteral("--role"),
                     role,
                     QStringLiteral("--weight"),
                     QString::number(weight)};
    if (!territories.isEmpty())
        args << QStringLiteral("--territories") << territories;
    QByteArray output;
    if (runCommand(args, &output, password.toUtf8() + '\n') != 0) {
        qWarning().noquote() << "user add failed:" << output;
        return {};
    }
    static const QRegularExpression id(QStringLiteral("\\(([0-9a-f-]{36})\\)"));
    return id.match(QString::fromUtf8(output)).captured(1);
}

ServerProcess::Reply ServerProcess::requestRaw(const QByteArray &method,
                                               const QString &path,
                                               const QByteArray &body,
                                               const QString &token,
                                               const QByteArray &contentType,
                                               const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(m_baseUrl.resolved(QUrl(path)));
    if (!body.isEmpty() && !contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    request.setTransferTimeout(60000);
    QNetworkReply *reply = network().sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.raw = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    const QJsonDocument document = QJsonDocument::fromJson(result.raw);
    result.json = document.object();
    result.body = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    reply->deleteLater();
    return result;
}

ServerProcess::Reply ServerProcess::request(const QByteArray &method,
                                            const QString &path,
                                            const QJsonValue &body,
                                            const QString &token,
                                            const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray data;
    if (body.isObject())
        data = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        data = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    return requestRaw(method, path, data, token, QByteArrayLiteral("application/json"), headers);
}

QList<QVariantList> ServerProcess::sql(const QString &statement)
{
    QList<QVariantList> rows;
    auto collect = [&](QSqlDatabase db) {
        QSqlQuery query(db);
        if (!query.exec(statement)) {
            qWarning() << statement << query.lastError().text();
            return;
        }
        while (query.next()) {
            QVariantList row;
            for (int i = 0; i < query.record().count(); ++i)
                row << query.value(i);
            rows << row;
        }
    };
    if (m_dbSpec.startsWith(QLatin1String("sqlite:"))) {
        const QString path = m_dbSpec.mid(7);
        QFile keyFile(path + QStringLiteral(".key"));
        keyFile.open(QIODevice::ReadOnly);
        Crm::LocalDatabase::Options options;
        options.migrate = false;
        options.create = false;
        auto db = Crm::LocalDatabase::open(path,
                                           QByteArray::fromHex(keyFile.readAll().trimmed()),
                                           options);
        if (!db.ok()) {
            qWarning() << db.error().message;
            return rows;
        }
        collect(db.value().database());
        return rows;
    }
    const QUrl url(m_dbSpec);
    const QString name = QStringLiteral("pg-check-") + QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        if (db.open())
            collect(db);
        else
            qWarning() << db.lastError().text();
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

QJsonObject ServerProcess::contactFormLead(const QString &email)
{
    QString quoted = email.toLower();
    quoted.replace(QLatin1Char('\''), QLatin1String("''"));
    const QList<QVariantList> rows = sql(
        QStringLiteral("SELECT id, assignedAgentId, status, version FROM leads WHERE email = '%1'"
                       " ORDER BY createdAt LIMIT 1")
            .arg(quoted));
    if (rows.isEmpty())
        return {};
    const QVariantList &row = rows.first();
    return {{QStringLiteral("id"), row.value(0).toString()},
            {QStringLiteral("assignedAgentId"),
             row.value(1).isNull() || row.value(1).toString().isEmpty()
                 ? QJsonValue()
                 : QJsonValue(row.value(1).toString())},
            {QStringLiteral("status"), row.value(2).toString()},
            {QStringLiteral("version"), row.value(3).toLongLong()}};
}

QJsonObject ServerProcess::submitContactForm(const QJsonObject &form)
{
    const Reply reply = request("POST", QStringLiteral("/api/leads"), form);
    if (reply.status != 202 || reply.json != QJsonObject{{QStringLiteral("received"), true}}) {
        qWarning().noquote() << "contact form answered" << reply.status << reply.raw;
        return {};
    }
    return contactFormLead(form.value(QStringLiteral("email")).toString());
}

QString ServerProcess::login(const QString &email, const QString &password)
{
    const Reply reply = request("POST",
                                QStringLiteral("/api/auth/login"),
                                QJsonObject{{QStringLiteral("email"), email},
                                            {QStringLiteral("password"), password}});
    if (reply.status != 200)
        qWarning().noquote() << "login of" << email << "failed:" << reply.status << reply.raw;
    return reply.json.value(QStringLiteral("accessToken")).toString();
}

QString ServerProcess::addContactFormLead(const QString &firstName,
                                         const QString &lastName,
                                         const QString &phone)
{
    const QString email = QStringLiteral("%1.%2@example.com").arg(firstName, lastName).toLower();
    return submitContactForm({{QStringLiteral("firstName"), firstName},
                              {QStringLiteral("lastName"), lastName},
                              {QStringLiteral("email"), email},
                              {QStringLiteral("phone"), phone}})
        .value(QStringLiteral("id"))
        .toString();
}

bool ServerProcess::setWeekdayHoursUtc(const QString &providerId, const QString &token)
{
    const Reply put = request("PUT",
                              QStringLiteral("/api/providers/%1/availability").arg(providerId),
                              Crm::Availability::defaults(QStringLiteral("UTC")).toJson(),
                              token);
    if (put.status != 200)
        qWarning().noquote() << "The provider's hours were refused:" << put.raw;
    return put.status == 200;
}

} // namespace CrmTest
