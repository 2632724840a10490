// Statement nodes of the SQL AST (see ast.h for the overview). Switch on Statement::kind and
// downcast with As<T>(); the DROP kinds share DropStatement.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sql/ast_expression.h"
#include "sql/ast_query.h"

namespace dq::sql {

enum class StatementKind : uint8_t {
  kQuery,         // QueryStatement
  kExplain,       // ExplainStatement
  kCreateSchema,  // CreateSchemaStatement (CREATE SCHEMA or CREATE DATASET)
  kDropSchema,    // DropStatement
  kCreateTable,   // CreateTableStatement
  kDropTable,     // DropStatement
  kCreateView,    // CreateViewStatement
  kDropView,      // DropStatement
  kCreateIndex,   // CreateIndexStatement
  kDropIndex,     // DropStatement
  kCreateModel,   // CreateModelStatement
  kDropModel,     // DropStatement
  kInsert,        // InsertStatement
  kDelete,        // DeleteStatement
  kUpdate,        // UpdateStatement
  kTruncate,      // TruncateStatement
  kMerge,         // MergeStatement
  kAlterTable,    // AlterTableStatement
  kLoadData,      // LoadDataStatement
  kSet,           // SetStatement
};

struct Statement {
  Statement(StatementKind kind, int64_t position) : kind(kind), position(position) {}
  virtual ~Statement() = default;
  virtual std::string ToString() const = 0;

  // Downcast. REQUIRES: T accepts `kind` (checked).
  template <typename T>
  const T& As() const {
    DQ_CHECK(T::Accepts(kind));
    return static_cast<const T&>(*this);
  }

