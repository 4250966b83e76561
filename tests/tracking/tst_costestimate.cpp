#include "costestimate.h"

#include <QTest>

using namespace PreviewDeck;

// Prices from creatify-api.md §2–§3; the sandbox charges the same and tst_spendguard checks
// the balance, so a wrong figure here fails twice.
class TestCostEstimate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void previews_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("length");
        QTest::addColumn<double>("credits");
        QTest::newRow("one 15 s") << 1 << 15 << 1.0;
        QTest::newRow("one 30 s") << 1 << 30 << 1.0;
        QTest::newRow("one 45 s rounds up") << 1 << 45 << 2.0;
        QTest::newRow("nine 30 s") << 9 << 30 << 9.0;
        QTest::newRow("three 60 s") << 3 << 60 << 6.0;
    }
    void previews()
    {
        QFETCH(int, count);
        QFETCH(int, length);
        QFETCH(double, credits);
        QCOMPARE(CostEstimate::previewList(count, length), credits);
    }
    void renders_data()
    {
        QTest::addColumn<int>("length");
        QTest::addColumn<QString>("model");
        QTest::addColumn<double>("credits");
        QTest::newRow("standard 30") << 30 << QStringLiteral("standard") << 4.0;
        QTest::newRow("standard 45") << 45 << QStringLiteral("standard") << 8.0;
        QTest::newRow("standard 60") << 60 << QStringLiteral("standard") << 8.0;
        QTest::newRow("aurora 30") << 30 << QStringLiteral("aurora_v1") << 30.0;
        QTest::newRow("aurora fast 15") << 15 << QStringLiteral("aurora_v1_fast") << 8.0;
        QTest::newRow("unknown model as standard") << 30 << QString() << 4.0;
    }
    void renders()
    {
        QFETCH(int, length);
        QFETCH(QString, model);
        QFETCH(double, credits);
        QCOMPARE(CostEstimate::render(length, model), credits);
    }
    void linksAndTemplates()
    {
        QCOMPARE(CostEstimate::link(), 1.0);
        QCOMPARE(CostEstimate::templatePreview(20), 1.0);
        QCOMPARE(CostEstimate::templatePreview(61), 3.0);
        QCOMPARE(CostEstimate::templateRender(30, QStringLiteral("standard")), 4.0);
    }
};

QTEST_GUILESS_MAIN(TestCostEstimate)
#include "tst_costestimate.moc"
