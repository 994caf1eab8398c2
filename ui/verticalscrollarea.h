#pragma once

#include <QScrollArea>

namespace Crm {

// A scroll area that scrolls up and down only: it is as wide as its content needs (its
// minimum width follows the content's, in every language), so nothing is ever cut off on the
// right, and it lets a tall panel share a short window with something above it.
class VerticalScrollArea final : public QScrollArea
{
    Q_OBJECT

public:
    explicit VerticalScrollArea(QWidget *content, QWidget *parent = nullptr);

    QSize minimumSizeHint() const override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace Crm
