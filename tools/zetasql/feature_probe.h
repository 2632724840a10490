// The GoogleSQL language features DeepQuery declares to the compliance runner.
//
// The declared set is decided by probing the engine: each candidate feature (a
// BigQuery-standard ZetaSQL LanguageFeature name without the FEATURE_ prefix) has one small
// query that uses it, and the feature is declared when that query succeeds. To declare a new
// feature, add a row to kFeatureProbes in feature_probe.cc.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "deepquery/deepquery.h"

namespace deepquery::tools {

struct FeatureProbe {
  const char* feature;
  const char* sql;
};

// Every candidate feature with its probe query.
const std::vector<FeatureProbe>& CandidateFeatureProbes();

// The candidates whose probe query runs without error on `connection`.
std::set<std::string> ProbeDeclaredFeatures(Connection& connection);

}  // namespace deepquery::tools
