// Expression nodes of the SQL AST, and TypeName (see ast.h for the overview).
//
// Every node is a plain struct with public fields, owned through std::unique_ptr by its
// parent. `position` is the byte offset in the SQL text of the node's first token, except for
// BinaryExpression, whose `position` is its left operand's and which also records
// `operator_position`. Walk expressions by switching on `kind` and calling `As<T>()`.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "sql/ast_node.h"

namespace dq::sql {

struct QueryExpression;  // ast_query.h
struct Expression;
using ExpressionPtr = std::unique_ptr<Expression>;
using ExpressionList = std::vector<ExpressionPtr>;

// A type as spelled: `INT64`, `STRING(10)`, `NUMERIC(10, 2)`, `ARRAY<INT64>`,
// `STRUCT<a INT64, STRING>`, `DOUBLE PRECISION`. The binder maps names to types.
struct TypeName {
  struct Field {
    std::string name;  // empty for ARRAY's element and for anonymous STRUCT fields
    std::unique_ptr<TypeName> type;
  };

  int64_t position = kNoPosition;
  std::string name;                 // upper-cased, e.g. "INT64", "VARCHAR", "DOUBLE PRECISION"
  std::vector<int64_t> parameters;  // STRING(10) -> {10}; NUMERIC(10, 2) -> {10, 2}
  std::vector<Field> fields;        // ARRAY: one unnamed field; STRUCT: its fields in order

  std::string ToString() const;
};

enum class ExpressionKind : uint8_t {
  kLiteral,       // Literal
  kInterval,      // IntervalLiteral
  kParameter,     // Parameter
  kPath,          // PathExpression: col, t.col, s.field (the binder resolves)
  kStar,          // StarExpression: *, t.* with EXCEPT / REPLACE
  kUnary,         // UnaryExpression
  kBinary,        // BinaryExpression
  kIs,            // IsExpression: IS [NOT] NULL / TRUE / FALSE
  kBetween,       // BetweenExpression
  kLike,          // LikeExpression
  kInList,        // InListExpression: x IN (1, 2)
  kInSubquery,    // InSubqueryExpression: x IN (SELECT ...)
  kInUnnest,      // InUnnestExpression: x IN UNNEST(array)
  kFunctionCall,  // FunctionCall, also aggregates and window functions
  kCast,          // CastExpression: CAST / SAFE_CAST
  kCase,          // CaseExpression
  kExtract,       // ExtractExpression
  kSubquery,      // SubqueryExpression: (SELECT ...), EXISTS(...), ARRAY(SELECT ...)
  kArray,         // ArrayConstructor
  kStruct,        // StructConstructor
  kFieldAccess,   // FieldAccess: (expr).field
  kSubscript,     // Subscript: arr[OFFSET(1)]
  kDefault,       // DefaultExpression: DEFAULT in INSERT VALUES / UPDATE SET
};

struct Expression {
  Expression(ExpressionKind kind, int64_t position) : kind(kind), position(position) {}
  virtual ~Expression() = default;

  // Canonical SQL text. Operators are fully parenthesized, e.g. `(a + (b * c))`.
  virtual std::string ToString() const = 0;

  // Downcast. REQUIRES: kind == T::kKind (checked).
  template <typename T>
  const T& As() const {
    DQ_CHECK(kind == T::kKind);
    return static_cast<const T&>(*this);
  }
  template <typename T>
  T& As() {
    DQ_CHECK(kind == T::kKind);
    return static_cast<T&>(*this);
  }

  const ExpressionKind kind;
  int64_t position;
};

enum class LiteralKind : uint8_t { kNull, kBool, kInteger, kFloat, kString, kBytes, kTyped };

// NULL, TRUE, 42, 1.5, 'text', b'bytes', and typed literals such as DATE '2024-01-31'.
struct Literal : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kLiteral;
  Literal(LiteralKind literal_kind, int64_t position)
      : Expression(kKind, position), literal_kind(literal_kind) {}
  std::string ToString() const override;

  LiteralKind literal_kind;
  bool bool_value = false;  // kBool
  int64_t int_value = 0;    // kInteger (a leading unary minus is folded in)
  double float_value = 0;   // kFloat
  // kFloat: the literal as written (with the folded minus); kString / kBytes: decoded contents;
  // kTyped: the decoded string after the type keyword.
  std::string text;
  // kTyped only: upper-cased type keyword: DATE, DATETIME, TIME, TIMESTAMP, NUMERIC,
  // BIGNUMERIC, JSON.
  std::string type_name;
};

