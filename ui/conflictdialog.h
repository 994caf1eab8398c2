#pragma once

#include "store/conflictreader.h"
#include "store/teamreader.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace Crm {

class LocalDatabase;
class LocalEdits;

// The conflict inbox: every edit the server could not take as it was. A field someone else
// changed too shows both values side by side, with "Keep mine" (my value goes out again, over
// theirs) and "Keep theirs" (theirs stays, mine is dropped). A change the server refused shows
// why, to acknowledge; a refused booking or move also offers the free times the server
// suggested, each one click from booking it there. Nothing is decided for the user.
class ConflictDialog final : public QDialog
{
    Q_OBJECT

public:
    ConflictDialog(const LocalDatabase &cache, LocalEdits *edits, QWidget *parent = nullptr);

    void reload();
    // Resolves the conflict on `row` of the table (tests and the row's buttons).
    bool resolve(int row, bool keepMine);
    // A refused booking or move on `row` made again at `start` (a suggested free time).
    bool rebook(int row, qint64 start);
    QTableWidget *table() const { return m_table; }

signals:
    // Something was resolved: the cache changed and there may be a change to send.
    void resolved();

private:
    ConflictReader m_conflicts;
    TeamReader m_team;
    LocalEdits *m_edits;
    QTableWidget *m_table;
    QLabel *m_empty;
    QLabel *m_error;
    QStringList m_ids;
};

} // namespace Crm
