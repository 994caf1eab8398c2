#include "enrollmentservice.h"

#include "domain/enrollment.h"
#include "domain/ids.h"

#include "http/apiserver.h"
#include "leads/leadhistory.h"
#include "leads/leadrecords.h"
#include "leads/leadrepository.h"
#include "storage/writetransaction.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

namespace {

QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

} // namespace

Result<QJsonObject> EnrollmentService::convertIn(WriteTransaction &tx,
                                                 const AuthUser &user,
                                                 const Lead &lead,
                                                 Details details,
                                                 const QString &remote)
{
    const Enrollment entered = Enrollment{details.plan, details.effectiveDate, details.notes}
                                   .normalized();
    ValidationErrors errors;
    if (!details.id.isEmpty() && !Ids::isValid(details.id))
        errors.add(QStringLiteral("id"), tr("The id must be a lower-case UUID."));
    const ValidationErrors fieldErrors = entered.validate();
    for (const QString &field : fieldErrors.fields())
        errors.add(field, fieldErrors.message(field));
    if (!errors.isEmpty())
        return errors.toError();
    const QString &plan = entered.plan;
    const QString &effectiveDate = entered.effectiveDate;

    // canTransition() treats staying put as an allowed no-op; converting twice is not.
    if (lead.status == LeadStatus::Enrolled
        || !LeadStatusMachine::canTransition(lead.status, LeadStatus::Enrolled))
        return LeadStatusMachine::refusal(lead.status, LeadStatus::Enrolled);

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString id = details.id.isEmpty() ? Ids::create() : details.id;
    if (!details.id.isEmpty()) {
        // A client-minted id another enrollment already has is the client's mistake, not a
        // constraint failure for the log.
        QSqlQuery taken(tx.db());
        taken.prepare(QStringLiteral("SELECT 1 FROM enrollments WHERE id = ?"));
        taken.addBindValue(id);
        if (!taken.exec())
            return Error{QStringLiteral("enrollment_failed"), taken.lastError().text()};
        if (taken.next())
            return ValidationErrors::single(QStringLiteral("id"), tr("This id is already used."));
    }
    QSqlQuery insert(tx.db());
    insert.prepare(QStringLiteral("INSERT INTO enrollments (") + LeadRecords::enrollmentColumns()
                   + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(id);
    insert.addBindValue(lead.id);
    insert.addBindValue(lead.assignedAgentId.isEmpty() ? user.id : lead.assignedAgentId);
    insert.addBindValue(nullableText(plan));
    insert.addBindValue(nullableText(effectiveDate));
    insert.addBindValue(nullableText(entered.notes));
    insert.addBindValue(now);
    if (!insert.exec())
        return Error{QStringLiteral("enrollment_failed"), insert.lastError().text()};

    Lead enrolled = lead;
    enrolled.status = LeadStatus::Enrolled;
    const Result<Lead> saved = LeadRepository::save(tx, enrolled, now);
    if (!saved.ok())
        return saved.error();
    enrolled = saved.value();
    const QString audience = LeadRepository::audience(enrolled);

    // Read back, so the answer and the change log carry exactly what is stored.
    QSqlQuery stored(tx.db());
    stored.prepare(QStringLiteral("SELECT ") + LeadRecords::enrollmentColumns()
                   + QStringLiteral(" FROM enrollments WHERE id = ?"));
    stored.addBindValue(id);
    if (!stored.exec() || !stored.next())
        return Error{QStringLiteral("enrollment_failed"), stored.lastError().text()};
    const QJsonObject enrollment = LeadRecords::enrollmentJson(stored);
    if (const Status logged = tx.logChange(QStringLiteral("enrollment"),
                                           id,
                                           QStringLiteral("upsert"),
                                           1,
                                           audience,
                                           enrollment);
        !logged.ok())
        return logged.error();

    const auto recorded = LeadHistory::addSystem(tx,
                                                 enrolled,
                                                 user.id,
                                                 HistoryEntry::enrolled(plan, effectiveDate));
    if (!recorded.ok())
        return recorded.error();
    tx.audit({now,
              user.id,
              QStringLiteral("lead.convert"),
              QStringLiteral("lead"),
              enrolled.id,
              remote,
              QStringLiteral("enrollment ") + id});
    return enrollment;
}

} // namespace Crm
