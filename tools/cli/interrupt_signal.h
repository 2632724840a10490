// Ctrl-C handling for the shell: a SIGINT handler that only records the request, so that
// the thread waiting for a query can call Connection::Interrupt() and the prompt can clear
// the line.
#pragma once

namespace deepquery::tools {

// Installs the SIGINT handler (without SA_RESTART, so a blocking read returns EINTR).
// Call once from main before any other thread starts.
void InstallInterruptHandler();

// Whether Ctrl-C was pressed since the last call; clears the request. Any thread.
bool TakeInterruptRequest();

}  // namespace deepquery::tools
