#include "zetasql_test_file.h"

#include <gtest/gtest.h>

#include "zetasql_case_filter.h"

namespace deepquery::tools {
namespace {

TEST(ZetasqlTestFileTest, DefaultTimeZoneAppliesToLaterSections) {
  // As in the reference driver, [default_time_zone=...] also sets the zone of later sections,
  // even when it stands in a section of its own.
  const std::vector<ZetasqlSection> sections = ParseZetasqlFile(
      "SELECT 0\n--\nARRAY<STRUCT<INT64>>[{0}]\n==\n"
      "[default_time_zone=Etc/UTC]\n==\n"
      "SELECT 1\n--\nARRAY<STRUCT<INT64>>[{1}]\n==\n"
      "[default_time_zone=+05]\nSELECT 2\n--\nARRAY<STRUCT<INT64>>[{2}]\n==\n"
      "SELECT 3\n--\nARRAY<STRUCT<INT64>>[{3}]\n");
  ASSERT_EQ(sections.size(), 4u);
  EXPECT_FALSE(sections[0].Has("default_time_zone"));
  EXPECT_EQ(sections[1].Option("default_time_zone"), "Etc/UTC");
  EXPECT_EQ(sections[2].Option("default_time_zone"), "+05");
  EXPECT_EQ(sections[3].Option("default_time_zone"), "+05");
}

TEST(ZetasqlTestFileTest, SectionsOptionsAndDefaults) {
  const std::vector<ZetasqlSection> sections = ParseZetasqlFile(
      "[default required_features=CIVIL_TIME]\n"
      "[prepare_database]\n"
      "CREATE TABLE T AS SELECT 1 AS a\n"
      "--\n"
      "ARRAY<STRUCT<a INT64>>[{1}]\n"
      "==\n"
      "# a comment\n"
      "[name=first]\n"
      "[Required_Features=NUMERIC_TYPE, JSON_TYPE]\n"
      "[parameters=1 AS p1,\n"
      "  'x' AS p2]\n"
      "SELECT @p1,\n"
      "  @p2;\n"
      "--\n"
      "ARRAY<STRUCT<INT64, STRING>>[{1, \"x\"}]\n"
      "\n"
      "NOTE: Reference implementation reports non-determinism.\n"
      "==\n"
      "[name=labels]\n"
      "[extract_labels]\n"
      "SELECT 1\n"
      "\\-- not a separator\n"
      "--\n"
      "ARRAY<STRUCT<INT64>>[{1}]\n"
      "--\n"
      "label: something\n");
  ASSERT_EQ(sections.size(), 3u);
  EXPECT_TRUE(sections[0].is_prepare_database());
  EXPECT_EQ(sections[0].sql, "CREATE TABLE T AS SELECT 1 AS a");
  EXPECT_EQ(sections[0].line, 1);
  EXPECT_EQ(sections[0].RequiredFeatures(), std::vector<std::string>{"CIVIL_TIME"});

  EXPECT_EQ(sections[1].name(), "first");
  EXPECT_EQ(sections[1].sql, "SELECT @p1,\n  @p2");
  EXPECT_EQ(sections[1].expected, "ARRAY<STRUCT<INT64, STRING>>[{1, \"x\"}]");
  EXPECT_EQ(sections[1].Option("parameters"), "1 AS p1,\n  'x' AS p2");
  // The section's own option wins over the default.
  EXPECT_EQ(sections[1].RequiredFeatures(), (std::vector<std::string>{"NUMERIC_TYPE", "JSON_TYPE"}));

  EXPECT_EQ(sections[2].sql, "SELECT 1\n-- not a separator");
  EXPECT_EQ(sections[2].expected, "ARRAY<STRUCT<INT64>>[{1}]");
  EXPECT_TRUE(sections[2].Has("extract_labels"));
  EXPECT_EQ(sections[2].RequiredFeatures(), std::vector<std::string>{"CIVIL_TIME"});
}

TEST(ZetasqlTestFileTest, StrayDashesAfterOptionsQuirk) {
  const std::vector<ZetasqlSection> sections = ParseZetasqlFile(
      "[name=struct_equality_different_field_names]\n"
      "--\n"
      "SELECT STRUCT(3 AS a) = STRUCT(3 AS c)\n"
      "--\n"
      "ARRAY<STRUCT<BOOL>>[{true}]\n");
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].sql, "SELECT STRUCT(3 AS a) = STRUCT(3 AS c)");
  EXPECT_EQ(sections[0].expected, "ARRAY<STRUCT<BOOL>>[{true}]");
}

TEST(ZetasqlCaseFilterTest, FeaturesProtosAndTables) {
  ZetasqlSection section;
  section.sql = "SELECT * FROM TableA";
  section.options["required_features"] = "NUMERIC_TYPE,ANALYTIC_FUNCTIONS";
  const std::set<std::string> declared = {"NUMERIC_TYPE", "CIVIL_TIME"};
  ZetasqlSkip skip = ZetasqlSkipFor(section, declared);
  EXPECT_EQ(skip.missing_features, std::vector<std::string>{"ANALYTIC_FUNCTIONS"});
  EXPECT_EQ(skip.Describe(), "missing feature ANALYTIC_FUNCTIONS");

  section.options["required_features"] = "NUMERIC_TYPE";
  EXPECT_FALSE(ZetasqlSkipFor(section, declared).skipped());
  section.options["forbidden_features"] = "CIVIL_TIME";
  EXPECT_EQ(ZetasqlSkipFor(section, declared).reason, "forbidden feature CIVIL_TIME is declared");
  section.options.erase("forbidden_features");

  section.sql = "SELECT CAST(x AS INT32) FROM TableA";
  EXPECT_EQ(ZetasqlSkipFor(section, declared).missing_features,
            std::vector<std::string>{kNonBigQueryIntegerTypes});
  section.sql = "SELECT NEW zetasql_test__.KitchenSinkPB()";
  EXPECT_EQ(ZetasqlSkipFor(section, declared).reason, "proto/enum");
  section.sql = "SELECT 1";
  section.options["load_enum_names"] = "zetasql_test__.TestEnum";
  EXPECT_EQ(ZetasqlSkipFor(section, declared).reason, "proto/enum");

  EXPECT_EQ(ZetasqlPreparedTableName("CREATE TABLE TableA AS SELECT 1"), "TableA");
  EXPECT_EQ(ZetasqlPreparedTableName("create table if not exists `T2` as select 1"), "T2");
  EXPECT_EQ(ZetasqlPreparedTableName("SELECT 1"), "");
  section.sql = "SELECT * FROM tablea WHERE x > 1";
  EXPECT_TRUE(ZetasqlMentionsTable(section, "TableA"));
  EXPECT_FALSE(ZetasqlMentionsTable(section, "Table"));
}

}  // namespace
}  // namespace deepquery::tools
