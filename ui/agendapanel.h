#pragma once

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QStackedWidget;
class QTimer;
class QToolButton;

namespace Crm {

class AgendaModel;

// The lead dashboard's "Today" panel: the signed-in provider's next appointments (the rest of
// today and tomorrow) from an AgendaModel, with the time until each starts, refreshed every
// minute. From a row: mark it completed or no-show (what the status machine offers at that
// moment; the rest is disabled), open its lead (double click) or its details (Enter). It asks
// for those changes with signals; the main window makes them. Collapses to its title line.
class AgendaPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit AgendaPanel(AgendaModel *model, QWidget *parent = nullptr);

    AgendaModel *model() const { return m_model; }
    QString currentId() const;
    bool selectAppointment(const QString &appointmentId);

    // Rows on screen before the list scrolls (at least 1).
    void setVisibleRows(int rows);
    int visibleRows() const { return m_visibleRows; }

    // Only the title line (and a one-line summary) while collapsed.
    bool isCollapsed() const;
    void setCollapsed(bool collapsed);

    // For tests and keyboard users.
    QListView *list() const { return m_list; }
    QPushButton *completedButton() const { return m_completed; }
    QPushButton *noShowButton() const { return m_noShow; }
    QPushButton *openLeadButton() const { return m_openLead; }
    QPushButton *detailsButton() const { return m_details; }
    QLabel *emptyLabel() const { return m_empty; }
    QLabel *summaryLabel() const { return m_summary; }
    QToolButton *collapseButton() const { return m_toggle; }

signals:
    void statusRequested(const QString &appointmentId, int status); // an AppointmentStatus
    void openLeadRequested(const QString &leadId);
    void detailsRequested(const QString &appointmentId);
    void collapsedChanged(bool collapsed);

private:
    void showState();
    void updateButtons();
    void fitHeight();
    void showMenu(QPoint at);
    void request(int status);
    void openLead();
    void openDetails();
    void scheduleTick();

    AgendaModel *m_model;
    QToolButton *m_toggle;
    QLabel *m_summary;
    QWidget *m_body;
    QStackedWidget *m_stack;
    QListView *m_list;
    QLabel *m_empty;
    QWidget *m_buttons;
    QPushButton *m_completed;
    QPushButton *m_noShow;
    QPushButton *m_openLead;
    QPushButton *m_details;
    QTimer *m_tick;
    QString m_keep; // the selected appointment across a reload
    int m_visibleRows = 3;
};

} // namespace Crm