// INTERVAL <value> <part> or INTERVAL '<text>' <part> TO <part>, e.g. INTERVAL 1 DAY,
// INTERVAL '1-2' YEAR TO MONTH. Part names are upper-cased and not validated.
struct IntervalLiteral : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kInterval;
  explicit IntervalLiteral(int64_t position) : Expression(kKind, position) {}
  std::string ToString() const override;

  ExpressionPtr value;
  std::string part;     // e.g. "DAY", "YEAR"
  std::string to_part;  // e.g. "MONTH" for YEAR TO MONTH; empty otherwise
};

// @name
struct Parameter : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kParameter;
  Parameter(std::string name, int64_t position) : Expression(kKind, position), name(name) {}
  std::string ToString() const override;

  std::string name;  // without '@'
};

// A dotted name: `col`, `t.col`, `ds.t.col`, `s.field.sub`. Names are kept as written (case
// preserved); the binder decides which prefix is a table, a column or a field. A quoted
// identifier with dots inside an expression is one name (it is split only in table paths).
struct PathExpression : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kPath;
  PathExpression(std::vector<std::string> names, int64_t position)
      : Expression(kKind, position), names(std::move(names)) {}
  std::string ToString() const override;

  std::vector<std::string> names;  // at least one
};

// `*` or `t.*` / `s.f.*`, with optional `EXCEPT (a, b)` and `REPLACE (expr AS name, ...)`.
// Only meaningful as a select item; the parser accepts it there.
struct StarExpression : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kStar;
  explicit StarExpression(int64_t position) : Expression(kKind, position) {}
  std::string ToString() const override;

  struct Replacement {
    ExpressionPtr expression;
    std::string name;
  };
  std::vector<std::string> qualifier;  // empty for a bare `*`
  std::vector<std::string> except_columns;
  std::vector<Replacement> replacements;
};

enum class UnaryOperator : uint8_t { kMinus, kPlus, kNot, kBitwiseNot };

struct UnaryExpression : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kUnary;
  UnaryExpression(UnaryOperator op, ExpressionPtr operand, int64_t position)
      : Expression(kKind, position), op(op), operand(std::move(operand)) {}
  std::string ToString() const override;

  UnaryOperator op;
  ExpressionPtr operand;
};

enum class BinaryOperator : uint8_t {
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kConcat,  // + - * / ||
  kEqual,
  kNotEqual,
  kLess,
  kLessOrEqual,
  kGreater,
  kGreaterOrEqual,  // = != (<>) < <= > >=
  kAnd,
  kOr,
  kBitwiseAnd,
  kBitwiseOr,
  kBitwiseXor,
  kShiftLeft,
  kShiftRight,  // & | ^ << >>
};
// The operator as SQL text, e.g. "+", "AND", "!=".
std::string_view BinaryOperatorText(BinaryOperator op);

struct BinaryExpression : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kBinary;
  BinaryExpression(BinaryOperator op, ExpressionPtr left, ExpressionPtr right,
                   int64_t operator_position)
      : Expression(kKind, left->position),
        op(op),
        left(std::move(left)),
        right(std::move(right)),
        operator_position(operator_position) {}
  std::string ToString() const override;

  BinaryOperator op;
  ExpressionPtr left;
  ExpressionPtr right;
  int64_t operator_position;  // byte offset of the operator token
};

enum class IsTest : uint8_t { kNull, kTrue, kFalse, kDistinctFrom };

// operand IS [NOT] NULL / TRUE / FALSE, operand IS [NOT] DISTINCT FROM other
struct IsExpression : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kIs;
  explicit IsExpression(int64_t position) : Expression(kKind, position) {}
  std::string ToString() const override;

  ExpressionPtr operand;
  IsTest test = IsTest::kNull;
  bool negated = false;
  ExpressionPtr other;  // kDistinctFrom: the right operand
};

// operand [NOT] BETWEEN low AND high
struct BetweenExpression : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kBetween;
  explicit BetweenExpression(int64_t position) : Expression(kKind, position) {}
  std::string ToString() const override;

  ExpressionPtr operand;
  ExpressionPtr low;
  ExpressionPtr high;
  bool negated = false;
};

