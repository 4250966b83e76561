// Batch import (CSV, TSV, plain lists) and the batch cost, without network or store.

#include "batchcost.h"
#include "batchimport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace PreviewDeck;

class TestBatchImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void plainListWithBomCrlfAndBlankLines();
    void csvWithQuotesAndOptionalColumns();
    void tsvIsRecognisedByItsTabs();
    void quotedFieldsMayHoldLineBreaks();
    void badLinesAreReportedWithTheirNumbers();
    void duplicatesAreLeftOutOnce();
    void spellingsOfOneAddressAreOneProduct();
    void productsEnteredByHand();
    void fileWithoutUrlColumnIsRefused();
    void emptyFileIsRefused();
    void imageUrlSeparators();
    void costOfABatch();
};

void TestBatchImport::plainListWithBomCrlfAndBlankLines()
{
    const QString text = QChar(0xFEFF)
            + QStringLiteral("https://shop.example.com/p/lamp\r\n\r\n  "
                             "https://shop.example.com/p/mug  \r\n\r\n");
    const auto result = BatchImport::parse(text, RequestCheck::Hosts::PublicOnly);
    QVERIFY2(result.isUsable(), qPrintable(result.summary()));
    QCOMPARE(result.rows.size(), 2);
    QCOMPARE(result.rows.at(0).url, QStringLiteral("https://shop.example.com/p/lamp"));
    QCOMPARE(result.rows.at(1).url, QStringLiteral("https://shop.example.com/p/mug"));
    QCOMPARE(result.lines, (QList<int>{1, 3}));
    QVERIFY(result.problems.isEmpty());
}

void TestBatchImport::csvWithQuotesAndOptionalColumns()
{
    const QString text = QStringLiteral(
            "\xFEFFName,URL,description\r\n"
            "\"Lamp, brass\",https://shop.example.com/p/lamp,\"Says \"\"hello\"\"\"\r\n"
            "Mug,https://shop.example.com/p/mug,\r\n");
    const auto result = BatchImport::parse(text, RequestCheck::Hosts::PublicOnly);
    QVERIFY2(result.isUsable(), qPrintable(result.summary()));
    QCOMPARE(result.rows.size(), 2);
    QCOMPARE(result.rows.at(0).name, QStringLiteral("Lamp, brass"));
    QCOMPARE(result.rows.at(0).description, QStringLiteral("Says \"hello\""));
    QVERIFY(!result.rows.at(0).isEnteredByHand());
    QCOMPARE(result.rows.at(1).name, QStringLiteral("Mug"));
    QCOMPARE(result.lines, (QList<int>{2, 3}));
}

void TestBatchImport::tsvIsRecognisedByItsTabs()
{
    const QString text = QStringLiteral("url\tname\nhttps://shop.example.com/p/a,b\tA, B\n");
    const auto result = BatchImport::parse(text, RequestCheck::Hosts::PublicOnly);
    QVERIFY2(result.isUsable(), qPrintable(result.summary()));
    QCOMPARE(result.rows.size(), 1);
    QCOMPARE(result.rows.first().url, QStringLiteral("https://shop.example.com/p/a,b"));
    QCOMPARE(result.rows.first().name, QStringLiteral("A, B"));
}

void TestBatchImport::quotedFieldsMayHoldLineBreaks()
{
    const QString text = QStringLiteral("url,description\n"
                                        "https://shop.example.com/p/a,\"two\nlines\"\n"
                                        "nonsense-address,x\n");
    const auto result = BatchImport::parse(text, RequestCheck::Hosts::PublicOnly);
    QCOMPARE(result.rows.size(), 1);
    QCOMPARE(result.rows.first().description, QStringLiteral("two\nlines"));
    // The bad product starts on line 4: the quoted break is counted.
    QCOMPARE(result.problems.size(), 1);
    QCOMPARE(result.problems.first().line, 4);
}

void TestBatchImport::badLinesAreReportedWithTheirNumbers()
{
    const QString text = QStringLiteral("url,name\n"
                                        "https://shop.example.com/p/a,A\n"
                                        "ftp://shop.example.com/p/b,B\n"
                                        ",C\n"
                                        "http://localhost/p/d,D\n");
    const auto result = BatchImport::parse(text, RequestCheck::Hosts::PublicOnly);
    QCOMPARE(result.rows.size(), 1);
    QCOMPARE(result.problems.size(), 3);
    QCOMPARE(result.problems.at(0).line, 3);
    QCOMPARE(result.problems.at(1).line, 4);
    QVERIFY(result.problems.at(1).message.contains(QLatin1String("no product address")));
    QCOMPARE(result.problems.at(2).line, 5);
    QVERIFY(result.summary().startsWith(QLatin1String("line 3: ")));
    // A local server reaches local addresses.
    QCOMPARE(BatchImport::parse(text, RequestCheck::Hosts::LocalToo).rows.size(), 2);
}

