#include "guisupport.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QCompleter>
#include <QLineEdit>
#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QStatusBar>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <memory>

namespace CrmTest {

namespace {

void answer(const std::function<QAbstractButton *(QMessageBox *)> &pick, QString *said)
{
    // Polled from the event loop, never waited for in a loop of its own: the code under test
    // may run a nested event loop before its box shows (a keychain read), and a waiting loop
    // started in there would hold that code up until it gave up.
    auto *poll = new QTimer;
    poll->setInterval(20);
    auto since = std::make_shared<QElapsedTimer>();
    since->start();
    QObject::connect(poll, &QTimer::timeout, poll, [poll, pick, said, since] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            if (since->elapsed() > 5000)
                poll->deleteLater();
            return;
        }
        poll->stop();
        poll->deleteLater();
        if (said)
            *said = box->text();
        if (QAbstractButton *button = pick(box))
            QTest::mouseClick(button, Qt::LeftButton);
    });
    poll->start();
}

} // namespace

void answerNextMessageBox(const QString &buttonText, QString *said)
{
    answer(
        [buttonText](QMessageBox *box) -> QAbstractButton * {
            const QList<QAbstractButton *> buttons = box->buttons();
            for (QAbstractButton *button : buttons) {
                if (button->text().remove(QLatin1Char('&')) == buttonText)
                    return button;
            }
            return nullptr;
        },
        said);
}

void answerNextMessageBox(QMessageBox::StandardButton button, QString *said)
{
    answer([button](QMessageBox *box) -> QAbstractButton * { return box->button(button); },
           said);
}

void whenMenuShown(const std::function<void(QMenu *)> &act)
{
    QTimer::singleShot(0, [act] {
        QElapsedTimer timer;
        timer.start();
        QMenu *menu = nullptr;
        while (!menu && timer.elapsed() < 5000) {
            menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu)
                QTest::qWait(20);
        }
        if (!menu)
            return;
        act(menu);
        menu->close();
    });
}

void pickFirstCompletion(QComboBox *box, const QString &text)
{
    QLineEdit *edit = box->lineEdit();
    edit->setFocus();
    QTest::keyClicks(edit, text);
    QAbstractItemView *popup = box->completer()->popup();
    if (popup->isVisible()) {
        popup->setCurrentIndex(popup->model()->index(0, 0));
        QTest::keyClick(popup, Qt::Key_Return);
    }
}

QString statusBarText(const QMainWindow *window)
{
    QStringList shown;
    const QList<QLabel *> labels = window->statusBar()->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (label->isVisible() && !label->text().isEmpty())
            shown << label->text();
    }
    if (!window->statusBar()->currentMessage().isEmpty())
        shown << window->statusBar()->currentMessage();
    return shown.join(QStringLiteral(" · "));
}

bool statusBarShows(const QMainWindow *window, const QString &text)
{
    const QList<QLabel *> labels = window->statusBar()->findChildren<QLabel *>();
    return std::any_of(labels.cbegin(), labels.cend(), [&](const QLabel *label) {
        return label->isVisible() && label->text() == text;
    });
}

bool statusBarStartsWith(const QMainWindow *window, const QString &text)
{
    const QList<QLabel *> labels = window->statusBar()->findChildren<QLabel *>();
    return std::any_of(labels.cbegin(), labels.cend(), [&](const QLabel *label) {
        return label->isVisible() && label->text().startsWith(text);
    });
}

} // namespace CrmTest
