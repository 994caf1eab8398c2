#pragma once

#include <QApplication>
#include <QComboBox>
#include <QMenu>
#include <QMainWindow>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QString>
#include <QTest>
#include <QTimer>

#include <functional>

// Helpers for widget tests, shared by the GUI suites.
namespace CrmTest {

// Clicks a button of the next message box once it is shown (QMessageBox::exec blocks the
// test): the button whose text, without its '&', is `buttonText`, or the standard `button`.
// `said`, when given, receives the box's text.
void answerNextMessageBox(const QString &buttonText, QString *said = nullptr);
void answerNextMessageBox(QMessageBox::StandardButton button, QString *said = nullptr);

// Runs `act` on the next popup menu once it is shown (QMenu::exec blocks the test), then
// closes it; gives up after 5 s.
void whenMenuShown(const std::function<void(QMenu *)> &act);

// Types `text` into an editable combo box, as a user does, and takes the completer's first
// match when it offers one.
void pickFirstCompletion(QComboBox *box, const QString &text);

// The status bar's visible labels, as the user reads them ("● Online · All changes sent").
QString statusBarText(const QMainWindow *window);
// Whether one visible label of the status bar reads exactly `text`.
bool statusBarShows(const QMainWindow *window, const QString &text);
// Whether one visible label of the status bar starts with `text`.
bool statusBarStartsWith(const QMainWindow *window, const QString &text);

// Runs `act` on the next dialog of type T once it is shown (QDialog::exec blocks the test);
// gives up after 5 s.
template<typename T>
void whenShown(const std::function<void(T *)> &act)
{
    QTimer::singleShot(0, [act] {
        T *dialog = nullptr;
        QElapsedTimer timer;
        timer.start();
        while (!dialog && timer.elapsed() < 5000) {
            const QList<QWidget *> windows = QApplication::topLevelWidgets();
            for (QWidget *widget : windows) {
                if (auto *candidate = qobject_cast<T *>(widget); candidate && candidate->isVisible())
                    dialog = candidate;
            }
            if (!dialog)
                QTest::qWait(20);
        }
        if (dialog)
            act(dialog);
    });
}

} // namespace CrmTest
