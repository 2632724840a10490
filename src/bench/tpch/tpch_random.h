// TpchRandom: the deterministic random stream behind the TPC-H generator.
//
// Every row draws from its own stream, seeded from (table, row key), so any key range can be
// generated independently and in parallel with the same result as a sequential run. A row
// draws its columns in a fixed order. The generator is SplitMix64: tiny state, good enough
// statistical quality for benchmark data, and identical on every platform.
#pragma once

#include <cstdint>

namespace dq::tpch {

// Distinct seeds per table (arbitrary constants).
enum class TableSeed : uint64_t {
  kPart = 0x7061727400000001,
  kSupplier = 0x7375707000000002,
  kPartSupp = 0x7073757000000003,
  kCustomer = 0x6375737400000004,
  kOrders = 0x6f72646500000005,  // also drives the order's lineitems
  kNation = 0x6e61746900000006,
  kRegion = 0x7265676900000007,
  kTextPool = 0x7465787400000008,
};

class TpchRandom {
 public:
  TpchRandom(TableSeed table, uint64_t key)
      : state_(Mix(static_cast<uint64_t>(table) ^ (key * 0x9e3779b97f4a7c15ull))) {}

  uint64_t Next() {
    state_ += 0x9e3779b97f4a7c15ull;
    return Mix(state_);
  }
  // Uniform integer in [low, high] (inclusive). REQUIRES: low <= high.
  int64_t Uniform(int64_t low, int64_t high) {
    uint64_t span = static_cast<uint64_t>(high - low) + 1;
    // Multiply-shift maps 64 random bits onto the span without a division.
    return low + static_cast<int64_t>((static_cast<unsigned __int128>(Next()) * span) >> 64);
  }

 private:
  static uint64_t Mix(uint64_t value) {
    value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ull;
    value = (value ^ (value >> 27)) * 0x94d049bb133111ebull;
    return value ^ (value >> 31);
  }
  uint64_t state_;
};

}  // namespace dq::tpch
