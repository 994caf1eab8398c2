#include "tabledefinition.h"

namespace Crm {

QString ColumnDefinition::sqlType(ColumnType type)
{
    return type == ColumnType::Text ? QStringLiteral("TEXT") : QStringLiteral("BIGINT");
}

QString ColumnDefinition::sql() const
{
    QString text = name + QLatin1Char(' ') + sqlType(type);
    if (primaryKey)
        text += QStringLiteral(" PRIMARY KEY");
    else if (!nullable)
        text += QStringLiteral(" NOT NULL");
    if (!defaultValue.isEmpty())
        text += QStringLiteral(" DEFAULT ") + defaultValue;
    if (!check.isEmpty())
        text += QStringLiteral(" CHECK (") + check + QLatin1Char(')');
    return text;
}

TableDefinition::TableDefinition(QString name, QString entity, QList<ColumnDefinition> columns)
    : m_name(std::move(name))
    , m_entity(std::move(entity))
    , m_columns(std::move(columns))
{}

const ColumnDefinition *TableDefinition::column(const QString &name) const
{
    for (const ColumnDefinition &column : m_columns) {
        if (column.name == name)
            return &column;
    }
    return nullptr;
}

QStringList TableDefinition::wireColumns() const
{
    QStringList names;
    for (const ColumnDefinition &column : m_columns) {
        if (column.onWire)
            names << column.name;
    }
    return names;
}

QString TableDefinition::selectList() const
{
    return wireColumns().join(QStringLiteral(", "));
}

QString TableDefinition::placeholders() const
{
    return QStringList(wireColumns().size(), QStringLiteral("?")).join(QStringLiteral(", "));
}

QString TableDefinition::createSql(const QStringList &extras, const QString &tableName) const
{
    QStringList parts;
    for (const ColumnDefinition &column : m_columns)
        parts << column.sql();
    parts << extras;
    return QStringLiteral("CREATE TABLE %1 (\n    %2\n)")
        .arg(tableName.isEmpty() ? m_name : tableName, parts.join(QStringLiteral(",\n    ")));
}

} // namespace Crm
