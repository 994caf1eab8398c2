#include "guisupport.h"

#include <QAbstractButton>
#include <QApplication>
#include <QElapsedTimer>
#include <QTest>
#include <QTimer>

#include <functional>

namespace CrmTest {

namespace {

void answer(const std::function<QAbstractButton *(QMessageBox *)> &pick, QString *said)
{
    QTimer::singleShot(0, [pick, said] {
        QElapsedTimer timer;
        timer.start();
        QMessageBox *box = nullptr;
        while (!box && timer.elapsed() < 5000) {
            box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                QTest::qWait(20);
        }
        if (!box)
            return;
        if (said)
            *said = box->text();
        if (QAbstractButton *button = pick(box))
            QTest::mouseClick(button, Qt::LeftButton);
    });
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

} // namespace CrmTest
