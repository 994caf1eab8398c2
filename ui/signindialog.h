#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace Crm {

// Server URL, e-mail and password; "remember me" keeps the sign-in (a refresh token) in the
// OS keychain so the next start opens straight into the cached data.
class SignInDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit SignInDialog(QWidget *parent = nullptr);

    void setServer(const QString &server);
    void setEmail(const QString &email);
    void showError(const QString &message);
    void setBusy(bool busy);

    QString server() const;
    QString email() const;
    QString password() const;
    bool remember() const;

signals:
    void signInRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void updateButton();

    QLineEdit *m_server;
    QLineEdit *m_email;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QLabel *m_error;
    class QPushButton *m_signIn;
};

} // namespace Crm
