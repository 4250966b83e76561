#pragma once

#include <QTextStream>

// The board half of bench_batch (built when the widgets are).
namespace BenchBatchBoard {

// `bench_batch --child grid|board|keys`: opens one and prints "RESULT ms MB processes views".
int childMain(int argc, char *argv[]);
// Runs both children and prints the table and the ratio; false when off target or failed.
bool measure(QTextStream &out);
// Arrow keys and unchanged setRows on an open 100-row board (child "keys"); prints the figures.
bool measureKeys(QTextStream &out);

} // namespace BenchBatchBoard