void TestBatchImport::duplicatesAreLeftOutOnce()
{
    const QString text = QStringLiteral("https://shop.example.com/p/a\n"
                                        "https://shop.example.com/p/b\n"
                                        "shop.example.com/p/a\n");
    const auto result = BatchImport::parse(text, RequestCheck::Hosts::PublicOnly);
    QCOMPARE(result.rows.size(), 2);
    QCOMPARE(result.problems.size(), 1);
    QCOMPARE(result.problems.first().line, 3);
    QVERIFY(result.problems.first().message.contains(QLatin1String("line 1")));
}

void TestBatchImport::spellingsOfOneAddressAreOneProduct()
{
    // Spellings the spend guard takes for one product page (it would buy one link and one
    // job for them): a trailing slash, the host's case, a fragment, "." segments.
    const QString text = QStringLiteral("https://shop.example.com/p/a\n"
                                        "https://shop.example.com/p/a/\n"
                                        "https://SHOP.example.com/p/a#reviews\n"
                                        "https://shop.example.com/p/./a\n"
                                        "https://shop.example.com/p/b/\n");
    const auto result = BatchImport::parse(text, RequestCheck::Hosts::PublicOnly);
    QCOMPARE(result.rows.size(), 2);
    QCOMPARE(result.lines, (QList<int>{1, 5}));
    QCOMPARE(result.problems.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(result.problems.at(i).line, i + 2);
        QVERIFY2(result.problems.at(i).message.contains(QLatin1String("line 1")),
                 qPrintable(result.problems.at(i).message));
    }
}

void TestBatchImport::productsEnteredByHand()
{
    const QString text = QStringLiteral(
            "url,title,description,image_urls\n"
            ",Kettle,Boils fast,https://img.example.com/1.jpg; https://img.example.com/2.jpg | "
            "https://img.example.com/3.jpg\n"
            ",Teapot,Pours well,https://img.example.com/4.jpg\n");
    const auto result = BatchImport::parse(text, RequestCheck::Hosts::PublicOnly);
    QCOMPARE(result.rows.size(), 1);
    QVERIFY(result.rows.first().isEnteredByHand());
    QCOMPARE(result.rows.first().imageUrls.size(), 3);
    QCOMPARE(result.rows.first().title, QStringLiteral("Kettle"));
    QCOMPARE(result.problems.size(), 1); // one image is not enough
    QCOMPARE(result.problems.first().line, 3);
}

void TestBatchImport::fileWithoutUrlColumnIsRefused()
{
    const auto result = BatchImport::parse(QStringLiteral("name,link\nLamp,https://x.com/a\n"),
                                           RequestCheck::Hosts::PublicOnly);
    QVERIFY(!result.isUsable());
    QVERIFY(result.fileError.contains(QLatin1String("no url column")));
    QTemporaryDir dir;
    const auto missing = BatchImport::readFile(dir.filePath(QStringLiteral("nope.csv")),
                                               RequestCheck::Hosts::PublicOnly);
    QVERIFY(!missing.fileError.isEmpty());
}

void TestBatchImport::emptyFileIsRefused()
{
    QVERIFY(!BatchImport::parse(QStringLiteral("\r\n \n"), RequestCheck::Hosts::PublicOnly)
                     .fileError.isEmpty());
    QVERIFY(!BatchImport::parse(QStringLiteral("url,name\n"), RequestCheck::Hosts::PublicOnly)
                     .fileError.isEmpty());
}

void TestBatchImport::imageUrlSeparators()
{
    QCOMPARE(BatchImport::splitImageUrls(QStringLiteral(" a.jpg  b.jpg;c.jpg|d.jpg ; ")),
             (QStringList{QStringLiteral("a.jpg"), QStringLiteral("b.jpg"), QStringLiteral("c.jpg"),
                          QStringLiteral("d.jpg")}));
}

void TestBatchImport::costOfABatch()
{
    PreviewListRequest options;
    options.visualStyles = {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C"),
                            QStringLiteral("D")};
    options.videoLength = 30;
    const BatchCost cost = BatchCost::estimate(12, options);
    QCOMPARE(cost.previews, 48);
    QCOMPARE(cost.previewCredits, 48.0);
    QCOMPARE(cost.linkCredits, 12.0);
    QCOMPARE(cost.renderOnePerProduct, 48.0);
    QCOMPARE(cost.summary(),
             QStringLiteral("12 products × 4 styles = 48 previews: 48 credits; reading the "
                            "product pages: 12 credits; rendering one per product: 48 credits "
                            "more"));
    options.videoLength = 60; // two 30 s blocks each
    QCOMPARE(BatchCost::estimate(2, options).previewCredits, 16.0);
    QCOMPARE(BatchCost::renders(9, options), 72.0);
}

QTEST_GUILESS_MAIN(TestBatchImport)
#include "tst_batchimport.moc"
