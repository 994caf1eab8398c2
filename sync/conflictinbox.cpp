#include "conflictinbox.h"

#include "domain/ids.h"
#include "synclogging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace Crm {

namespace {

QString stored(const QJsonValue &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
}

} // namespace

ConflictInbox::ConflictInbox(QSqlDatabase db)
    : m_db(std::move(db))
{}

Status ConflictInbox::addConflict(const QString &mutationId,
                                  const QString &entity,
                                  const QString &entityId,
                                  const QString &field,
                                  const QJsonValue &mine,
                                  const QJsonValue &theirs,
                                  qint64 createdAt)
{
    return add(QStringLiteral("conflict"),
               mutationId,
               entity,
               entityId,
               field,
               stored(mine),
               stored(theirs),
               QString(),
               createdAt);
}

Status ConflictInbox::addRejection(const QString &mutationId,
                                   const QString &entity,
                                   const QString &entityId,
                                   const QString &reason,
                                   qint64 createdAt,
                                   const QJsonObject &details)
{
    return add(QStringLiteral("rejected"),
               mutationId,
               entity,
               entityId,
               QString(),
               QString(),
               QString(),
               reason,
               createdAt,
               details);
}

Status ConflictInbox::add(const QString &kind,
                          const QString &mutationId,
                          const QString &entity,
                          const QString &entityId,
                          const QString &field,
                          const QString &mine,
                          const QString &theirs,
                          const QString &reason,
                          qint64 createdAt,
                          const QJsonObject &details)
{
    QSqlQuery conflict(m_db);
    conflict.prepare(QStringLiteral(
        "INSERT INTO conflicts (id, kind, mutationId, entity, entityId, field, mine, theirs,"
        " reason, createdAt, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    conflict.addBindValue(Ids::create());
    conflict.addBindValue(kind);
    conflict.addBindValue(mutationId);
    conflict.addBindValue(entity);
    conflict.addBindValue(entityId);
    conflict.addBindValue(field);
    conflict.addBindValue(mine);
    conflict.addBindValue(theirs);
    conflict.addBindValue(reason);
    conflict.addBindValue(createdAt);
    conflict.addBindValue(
        details.isEmpty()
            ? QVariant(QMetaType(QMetaType::QString))
            : QVariant(QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact))));
    if (!conflict.exec()) {
        qCWarning(lcSync) << "Adding to the conflict inbox failed:" << conflict.lastError().text();
        return Error{QStringLiteral("cache_failed"), conflict.lastError().text()};
    }
    return {};
}

int ConflictInbox::openCount() const
{
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("SELECT count(*) FROM conflicts WHERE resolvedAt IS NULL"))
        && query.next())
        return query.value(0).toInt();
    return 0;
}

} // namespace Crm
