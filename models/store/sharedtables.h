#pragma once

#include "tabledefinition.h"

namespace Crm {

// The tables the server and the cache both hold, declared once: columns in order, types,
// nullability, defaults, and CHECKs built from the domain's limits (Lead, Activity,
// FollowUp, Enrollment, UserLimits). This is where a newcomer reads the shared schema.
//
// The column lists in code come from here (the server's repositories, the cache's pull
// apply). The schemas themselves are versioned migrations on each side (ServerSchema,
// SchemaMigrator): the scripts already shipped stay as they were, the cache rebuilds these
// tables from this definition (its schema 8), and tst_sharedtables checks that a fresh
// database of each side, migrated to the newest schema, holds exactly these columns. So a
// change here without a migration on both sides fails that test.
//
// Not here, on purpose: the scheduling tables. They are not the same shape on both sides: the
// server keeps a provider's availability in tables (weekly hours, overrides, time off) and
// the cache keeps it whole, as the JSON a pull brings; an appointment's shared columns are
// AppointmentRow::columns() (models/store/appointmentrow), which both sides' code reads.
class SharedTables final
{
public:
    static const TableDefinition &users();       // the directory (entity "user")
    static const TableDefinition &leads();       // "lead"
    static const TableDefinition &activities();  // lead_activities, "activity"
    static const TableDefinition &followUps();   // "follow_up"
    static const TableDefinition &enrollments(); // "enrollment"

    // All of them, parents before the tables that refer to them.
    static const QList<const TableDefinition *> &all();
    // The table a sync entity's records live in; nullptr for an entity with no shared table.
    static const TableDefinition *forEntity(const QString &entity);
};

} // namespace Crm
