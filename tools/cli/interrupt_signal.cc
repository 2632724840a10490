#include "interrupt_signal.h"

#include <signal.h>

#include <atomic>

namespace deepquery::tools {
namespace {

std::atomic<bool> interrupt_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);

void OnInterrupt(int) { interrupt_requested.store(true); }

}  // namespace

void InstallInterruptHandler() {
  struct sigaction action {};
  action.sa_handler = OnInterrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  sigaction(SIGINT, &action, nullptr);
}

bool TakeInterruptRequest() { return interrupt_requested.exchange(false); }

}  // namespace deepquery::tools
