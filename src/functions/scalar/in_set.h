// "$in_set"(x): `x IN (c1, c2, ...)` over a list of constants, answered with a hash set built
// once at bind time instead of one comparison per list element. SQL semantics: TRUE when x is
// in the list; otherwise NULL when x is NULL or the list holds a NULL; otherwise FALSE.
#pragma once

#include <memory>
#include <vector>

#include "functions/function.h"
#include "types/value.h"

namespace dq {

// Whether values of `type` can use the hash set (the list's common type).
bool InSetSupportsType(const LogicalType& type);
// Bind data for "$in_set" from constant values of `type` (NULLs allowed).
std::shared_ptr<FunctionData> MakeInSetData(const LogicalType& type,
                                            const std::vector<Value>& values);

}  // namespace dq
