#pragma once

#include "templates/variablesform.h"

#include <QWidget>

class QListWidget;
class QPushButton;

namespace PreviewDeck {

// The variants of one template job: copies of the form with some values changed, previewed
// all at once. The list owns the variants; the page loads the current one into the form and
// writes the form's edits back with updateCurrent().
class VariantList : public QWidget
{
    Q_OBJECT
public:
    explicit VariantList(QWidget *parent = nullptr);

    // Starts over with a single variant.
    void reset(const TemplateVariant &first);
    int count() const { return int(m_variants.size()); }
    int currentIndex() const;
    void setCurrentIndex(int index);
    TemplateVariant variant(int index) const { return m_variants.value(index); }
    QList<TemplateVariant> variants() const { return m_variants; }
    // What the list and the preview tiles call it: its name, or "Variant N".
    QString label(int index) const;

    void updateCurrent(const TemplateVariant &variant);
    // Adds a copy of the current variant (without its name) and makes it current.
    int addVariant();
    void removeCurrent();

    QListWidget *listWidget() const { return m_list; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }

Q_SIGNALS:
    void currentChanged(int index);
    void countChanged(int count);

private:
    void refreshLabels();

    QList<TemplateVariant> m_variants;
    QListWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_remove;
    bool m_updating = false;
};

} // namespace PreviewDeck
