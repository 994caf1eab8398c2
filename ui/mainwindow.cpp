#include "mainwindow.h"

#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QVBoxLayout>

namespace Crm {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Agent CRM"));
    resize(1200, 760);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    auto *empty = new QLabel(tr("No leads yet.\nSign in to a server to download your leads."));
    empty->setAlignment(Qt::AlignCenter);
    empty->setObjectName(QStringLiteral("emptyState"));
    setCentralWidget(empty);
    statusBar()->showMessage(tr("Offline"));
}

} // namespace Crm
