#pragma once

#include "store/leadreader.h"
#include "store/teamreader.h"

#include <QJsonArray>
#include <QSet>
#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;
class QToolButton;
class QTreeWidget;

namespace Crm {

class LocalDatabase;
class LocalEdits;
class SyncRunner;

// The admin's distribution desk: the unassigned queue, every agent with their open load, and
// the assignment mode. Leads go to an agent by selection and menu or by dragging them onto the
// agent; an agent's leads can be handed to another (an agent on leave). Manual assignments are
// ordinary changes (cache + outbox, so they work offline and meet conflicts like any edit);
// the mode and "Auto-assign" need the server, which shows who would get what and why before
// anything is applied.
class AssignmentPanel final : public QWidget
{
    Q_OBJECT

public:
    AssignmentPanel(const LocalDatabase &cache,
                    LocalEdits *edits,
                    SyncRunner *sync,
                    QWidget *parent = nullptr);

    // Re-reads the queue and the agents from the cache (the window calls it when shown and
    // after a sync that changed the cache).
    void reload();
    // Gives these leads to the agent (manual assignment). False with a message on refusal.
    bool assign(const QStringList &leadIds, const QString &agentId);
    // Asks the server what auto-assign would do with the selected (or all) queued leads; the
    // answer opens the preview, whose Apply runs it for real.
    void previewAutoAssign();
    void applyAutoAssign();

    // For tests.
    QListWidget *queue() const { return m_queue; }
    QTreeWidget *agents() const { return m_agents; }
    QListWidget *agentLeads() const { return m_agentLeads; }
    QComboBox *modeBox() const { return m_mode; }
    QToolButton *assignButton() const { return m_assign; }
    QToolButton *reassignButton() const { return m_reassign; }
    QTableWidget *previewTable() const { return m_preview; }
    QPushButton *applyButton() const { return m_apply; }
    QJsonArray lastPreview() const { return m_previewed; }
    QJsonArray lastApplied() const { return m_applied; }
    QString message() const;

signals:
    void assigned();
    void autoAssigned(const QJsonArray &assignments);
    void previewReady(const QJsonArray &assignments);

private:
    void answer(int id, bool ok, const QJsonObject &json, const QString &error);
    void showAgentLeads();
    void showMessage(const QString &text, bool problem = false);
    QString agentName(const QString &agentId) const;
    QString leadName(const QString &leadId) const;
    void fillAssignMenu(QToolButton *button, QListWidget *from);

    LeadReader m_leadReader;
    TeamReader m_team;
    LocalEdits *m_edits;
    SyncRunner *m_sync;
    QComboBox *m_mode;
    QLabel *m_queueTitle;
    QListWidget *m_queue;
    QTreeWidget *m_agents;
    QLabel *m_agentTitle;
    QListWidget *m_agentLeads;
    QToolButton *m_assign;
    QToolButton *m_reassign;
    QPushButton *m_auto;
    QWidget *m_previewBox;
    QTableWidget *m_preview;
    QPushButton *m_apply;
    QLabel *m_message;
    int m_modeRequest = 0;
    int m_setModeRequest = 0;
    int m_previewRequest = 0;
    int m_applyRequest = 0;
    QStringList m_previewIds;
    QJsonArray m_previewed;
    QJsonArray m_applied;
    bool m_loadingMode = false;
    QString m_confirmedMode;
    QSet<QString> m_agentSelection; // kept across a reload of the agent's leads
};

} // namespace Crm
