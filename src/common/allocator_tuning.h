// Process-wide tuning of glibc's malloc for query execution.
//
// Queries allocate and free the same large buffers (decoded column chunks, vectors of
// thousands of rows, model tensors) over and over. With glibc's defaults, buffers above the
// mmap threshold are mapped and unmapped on every allocation, and freed heap memory is trimmed
// back to the kernel, so each query touches fresh pages: page faults and zeroing that cost
// 5-20% of a scan- or model-heavy query. TuneAllocatorForQueries() raises the mmap threshold
// to 64 MiB and the trim threshold to 256 MiB, so such buffers are reused from the heap.
// Memory freed by a query stays with the process (up to the trim threshold) for the next one.
// Idempotent; called when a database is opened.
#pragma once

namespace dq {

void TuneAllocatorForQueries();

}  // namespace dq