// operand [NOT] LIKE pattern
struct LikeExpression : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kLike;
  explicit LikeExpression(int64_t position) : Expression(kKind, position) {}
  std::string ToString() const override;

  ExpressionPtr operand;
  ExpressionPtr pattern;
  bool negated = false;
};

// operand [NOT] IN (value, ...)
struct InListExpression : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kInList;
  explicit InListExpression(int64_t position) : Expression(kKind, position) {}
  std::string ToString() const override;

  ExpressionPtr operand;
  ExpressionList values;  // at least one
  bool negated = false;
};

// operand [NOT] IN (query)
struct InSubqueryExpression : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kInSubquery;
  explicit InSubqueryExpression(int64_t position) : Expression(kKind, position) {}
  ~InSubqueryExpression() override;
  std::string ToString() const override;

  ExpressionPtr operand;
  std::unique_ptr<QueryExpression> query;
  bool negated = false;
};

// operand [NOT] IN UNNEST(array)
struct InUnnestExpression : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kInUnnest;
  explicit InUnnestExpression(int64_t position) : Expression(kKind, position) {}
  std::string ToString() const override;

  ExpressionPtr operand;
  ExpressionPtr array;
  bool negated = false;
};

// One ORDER BY item, used by queries, window specifications and aggregate calls.
struct OrderByItem {
  enum class Direction : uint8_t { kDefault, kAscending, kDescending };
  enum class Nulls : uint8_t { kDefault, kFirst, kLast };

  ExpressionPtr expression;
  Direction direction = Direction::kDefault;
  Nulls nulls = Nulls::kDefault;
  std::string ToString() const;
};
std::string OrderByToString(const std::vector<OrderByItem>& items);  // "ORDER BY a DESC, b"

// One end of a window frame.
struct FrameBound {
  enum class Kind : uint8_t {
    kUnboundedPreceding,
    kPreceding,
    kCurrentRow,
    kFollowing,
    kUnboundedFollowing
  };
  Kind kind = Kind::kCurrentRow;
  ExpressionPtr offset;  // kPreceding / kFollowing only
  std::string ToString() const;
};

// ROWS|RANGE BETWEEN start AND end, or ROWS|RANGE start (then `has_end` is false and the end
// is CURRENT ROW).
struct WindowFrame {
  enum class Unit : uint8_t { kRows, kRange };
  int64_t position = kNoPosition;
  Unit unit = Unit::kRows;
  FrameBound start;
  FrameBound end;
  bool has_end = false;
  std::string ToString() const;
};

// The contents of OVER (...) or of WINDOW name AS (...). `OVER w` is a spec with only
// `base_window` set.
struct WindowSpec {
  int64_t position = kNoPosition;
  std::string base_window;  // a named window this spec refines; empty if none
  ExpressionList partition_by;
  std::vector<OrderByItem> order_by;
  std::unique_ptr<WindowFrame> frame;  // may be null
  // Renders the parenthesized form `(w PARTITION BY ... ORDER BY ... ROWS ...)`.
  std::string ToString() const;
};

enum class NullHandling : uint8_t { kDefault, kIgnoreNulls, kRespectNulls };

// name(args) with the aggregate and analytic extras:
// `COUNT(*)`, `COUNT(DISTINCT x)`, `ARRAY_AGG(x IGNORE NULLS ORDER BY y LIMIT 3)`,
// `SUM(x) OVER (PARTITION BY g ORDER BY t ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)`.
// Keyword-named functions (IF, LEFT, RIGHT, GROUPING) and date-part arguments such as
// WEEK(MONDAY) are FunctionCalls too; bare parts such as MONTH are PathExpressions.
struct FunctionCall : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kFunctionCall;
  explicit FunctionCall(int64_t position) : Expression(kKind, position) {}
  std::string ToString() const override;

  std::vector<std::string> name;  // {"COUNT"}, {"SAFE", "SUBSTR"}, {"ML", "DISTANCE"}; as written
  ExpressionList arguments;
  bool star_argument = false;  // COUNT(*): then `arguments` is empty
  bool distinct = false;
  NullHandling null_handling = NullHandling::kDefault;
  std::vector<OrderByItem> order_by;  // inside the call
  ExpressionPtr limit;                // inside the call; may be null
  std::unique_ptr<WindowSpec> over;   // analytic call when non-null
};

