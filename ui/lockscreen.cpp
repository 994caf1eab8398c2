#include "lockscreen.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Crm {

LockScreen::LockScreen(QWidget *parent)
    : QWidget(parent)
    , m_password(new QLineEdit)
    , m_error(new QLabel)
{
    auto *title = new QLabel(tr("Agent CRM is locked"));
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    title->setFont(font);
    auto *text = new QLabel(tr("It locked itself after a while without activity, to keep member "
                               "information private. Enter your password to go on."));
    text->setWordWrap(true);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Password"));
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();
    auto *button = new QPushButton(tr("&Unlock"));
    button->setDefault(true);
    auto submit = [this] { emit unlockRequested(m_password->text()); };
    connect(button, &QPushButton::clicked, this, submit);
    connect(m_password, &QLineEdit::returnPressed, this, submit);
    auto *box = new QWidget;
    // A fixed width, so the wrapped explanation gets the height its lines need (an aligned box
    // of a preferred width cut its second line in half).
    box->setFixedWidth(460);
    text->setObjectName(QStringLiteral("lockExplanation"));
    auto *boxLayout = new QVBoxLayout(box);
    boxLayout->setSpacing(12);
    boxLayout->addWidget(title);
    boxLayout->addWidget(text);
    boxLayout->addWidget(m_password);
    boxLayout->addWidget(m_error);
    boxLayout->addWidget(button, 0, Qt::AlignRight);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(box, 0, Qt::AlignHCenter);
    layout->addStretch(2);
}

void LockScreen::prepare()
{
    m_password->clear();
    m_error->hide();
    m_password->setFocus();
}

void LockScreen::clearPassword()
{
    m_password->clear();
}

void LockScreen::showRefused()
{
    m_error->setText(tr("That password is not right."));
    m_error->show();
    m_password->selectAll();
}

} // namespace Crm
