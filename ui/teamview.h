#pragma once

#include "store/teamreader.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace Crm {

class SyncRunner;

// The team as the admin manages it: every user with role, active flag, weight, territories
// (US states) and time zone, from the cache. Adding a user and changing one go to the server
// (the admin hands the new password over in person; nothing is e-mailed); the result comes
// back through sync. An inactive agent receives no new leads from that moment.
class TeamView final : public QWidget
{
    Q_OBJECT

public:
    TeamView(TeamReader team, SyncRunner *sync, QWidget *parent = nullptr);

    // Re-reads the users from the cache (the window calls it when shown and after a sync).
    void reload();
    // Sends the edit form's values for the selected user.
    void saveSelected();
    // What the admin typed for a team member and has not saved (weight, territories, zone).
    bool hasUnsavedEdits() const;
    void setSelectedActive(bool active);
    // Opens the add-user form (a dialog); returns once it is closed.
    void addUser();
    int addUser(const QString &email,
                const QString &name,
                const QString &role,
                const QString &password,
                int weight,
                const QStringList &territories);

    // For tests.
    QTableWidget *table() const { return m_table; }
    QSpinBox *weightEdit() const { return m_weight; }
    QLineEdit *territoriesEdit() const { return m_territories; }
    QString message() const;

signals:
    void saved();

private:
    void selectionChanged();
    bool saveUser(const QString &id); // false when the form cannot be sent as typed
    QStringList formValues() const;
    // Typing not saved yet: asks Save / Discard / Cancel. False when the admin cancels.
    bool settleEdits();
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void answer(int id, bool ok, const QJsonObject &json, const QString &error);
    QString selectedId() const;
    void showMessage(const QString &text, bool problem = false);

    TeamReader m_team;
    SyncRunner *m_sync;
    QTableWidget *m_table;
    QSpinBox *m_weight;
    QLineEdit *m_territories;
    QLineEdit *m_timeZone;
    QPushButton *m_save;
    QPushButton *m_toggleActive;
    QLabel *m_message;
    QList<int> m_requests;
    QString m_editingId;        // the user the edit form was filled for
    QStringList m_loadedValues; // the form as filled (or last saved) for m_editingId
};

} // namespace Crm
