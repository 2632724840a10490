// Word lists and text of the TPC-H specification (clause 4.2.2 and 4.2.3): the 92 P_NAME
// words, type/container syllables, segments, priorities, ship modes and instructions, nations
// and regions, and the comment text.
//
// Comments: clause 4.2.2.10 builds a text pool from a sentence grammar and takes each comment
// as a substring of the pool. We do the same with a smaller pool (4 MiB, built once per
// process from a fixed seed) and a simplified grammar over the specification's word classes,
// so LIKE patterns of the queries (Q13 '%special%requests%', Q16 '%Customer%Complaints%')
// match with realistic selectivity. The text is not byte-identical to dbgen's.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bench/tpch/tpch_random.h"

namespace dq::tpch {

extern const std::vector<std::string_view> kPartNameWords;  // 92 colors
extern const std::vector<std::string_view> kTypeSyllable1;
extern const std::vector<std::string_view> kTypeSyllable2;
extern const std::vector<std::string_view> kTypeSyllable3;
extern const std::vector<std::string_view> kContainerSyllable1;
extern const std::vector<std::string_view> kContainerSyllable2;
extern const std::vector<std::string_view> kSegments;
extern const std::vector<std::string_view> kPriorities;
extern const std::vector<std::string_view> kShipInstructions;
extern const std::vector<std::string_view> kShipModes;

struct NationInfo {
  std::string_view name;
  int64_t region_key;
};
extern const std::vector<NationInfo> kNations;        // 25, index = n_nationkey
extern const std::vector<std::string_view> kRegions;  // 5, index = r_regionkey

// A random element of `words`.
inline std::string_view Pick(TpchRandom& random, const std::vector<std::string_view>& words) {
  return words[static_cast<size_t>(random.Uniform(0, static_cast<int64_t>(words.size()) - 1))];
}

// Comment text of random length in [min_length, max_length] (a substring of the text pool,
// trimmed of leading/trailing spaces). Thread-safe.
std::string RandomText(TpchRandom& random, int min_length, int max_length);
// v-string: random length in [min_length, max_length] over 64 letters/digits/',' /' '.
std::string RandomVString(TpchRandom& random, int min_length, int max_length);
// Phone number of clause 4.2.2.9: "CC-LLL-LLL-LLLL", CC = nation_key + 10.
std::string RandomPhone(TpchRandom& random, int64_t nation_key);

}  // namespace dq::tpch
