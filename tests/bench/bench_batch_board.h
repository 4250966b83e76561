#pragma once

#include <QTextStream>

// The board half of bench_batch (built when the widgets are).
namespace BenchBatchBoard {

// `bench_batch --child grid|board`: opens one and prints "RESULT ms MB processes views".
int childMain(int argc, char *argv[]);
// Runs both children and prints the table and the ratio; false when off target or failed.
bool measure(QTextStream &out);

} // namespace BenchBatchBoard
