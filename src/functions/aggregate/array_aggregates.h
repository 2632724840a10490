// ARRAY_AGG, ARRAY_CONCAT_AGG and STRING_AGG: aggregates that collect their input values, optionally ordered and
// limited inside the call.
//
//   ARRAY_AGG(x [IGNORE NULLS | RESPECT NULLS] [ORDER BY k [ASC|DESC] ...] [LIMIT n])
//     -> ARRAY<type of x>, NULL for no rows. NULL inputs are elements (as in GoogleSQL; BigQuery
//     refuses such arrays only in a query's final result) unless IGNORE NULLS drops them.
//   ARRAY_CONCAT_AGG(a [ORDER BY k ...] [LIMIT n])
//     -> the non-NULL arrays concatenated (LIMIT counts arrays), NULL when there are none.
//   STRING_AGG(s [, delimiter] [ORDER BY ...] [LIMIT n])
//     -> STRING or BYTES, the non-NULL values joined by delimiter (default ","), NULL when there
//     are none; a NULL delimiter is an error.
//
// Call arguments are the aggregated values followed by the ORDER BY keys; bind data
// (OrderedAggregateData) says how many of each and how to sort. The state keeps every row's
// values and keys; partial states merge by concatenation and the sort, limit and NULL checks
// happen at finalize, so the aggregates parallelize like any other.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "functions/function.h"

namespace dq {

struct OrderedAggregateKey {
  bool descending = false;
  bool nulls_first = true;
};

struct OrderedAggregateData : FunctionData {
  size_t value_count = 1;                 // leading call arguments that are aggregated
  std::vector<OrderedAggregateKey> keys;  // one per trailing argument
  std::optional<uint64_t> limit;
  bool ignore_nulls = false;  // ARRAY_AGG only; STRING_AGG always ignores NULLs

  // Text for EXPLAIN and for telling apart calls that differ only in these modifiers.
  std::string Describe() const;
};

// Whether aggregate `name` (upper case) accepts ORDER BY, LIMIT and NULL handling modifiers.
bool SupportsOrderedAggregation(const std::string& name);

}  // namespace dq
