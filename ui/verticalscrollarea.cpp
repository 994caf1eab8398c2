#include "verticalscrollarea.h"

#include <QEvent>
#include <QScrollBar>

namespace Crm {

VerticalScrollArea::VerticalScrollArea(QWidget *content, QWidget *parent)
    : QScrollArea(parent)
{
    setWidget(content);
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    content->installEventFilter(this);
}

QSize VerticalScrollArea::minimumSizeHint() const
{
    QSize hint = QScrollArea::minimumSizeHint();
    if (const QWidget *content = widget()) {
        // What a layout would give the content: its own minimum when it has one set, else what
        // its layout asks for.
        const int needed = content->minimumWidth() > 0 ? content->minimumWidth()
                                                       : content->minimumSizeHint().width();
        hint.setWidth(needed + verticalScrollBar()->sizeHint().width() + 2 * frameWidth());
    }
    return hint;
}

bool VerticalScrollArea::eventFilter(QObject *watched, QEvent *event)
{
    // The content's needs changed (a longer text, another language): so do ours.
    if (watched == widget() && event->type() == QEvent::LayoutRequest)
        updateGeometry();
    return QScrollArea::eventFilter(watched, event);
}

} // namespace Crm