  const StatementKind kind;
  int64_t position;  // the statement's first token
};
using StatementPtr = std::unique_ptr<Statement>;

// OPTIONS(name = value, ...). Names keep their spelling; values are expressions.
struct OptionEntry {
  int64_t position = kNoPosition;
  std::string name;
  ExpressionPtr value;
};
using OptionList = std::vector<OptionEntry>;
// Renders " OPTIONS(a = 1, b = 'x')", or "" for an empty list when `omit_empty`.
std::string OptionsToString(const OptionList& options, bool omit_empty = true);

// A column of CREATE TABLE or LOAD DATA: name type [NOT NULL] [PRIMARY KEY [NOT ENFORCED]]
// [DEFAULT expr] [OPTIONS(...)].
struct ColumnDefinition {
  int64_t position = kNoPosition;
  std::string name;
  std::unique_ptr<TypeName> type;
  bool not_null = false;
  bool primary_key = false;
  ExpressionPtr default_value;  // may be null
  OptionList options;
  std::string ToString() const;
};

#define DQ_SQL_STATEMENT_KIND(KIND) \
  static bool Accepts(StatementKind kind) { return kind == StatementKind::KIND; }

struct QueryStatement : Statement {
  DQ_SQL_STATEMENT_KIND(kQuery)
  explicit QueryStatement(int64_t position) : Statement(StatementKind::kQuery, position) {}
  std::string ToString() const override { return query->ToString(); }
  std::unique_ptr<QueryExpression> query;
};

// EXPLAIN [ANALYZE] statement
struct ExplainStatement : Statement {
  DQ_SQL_STATEMENT_KIND(kExplain)
  explicit ExplainStatement(int64_t position) : Statement(StatementKind::kExplain, position) {}
  std::string ToString() const override;
  bool analyze = false;
  StatementPtr statement;
};

// CREATE SCHEMA|DATASET [IF NOT EXISTS] name [OPTIONS(...)]
struct CreateSchemaStatement : Statement {
  DQ_SQL_STATEMENT_KIND(kCreateSchema)
  explicit CreateSchemaStatement(int64_t position)
      : Statement(StatementKind::kCreateSchema, position) {}
  std::string ToString() const override;
  std::vector<std::string> name;  // [project.]dataset
  bool if_not_exists = false;
  OptionList options;
};

// DROP SCHEMA|DATASET|TABLE|VIEW|INDEX|MODEL [IF EXISTS] name [CASCADE|RESTRICT] [ON table]
struct DropStatement : Statement {
  static bool Accepts(StatementKind kind) {
    return kind == StatementKind::kDropSchema || kind == StatementKind::kDropTable ||
           kind == StatementKind::kDropView || kind == StatementKind::kDropIndex ||
           kind == StatementKind::kDropModel;
  }
  enum class Mode : uint8_t { kDefault, kCascade, kRestrict };
  DropStatement(StatementKind kind, int64_t position) : Statement(kind, position) {}
  std::string ToString() const override;
  std::vector<std::string> name;
  bool if_exists = false;
  Mode mode = Mode::kDefault;            // schemas only
  std::vector<std::string> index_table;  // DROP INDEX name ON table; empty otherwise
};

// CREATE [OR REPLACE] [TEMP|TEMPORARY] TABLE [IF NOT EXISTS] name [(columns)] [OPTIONS(...)]
// [AS query]. Either `columns` or `query` (or both) is present.
struct CreateTableStatement : Statement {
  DQ_SQL_STATEMENT_KIND(kCreateTable)
  explicit CreateTableStatement(int64_t position)
      : Statement(StatementKind::kCreateTable, position) {}
  std::string ToString() const override;
  std::vector<std::string> name;
  bool or_replace = false;
  bool temporary = false;
  bool if_not_exists = false;
  std::vector<ColumnDefinition> columns;
  std::vector<std::string> primary_key;  // table-level PRIMARY KEY (a, b) [NOT ENFORCED]
  OptionList options;
  std::unique_ptr<QueryExpression> query;  // may be null
};

// CREATE [OR REPLACE] VIEW [IF NOT EXISTS] name [(columns)] [OPTIONS(...)] AS query
struct CreateViewStatement : Statement {
  DQ_SQL_STATEMENT_KIND(kCreateView)
  explicit CreateViewStatement(int64_t position)
      : Statement(StatementKind::kCreateView, position) {}
  std::string ToString() const override;
  std::vector<std::string> name;
  bool or_replace = false;
  bool if_not_exists = false;
  std::vector<std::string> column_names;
  OptionList options;
  std::unique_ptr<QueryExpression> query;
};

// CREATE [UNIQUE|VECTOR] INDEX [IF NOT EXISTS] name ON table(columns) [OPTIONS(...)]
struct CreateIndexStatement : Statement {
  DQ_SQL_STATEMENT_KIND(kCreateIndex)
  explicit CreateIndexStatement(int64_t position)
      : Statement(StatementKind::kCreateIndex, position) {}
  std::string ToString() const override;
  bool unique = false;
  bool vector = false;
  bool or_replace = false;
  bool if_not_exists = false;
  std::vector<std::string> name;
  std::vector<std::string> table;
  std::vector<OrderByItem> columns;  // usually plain column paths
  OptionList options;
};

// CREATE [OR REPLACE] MODEL [IF NOT EXISTS] name [OPTIONS(...)] [AS query]
// (imported models have no query: OPTIONS(model_type = 'ONNX', model_path = '...')).
struct CreateModelStatement : Statement {
  DQ_SQL_STATEMENT_KIND(kCreateModel)
  explicit CreateModelStatement(int64_t position)
      : Statement(StatementKind::kCreateModel, position) {}
  std::string ToString() const override;
  std::vector<std::string> name;
  bool or_replace = false;
  bool if_not_exists = false;
  OptionList options;
  std::unique_ptr<QueryExpression> query;  // may be null
};

// INSERT [INTO] name [(columns)] VALUES (..), (..) | query
struct InsertStatement : Statement {
  DQ_SQL_STATEMENT_KIND(kInsert)
  explicit InsertStatement(int64_t position) : Statement(StatementKind::kInsert, position) {}
  std::string ToString() const override;
  std::vector<std::string> table;
  std::vector<std::string> columns;        // empty: all columns in order
  std::vector<ExpressionList> rows;        // VALUES rows (DEFAULT is a DefaultExpression)
  std::unique_ptr<QueryExpression> query;  // set instead of rows for INSERT ... SELECT
};

// DELETE [FROM] name [[AS] alias] WHERE condition
struct DeleteStatement : Statement {
  DQ_SQL_STATEMENT_KIND(kDelete)
  explicit DeleteStatement(int64_t position) : Statement(StatementKind::kDelete, position) {}
  std::string ToString() const override;
  std::vector<std::string> table;
  std::string alias;
  ExpressionPtr where;  // required by BigQuery; null only if omitted (binder rejects)
};

// UPDATE name [[AS] alias] SET target = value, ... [FROM from] WHERE condition
struct UpdateStatement : Statement {
  DQ_SQL_STATEMENT_KIND(kUpdate)
  explicit UpdateStatement(int64_t position) : Statement(StatementKind::kUpdate, position) {}
  std::string ToString() const override;
  struct Assignment {
    int64_t position = kNoPosition;
    std::vector<std::string> target;  // col, or alias.col / col.field
    ExpressionPtr value;              // may be a DefaultExpression
  };
  std::vector<std::string> table;
  std::string alias;
  std::vector<Assignment> assignments;
  TableReferencePtr from;  // may be null
  ExpressionPtr where;     // null only if omitted (binder rejects)
};

// TRUNCATE TABLE name
struct TruncateStatement : Statement {
  DQ_SQL_STATEMENT_KIND(kTruncate)
  explicit TruncateStatement(int64_t position) : Statement(StatementKind::kTruncate, position) {}
  std::string ToString() const override;
  std::vector<std::string> table;
};

// MERGE [INTO] target [[AS] alias] USING source [[AS] alias] ON condition when_clause ...
//   when_clause := WHEN MATCHED [AND cond] THEN {UPDATE SET a = v, ... | DELETE}
//                | WHEN NOT MATCHED [BY TARGET] [AND cond] THEN
//                      INSERT [(columns)] {VALUES (v, ...) | ROW}
//                | WHEN NOT MATCHED BY SOURCE [AND cond] THEN {UPDATE SET ... | DELETE}
// `source` is a table name or a parenthesized query (a TableName or SubqueryTable).
struct MergeStatement : Statement {
  DQ_SQL_STATEMENT_KIND(kMerge)
  explicit MergeStatement(int64_t position) : Statement(StatementKind::kMerge, position) {}
  std::string ToString() const override;
  enum class MatchKind : uint8_t { kMatched, kNotMatchedByTarget, kNotMatchedBySource };
  enum class ActionKind : uint8_t { kUpdate, kDelete, kInsert };
  struct WhenClause {
    int64_t position = kNoPosition;  // the WHEN keyword
    MatchKind match = MatchKind::kMatched;
    ExpressionPtr condition;  // the AND condition; may be null
    ActionKind action = ActionKind::kUpdate;
    std::vector<UpdateStatement::Assignment> assignments;  // kUpdate
    std::vector<std::string> insert_columns;  // kInsert; empty: all columns in order
    ExpressionList insert_values;             // kInsert with VALUES (may hold DEFAULT)
    bool insert_row = false;                  // kInsert ROW: the source row as it is
  };
  std::vector<std::string> table;
  std::string alias;
  TableReferencePtr source;
  ExpressionPtr condition;
  std::vector<WhenClause> clauses;  // at least one, in order
};

// ALTER TABLE [IF EXISTS] name action, action, ...
struct AlterTableStatement : Statement {
  DQ_SQL_STATEMENT_KIND(kAlterTable)
  explicit AlterTableStatement(int64_t position)
      : Statement(StatementKind::kAlterTable, position) {}
  std::string ToString() const override;
  enum class ActionKind : uint8_t {
    kAddColumn,          // ADD COLUMN [IF NOT EXISTS] definition
    kDropColumn,         // DROP COLUMN [IF EXISTS] column
    kRenameColumn,       // RENAME COLUMN [IF EXISTS] column TO new_name
    kRenameTable,        // RENAME TO new_name
    kSetDefault,         // ALTER COLUMN [IF EXISTS] column SET DEFAULT expression
    kDropDefault,        // ALTER COLUMN [IF EXISTS] column DROP DEFAULT
    kDropNotNull,        // ALTER COLUMN [IF EXISTS] column DROP NOT NULL
    kSetDataType,        // ALTER COLUMN [IF EXISTS] column SET DATA TYPE type
    kSetOptions,         // SET OPTIONS(...)
    kSetColumnOptions,   // ALTER COLUMN [IF EXISTS] column SET OPTIONS(...)
  };
  struct Action {
    int64_t position = kNoPosition;
    ActionKind kind = ActionKind::kAddColumn;
    bool if_exists = false;      // the column's IF EXISTS
    bool if_not_exists = false;  // kAddColumn
    ColumnDefinition column;     // kAddColumn
    std::string column_name;     // every column action but kAddColumn
    std::vector<std::string> new_name;  // kRenameColumn (one part), kRenameTable
    ExpressionPtr default_value;        // kSetDefault
    std::unique_ptr<TypeName> data_type;  // kSetDataType
    OptionList options;                 // kSetOptions, kSetColumnOptions
    std::string ToString() const;
  };
  std::vector<std::string> table;
  bool if_exists = false;
  std::vector<Action> actions;  // at least one, applied in order
};

// LOAD DATA {OVERWRITE|INTO} [{TEMP|TEMPORARY} TABLE] name [(column type, ...)]
// [OPTIONS(...)] FROM FILES(name = value, ...)
struct LoadDataStatement : Statement {
  DQ_SQL_STATEMENT_KIND(kLoadData)
  explicit LoadDataStatement(int64_t position) : Statement(StatementKind::kLoadData, position) {}
  std::string ToString() const override;
  bool overwrite = false;
  bool temporary = false;
  std::vector<std::string> table;
  std::vector<ColumnDefinition> columns;
  OptionList table_options;
  OptionList file_options;  // FROM FILES(format = 'CSV', uris = [...], ...)
};

// SET name = value (session settings). `name` may be dotted.
struct SetStatement : Statement {
  DQ_SQL_STATEMENT_KIND(kSet)
  explicit SetStatement(int64_t position) : Statement(StatementKind::kSet, position) {}
  std::string ToString() const override;
  std::vector<std::string> name;
  ExpressionPtr value;
};

#undef DQ_SQL_STATEMENT_KIND

}  // namespace dq::sql
