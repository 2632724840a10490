// Runs one statement on a worker thread while the calling thread watches it: Ctrl-C calls
// Connection::Interrupt(), and after one second a progress line is drawn on stderr.
#pragma once

#include <memory>
#include <string_view>

#include "deepquery/deepquery.h"

namespace deepquery::tools {

// Runs `sql` on `connection` and returns its result. With `show_progress` (stderr is a
// terminal), queries running over a second show `[ 42%] 1.3 s` (or a spinner when the
// progress is unknown) on stderr, erased when they finish.
// REQUIRES: InstallInterruptHandler() was called; `connection` is not in use elsewhere.
std::unique_ptr<Result> RunWatchedQuery(Connection& connection, std::string_view sql,
                                        bool show_progress);

}  // namespace deepquery::tools