// CAST(operand AS type [FORMAT format]) and SAFE_CAST(...).
struct CastExpression : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kCast;
  explicit CastExpression(int64_t position) : Expression(kKind, position) {}
  std::string ToString() const override;

  ExpressionPtr operand;
  std::unique_ptr<TypeName> type;
  ExpressionPtr format;  // may be null
  bool safe = false;
};

// CASE [operand] WHEN .. THEN .. [ELSE ..] END. `operand` is null for the searched form.
struct CaseExpression : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kCase;
  explicit CaseExpression(int64_t position) : Expression(kKind, position) {}
  std::string ToString() const override;

  struct WhenClause {
    ExpressionPtr condition;  // a boolean (searched) or a value compared to `operand`
    ExpressionPtr result;
  };
  ExpressionPtr operand;                 // may be null
  std::vector<WhenClause> when_clauses;  // at least one
  ExpressionPtr else_result;             // may be null
};

// EXTRACT(part FROM operand [AT TIME ZONE time_zone]); part may carry an argument,
// e.g. WEEK(MONDAY) gives part "WEEK" and part_argument "MONDAY".
struct ExtractExpression : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kExtract;
  explicit ExtractExpression(int64_t position) : Expression(kKind, position) {}
  std::string ToString() const override;

  std::string part;           // upper-cased
  std::string part_argument;  // upper-cased; empty if none
  ExpressionPtr operand;
  ExpressionPtr time_zone;  // may be null
};

enum class SubqueryKind : uint8_t { kScalar, kExists, kArray };

// (query), EXISTS(query), ARRAY(query).
struct SubqueryExpression : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kSubquery;
  SubqueryExpression(SubqueryKind subquery_kind, int64_t position)
      : Expression(kKind, position), subquery_kind(subquery_kind) {}
  ~SubqueryExpression() override;
  std::string ToString() const override;

  SubqueryKind subquery_kind;
  std::unique_ptr<QueryExpression> query;
};

// [a, b], ARRAY[a, b], ARRAY<INT64>[a, b].
struct ArrayConstructor : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kArray;
  explicit ArrayConstructor(int64_t position) : Expression(kKind, position) {}
  std::string ToString() const override;

  std::unique_ptr<TypeName> type;  // the whole ARRAY<T> type when written; may be null
  ExpressionList elements;
  bool array_keyword = false;  // written with ARRAY
};

// STRUCT(1 AS a, 'x'), STRUCT<a INT64>(1), and tuples (1, 'x') with two or more elements.
struct StructConstructor : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kStruct;
  explicit StructConstructor(int64_t position) : Expression(kKind, position) {}
  std::string ToString() const override;

  struct Field {
    ExpressionPtr expression;
    std::string alias;  // empty when none
  };
  std::unique_ptr<TypeName> type;  // STRUCT<...> when written; may be null
  std::vector<Field> fields;
  bool tuple_syntax = false;  // written as (a, b) without STRUCT
};

// operand.field where operand is not a plain path: (s).a, f(x).a, arr[OFFSET(0)].a.
struct FieldAccess : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kFieldAccess;
  FieldAccess(ExpressionPtr operand, std::string field, int64_t position)
      : Expression(kKind, position), operand(std::move(operand)), field(std::move(field)) {}
  std::string ToString() const override;

  ExpressionPtr operand;
  std::string field;
};

enum class SubscriptMode : uint8_t { kPlain, kOffset, kOrdinal, kSafeOffset, kSafeOrdinal };

// operand[index], operand[OFFSET(index)], [ORDINAL(..)], [SAFE_OFFSET(..)], [SAFE_ORDINAL(..)].
struct Subscript : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kSubscript;
  explicit Subscript(int64_t position) : Expression(kKind, position) {}
  std::string ToString() const override;

  ExpressionPtr operand;
  ExpressionPtr index;
  SubscriptMode mode = SubscriptMode::kPlain;
};

// The DEFAULT keyword as a value in INSERT ... VALUES and UPDATE ... SET.
struct DefaultExpression : Expression {
  static constexpr ExpressionKind kKind = ExpressionKind::kDefault;
  explicit DefaultExpression(int64_t position) : Expression(kKind, position) {}
  std::string ToString() const override { return "DEFAULT"; }
};

}  // namespace dq::sql
