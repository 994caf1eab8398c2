#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Crm {

// What a column holds, as both databases store it: text as TEXT, everything else as BIGINT
// (SQLite and PostgreSQL alike; DESIGN.md "Time"). Boolean is 0/1, Time is UTC epoch ms.
enum class ColumnType { Text, Integer, Boolean, Time };

struct ColumnDefinition
{
    QString name;
    ColumnType type = ColumnType::Text;
    bool nullable = false;
    bool primaryKey = false;
    QString defaultValue; // an SQL literal ("1", "'UTC'"), empty for none
    QString check;        // an SQL condition on this column, empty for none
    // Part of the record the API and sync send; false for bookkeeping (deletedAt).
    bool onWire = true;

    // "weight BIGINT NOT NULL DEFAULT 1 CHECK (weight BETWEEN 0 AND 100)"
    QString sql() const;
    static QString sqlType(ColumnType type);
};

// One table as both the server and the cache hold it (SharedTables lists them): its columns
// in their order, and the sync entity its rows travel as. Each side adds its own extras
// (the server's password hash, the cache's cascading deletes) around it.
class TableDefinition final
{
public:
    TableDefinition(QString name, QString entity, QList<ColumnDefinition> columns);

    const QString &name() const { return m_name; }
    const QString &entity() const { return m_entity; } // SyncProtocol::Entity
    const QList<ColumnDefinition> &columns() const { return m_columns; }
    const ColumnDefinition *column(const QString &name) const;

    // The record's columns (onWire), in order: what the API sends and the cache stores.
    QStringList wireColumns() const;
    // "id, leadId, ..." and "?, ?, ...": the wire columns for a SELECT or an INSERT, in the
    // order the readers (LeadRepository::read...) expect.
    QString selectList() const;
    QString placeholders() const;

    // CREATE TABLE for this table under `tableName` (default: its own name), with `extras`
    // (table constraints such as a FOREIGN KEY clause) after the columns.
    QString createSql(const QStringList &extras = {}, const QString &tableName = {}) const;

private:
    QString m_name;
    QString m_entity;
    QList<ColumnDefinition> m_columns;
};

} // namespace Crm
