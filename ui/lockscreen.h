#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace Crm {

// What the main window shows instead of every lead while the app is locked (HIPAA automatic
// logoff): why it locked, and a password field. It checks nothing itself: it asks with
// unlockRequested(), and the window answers showRefused() when the password is not right.
class LockScreen final : public QWidget
{
    Q_OBJECT

public:
    explicit LockScreen(QWidget *parent = nullptr);

    // A fresh lock: no password typed, no error, the field focused.
    void prepare();
    // Empties the password field (once unlocked, the password does not stay in it).
    void clearPassword();
    // The password given was not right: says so and selects it for retyping.
    void showRefused();

signals:
    void unlockRequested(const QString &password);

private:
    QLineEdit *m_password;
    QLabel *m_error;
};

} // namespace Crm
