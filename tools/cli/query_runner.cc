#include "query_runner.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

#include "interrupt_signal.h"

namespace deepquery::tools {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(100);
constexpr double kProgressDelaySeconds = 1.0;

void DrawProgress(double progress, double seconds, int tick) {
  static constexpr char kSpinner[] = "|/-\\";
  if (progress >= 0) {
    std::fprintf(stderr, "\r[%3d%%] %.1f s ", static_cast<int>(progress * 100 + 0.5), seconds);
  } else {
    std::fprintf(stderr, "\r[ %c  ] %.1f s ", kSpinner[tick % 4], seconds);
  }
  std::fflush(stderr);
}

}  // namespace

std::unique_ptr<Result> RunWatchedQuery(Connection& connection, std::string_view sql,
                                        bool show_progress) {
  TakeInterruptRequest();  // a Ctrl-C from before the query does not cancel it
  std::mutex mutex;
  std::condition_variable done_signal;
  bool done = false;
  std::unique_ptr<Result> result;
  std::thread worker([&] {
    std::unique_ptr<Result> finished = connection.Query(sql);
    std::lock_guard<std::mutex> lock(mutex);
    result = std::move(finished);
    done = true;
    done_signal.notify_one();
  });

  const auto start = std::chrono::steady_clock::now();
  bool drew_progress = false;
  int tick = 0;
  {
    std::unique_lock<std::mutex> lock(mutex);
    while (!done_signal.wait_for(lock, kPollInterval, [&] { return done; })) {
      if (TakeInterruptRequest()) connection.Interrupt();
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (show_progress && seconds >= kProgressDelaySeconds) {
        DrawProgress(connection.Progress(), seconds, tick++);
        drew_progress = true;
      }
    }
  }
  worker.join();
  if (drew_progress) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
  }
  return result;
}

}  // namespace deepquery::tools
