#pragma once

#include "domain/lead.h"

#include <QString>

QT_FORWARD_DECLARE_CLASS(QSqlQuery)

namespace Crm {

// A leads row as both databases hold it, in SharedTables::leads()' wire order
// (SharedTables::leads().selectList()): the reading of a row into a Lead, in one place for the
// server's LeadRepository and the cache's LocalEdits.
class LeadRow final
{
public:
    LeadRow() = delete;

    // How many columns a row has (what follows them in a SELECT starts there).
    static int columnCount();
    // The row's columns from `offset` on, in selectList() order; NULL text reads as "".
    static Lead read(const QSqlQuery &query, int offset = 0);
};

} // namespace Crm
