#include "signindialog.h"

#include "domain/emailvalidator.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace Crm {

SignInDialog::SignInDialog(QWidget *parent)
    : QDialog(parent)
    , m_server(new QLineEdit)
    , m_email(new QLineEdit)
    , m_password(new QLineEdit)
    , m_remember(new QCheckBox(tr("&Remember me on this computer")))
    , m_error(new QLabel)
{
    setWindowTitle(tr("Sign in to Agent CRM"));
    m_server->setPlaceholderText(QStringLiteral("https://crm.example.org"));
    m_email->setPlaceholderText(tr("you@example.org"));
    m_password->setEchoMode(QLineEdit::Password);
    m_remember->setChecked(true);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();

    auto *title = new QLabel(tr("Sign in"));
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    title->setFont(font);

    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_server);
    form->addRow(tr("&E-mail:"), m_email);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(QString(), m_remember);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_signIn = buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole);
    // Enter never cancels: Cancel must not become the default when it has had the focus (an
    // auto-default button takes over Enter for good if the dialog had no main default yet).
    buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_signIn, &QPushButton::clicked, this, [this] {
        m_error->hide();
        emit signInRequested();
    });
    for (QLineEdit *edit : {m_server, m_email, m_password})
        connect(edit, &QLineEdit::textChanged, this, &SignInDialog::updateButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 18);
    layout->setSpacing(14);
    layout->addWidget(title);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(420);
    // Only now, inside the dialog, does "default" make Sign in the dialog's main default button.
    m_signIn->setDefault(true);
    updateButton();
}

void SignInDialog::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
        && !m_signIn->isEnabled()) {
        // Enter with a field missing goes to that field rather than doing nothing at all.
        for (QLineEdit *edit : {m_server, m_email, m_password}) {
            if (edit->text().trimmed().isEmpty()) {
                edit->setFocus();
                break;
            }
        }
        event->accept();
        return;
    }
    QDialog::keyPressEvent(event);
}

void SignInDialog::setServer(const QString &server)
{
    m_server->setText(server);
}

void SignInDialog::setEmail(const QString &email)
{
    m_email->setText(email);
    if (!email.isEmpty())
        m_password->setFocus();
}

void SignInDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
    setBusy(false);
    m_password->selectAll();
    m_password->setFocus();
}

void SignInDialog::setBusy(bool busy)
{
    m_signIn->setEnabled(!busy);
    m_signIn->setText(busy ? tr("Signing in…") : tr("Sign in"));
    if (!busy)
        updateButton();
}

void SignInDialog::updateButton()
{
    const QUrl url(m_server->text().trimmed(), QUrl::StrictMode);
    m_signIn->setEnabled(url.isValid() && !url.host().isEmpty()
                         && EmailValidator::isValid(m_email->text())
                         && !m_password->text().isEmpty());
}

QString SignInDialog::server() const
{
    return m_server->text().trimmed();
}

QString SignInDialog::email() const
{
    return EmailValidator::normalized(m_email->text());
}

QString SignInDialog::password() const
{
    return m_password->text();
}

bool SignInDialog::remember() const
{
    return m_remember->isChecked();
}

} // namespace Crm
