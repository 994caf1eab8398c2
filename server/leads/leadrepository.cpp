#include "leadrepository.h"

#include "serverlogging.h"
#include "storage/writetransaction.h"

#include <QDateTime>
#include "store/leadrow.h"
#include "store/sharedtables.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

namespace {

QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

// A lead's data columns, firstName to firstContactAt, in columns() order.
void bindData(QSqlQuery &query, const Lead &lead)
{
    query.addBindValue(lead.firstName);
    query.addBindValue(lead.lastName);
    query.addBindValue(lead.email);
    query.addBindValue(lead.phone);
    query.addBindValue(nullableText(lead.message));
    query.addBindValue(LeadSourceNames::toString(lead.source));
    query.addBindValue(LeadStatusMachine::toString(lead.status));
    query.addBindValue(nullableText(lead.assignedAgentId));
    query.addBindValue(nullableText(lead.state));
    query.addBindValue(lead.smsOptIn ? 1 : 0);
    query.addBindValue(lead.firstContactAt ? QVariant(*lead.firstContactAt)
                                           : QVariant(QMetaType(QMetaType::LongLong)));
}

} // namespace

QString LeadRepository::columns()
{
    return SharedTables::leads().selectList();
}

Lead LeadRepository::read(const QSqlQuery &query, int offset)
{
    return LeadRow::read(query, offset);
}

std::optional<Lead> LeadRepository::find(const QSqlDatabase &db, const QString &id)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT ") + columns()
                  + QStringLiteral(" FROM leads WHERE id = ? AND deletedAt IS NULL"));
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return read(query);
}

bool LeadRepository::canSee(const AuthUser &user, const Lead &lead)
{
    return user.isAdmin() || (!lead.assignedAgentId.isEmpty() && lead.assignedAgentId == user.id);
}

std::optional<Lead> LeadRepository::findVisible(const QSqlDatabase &db,
                                                const AuthUser &user,
                                                const QString &id)
{
    std::optional<Lead> lead = find(db, id);
    if (!lead || !canSee(user, *lead))
        return std::nullopt;
    return lead;
}

Status LeadRepository::insert(WriteTransaction &tx, const Lead &lead)
{
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral("INSERT INTO leads (") + columns() + QStringLiteral(") VALUES (")
                  + SharedTables::leads().placeholders() + QLatin1Char(')'));
    query.addBindValue(lead.id);
    bindData(query, lead);
    query.addBindValue(lead.createdAt);
    query.addBindValue(lead.updatedAt);
    query.addBindValue(lead.version);
    query.addBindValue(nullableText(lead.preferredLanguage));
    if (!query.exec()) {
        qCWarning(lcServer) << "Lead insert failed:" << lead.id << query.lastError().text();
        return Error{QStringLiteral("lead_write_failed"), query.lastError().text()};
    }
    return {};
}

Status LeadRepository::publish(WriteTransaction &tx, const Lead &lead)
{
    return tx.logChange(QStringLiteral("lead"),
                        lead.id,
                        QStringLiteral("upsert"),
                        lead.version,
                        audience(lead),
                        lead.toJson());
}

Result<Lead> LeadRepository::save(WriteTransaction &tx, Lead lead, qint64 updatedAt)
{
    lead.updatedAt = updatedAt ? updatedAt : QDateTime::currentMSecsSinceEpoch();
    lead.version += 1;
    QSqlQuery query(tx.db());
    query.prepare(QStringLiteral(
        "UPDATE leads SET firstName = ?, lastName = ?, email = ?, phone = ?, message = ?,"
        " source = ?, status = ?, assignedAgentId = ?, state = ?, smsOptIn = ?,"
        " firstContactAt = ?, updatedAt = ?, version = ?, preferredLanguage = ? WHERE id = ?"));
    bindData(query, lead);
    query.addBindValue(lead.updatedAt);
    query.addBindValue(lead.version);
    query.addBindValue(nullableText(lead.preferredLanguage));
    query.addBindValue(lead.id);
    if (!query.exec()) {
        qCWarning(lcServer) << "Lead update failed:" << lead.id << query.lastError().text();
        return Error{QStringLiteral("lead_write_failed"), query.lastError().text()};
    }
    if (const Status logged = publish(tx, lead); !logged.ok())
        return logged.error();
    return lead;
}

QString LeadRepository::audience(const Lead &lead)
{
    return lead.assignedAgentId.isEmpty() ? QStringLiteral("-") : lead.assignedAgentId;
}

} // namespace Crm
