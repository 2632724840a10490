#include "feature_probe.h"

#include "zetasql_case_filter.h"

namespace deepquery::tools {

const std::vector<FeatureProbe>& CandidateFeatureProbes() {
  static const std::vector<FeatureProbe> kFeatureProbes = {
      {"NUMERIC_TYPE", "SELECT NUMERIC '1.5' * 2, NUMERIC '99999999999999999999999999999.999999999'"},
      {"BIGNUMERIC_TYPE",
       "SELECT BIGNUMERIC '578960446186580977117854925043439539266.34992332820282019728792003956564819967'"},
      {"CIVIL_TIME", "SELECT DATETIME '2001-01-01 10:00:00', TIME '10:00:00'"},
      {"SAFE_FUNCTION_CALL", "SELECT SAFE.SQRT(-1)"},
      {"NULLS_FIRST_LAST_IN_ORDER_BY", "SELECT x FROM (SELECT 1 AS x) ORDER BY x DESC NULLS LAST"},
      {"ANALYTIC_FUNCTIONS",
       "SELECT SUM(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), "
       "RANK() OVER (PARTITION BY x ORDER BY x) FROM (SELECT 1 AS x)"},
      {"JSON_TYPE", "SELECT JSON '{\"a\": [1, 2]}'"},
      {"INTERVAL_TYPE", "SELECT INTERVAL 1 DAY, INTERVAL '1-2 3 4:5:6' YEAR TO SECOND"},
      {"ORDER_BY_IN_AGGREGATE", "SELECT ARRAY_AGG(x ORDER BY x DESC) FROM (SELECT 1 AS x)"},
      {"LIMIT_IN_AGGREGATE", "SELECT ARRAY_AGG(x LIMIT 1) FROM (SELECT 1 AS x)"},
      {"NULL_HANDLING_MODIFIER_IN_AGGREGATE", "SELECT ARRAY_AGG(x IGNORE NULLS) FROM (SELECT 1 AS x)"},
      {"IS_DISTINCT", "SELECT 1 IS DISTINCT FROM 2"},
      {"LIKE_ANY_SOME_ALL", "SELECT 'a' LIKE ANY ('a', 'b')"},
      {"GROUP_BY_STRUCT", "SELECT s FROM (SELECT STRUCT(1 AS a) AS s) GROUP BY s"},
      {"FORMAT_IN_CAST", "SELECT CAST(DATE '2001-01-01' AS STRING FORMAT 'YYYY')"},
      {"JSON_VALUE_EXTRACTION_FUNCTIONS", "SELECT INT64(JSON '1'), STRING(JSON '\"a\"')"},
      // Not a ZetaSQL feature: the non-BigQuery integer types (see zetasql_case_filter.h).
      {kNonBigQueryIntegerTypes, "SELECT CAST(1 AS INT32), CAST(1 AS UINT32), CAST(1 AS UINT64)"},
  };
  return kFeatureProbes;
}

std::set<std::string> ProbeDeclaredFeatures(Connection& connection) {
  std::set<std::string> declared;
  for (const FeatureProbe& probe : CandidateFeatureProbes()) {
    if (connection.Query(probe.sql)->ok()) declared.insert(probe.feature);
  }
  return declared;
}

}  // namespace deepquery::tools
