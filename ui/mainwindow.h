#pragma once

#include <QMainWindow>

namespace Crm {

// The agent's main window. Holds views only; data comes from models in crm_models/crm_sync.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace Crm
