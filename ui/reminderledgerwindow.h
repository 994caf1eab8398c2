#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTableView;

namespace Crm {

class LocalEdits;
class LocalDatabase;
class ReminderLedgerModel;
class SyncRunner;

// The admins' reminder ledger (Admin menu): every reminder the cache holds, filtered by state,
// channel and due date, with the totals per state; a failed one can be sent again, and what
// is shown can be exported as CSV. Reads through ReminderLedgerModel; a retry goes through
// LocalEdits (cache + outbox) and the next sync.
class ReminderLedgerWindow final : public QWidget
{
    Q_OBJECT

public:
    ReminderLedgerWindow(const LocalDatabase &cache, LocalEdits *edits, SyncRunner *sync, QWidget *parent = nullptr);

    void reload();
    ReminderLedgerModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QComboBox *stateFilter() const { return m_state; }
    QPushButton *retryButton() const { return m_retry; }
    QLabel *totalsLabel() const { return m_totals; }
    // Writes what is shown to `path` as CSV; false (and says why in the window) when it cannot.
    bool exportTo(const QString &path);

private:
    void applyFilter();
    void updateButtons();
    void retrySelected();
    void exportCsv();

    LocalEdits *m_edits;
    SyncRunner *m_sync;
    ReminderLedgerModel *m_model;
    QComboBox *m_state;
    QComboBox *m_channel;
    QCheckBox *m_anyDate;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLabel *m_totals;
    QLabel *m_message;
    QTableView *m_table;
    QPushButton *m_retry;
    QPushButton *m_export;
};

} // namespace Crm
