// Binder: analytic function calls (see window_binder.h).
#include "plan/window_binder.h"

#include <algorithm>
#include <cmath>

#include "common/ascii.h"
#include "common/error.h"
#include "functions/function_registry.h"
#include "plan/binder.h"
#include "plan/coercion.h"
#include "plan/expression_binder.h"

namespace dq {

namespace {

struct NavigationInfo {
  const char* name;
  WindowFunctionKind kind;
  size_t min_arguments;
  size_t max_arguments;
  bool framed;            // accepts a window frame
  bool requires_order;    // needs ORDER BY in the window
};

constexpr NavigationInfo kAnalyticFunctions[] = {
    {"ROW_NUMBER", WindowFunctionKind::kRowNumber, 0, 0, false, false},
    {"RANK", WindowFunctionKind::kRank, 0, 0, false, true},
    {"DENSE_RANK", WindowFunctionKind::kDenseRank, 0, 0, false, true},
    {"PERCENT_RANK", WindowFunctionKind::kPercentRank, 0, 0, false, true},
    {"CUME_DIST", WindowFunctionKind::kCumeDist, 0, 0, false, true},
    {"NTILE", WindowFunctionKind::kNtile, 1, 1, false, true},
    {"LAG", WindowFunctionKind::kLag, 1, 3, false, true},
    {"LEAD", WindowFunctionKind::kLead, 1, 3, false, true},
    {"FIRST_VALUE", WindowFunctionKind::kFirstValue, 1, 1, true, false},
    {"LAST_VALUE", WindowFunctionKind::kLastValue, 1, 1, true, false},
    {"NTH_VALUE", WindowFunctionKind::kNthValue, 2, 2, true, false},
};

const NavigationInfo* FindAnalyticFunction(const std::string& name) {
  for (const NavigationInfo& info : kAnalyticFunctions) {
    if (name == info.name) return &info;
  }
  return nullptr;
}

// The parts of an OVER clause after following references to named windows.
struct ResolvedSpec {
  const sql::ExpressionList* partition_by = nullptr;
  const std::vector<sql::OrderByItem>* order_by = nullptr;
  const sql::WindowFrame* frame = nullptr;
};

// Resolves `spec` against the first `visible` entries of the WINDOW clause.
ResolvedSpec ResolveSpec(const sql::WindowSpec& spec, const std::vector<sql::NamedWindow>* named,
                         size_t visible) {
  ResolvedSpec resolved;
  if (!spec.base_window.empty()) {
    size_t found = visible;
    for (size_t index = 0; named && index < visible; ++index) {
      if (IdentifierEquals((*named)[index].name, spec.base_window)) found = index;
    }
    if (found == visible) {
      throw Error(ErrorKind::kBinding, "Unrecognized window alias " + spec.base_window,
                  spec.position);
    }
    resolved = ResolveSpec((*named)[found].spec, named, found);
    if (!spec.partition_by.empty()) {
      throw Error(ErrorKind::kBinding,
                  "PARTITION BY is not allowed when referencing the named window " +
                      spec.base_window,
                  spec.partition_by[0]->position);
    }
    if (!spec.order_by.empty() && !resolved.order_by->empty()) {
      throw Error(ErrorKind::kBinding,
                  "ORDER BY is not allowed because the named window " + spec.base_window +
                      " already has an ORDER BY",
                  spec.order_by[0].expression->position);
    }
    if (resolved.frame && (!spec.order_by.empty() || spec.frame)) {
      throw Error(ErrorKind::kBinding,
                  "The named window " + spec.base_window +
                      " has a window frame and cannot be refined",
                  spec.position);
    }
  } else {
    resolved.partition_by = &spec.partition_by;
    resolved.order_by = &spec.order_by;
  }
  if (!spec.order_by.empty()) resolved.order_by = &spec.order_by;
  if (spec.frame) resolved.frame = spec.frame.get();
  return resolved;
}

WindowFrameBound::Kind BoundKind(sql::FrameBound::Kind kind) {
  switch (kind) {
    case sql::FrameBound::Kind::kUnboundedPreceding:
      return WindowFrameBound::Kind::kUnboundedPreceding;
    case sql::FrameBound::Kind::kPreceding: return WindowFrameBound::Kind::kPreceding;
    case sql::FrameBound::Kind::kCurrentRow: return WindowFrameBound::Kind::kCurrentRow;
    case sql::FrameBound::Kind::kFollowing: return WindowFrameBound::Kind::kFollowing;
    case sql::FrameBound::Kind::kUnboundedFollowing:
      return WindowFrameBound::Kind::kUnboundedFollowing;
  }
  return WindowFrameBound::Kind::kCurrentRow;
}

bool IsNegative(const Value& value) {
  switch (value.type().id()) {
    case TypeId::kInt64: return value.int64_value() < 0;
    case TypeId::kFloat64: return value.float64_value() < 0 || std::isnan(value.float64_value());
    case TypeId::kNumeric: return value.numeric_value() < 0;
    default: return false;
  }
}

// Binds one PRECEDING/FOLLOWING offset: a constant, non-negative, of `type`.
Value BindFrameOffset(Binder& binder, const sql::Expression& offset, const LogicalType& type) {
  Value value = binder.BindConstant(offset, "window frame");
  if (value.is_null()) {
    throw Error(ErrorKind::kOutOfRange, "The boundary offset value cannot be null",
                offset.position);
  }
  if (!CoercionCost(value.type(), type, true)) {
    throw Error(ErrorKind::kBinding,
                "Window frame offset of type " + value.type().ToString() +
                    " does not match the ORDER BY key of type " + type.ToString(),
                offset.position);
  }
  value = CoerceTo(MakeConstant(value, offset.position), type)->value;
  if (IsNegative(value)) {
    bool nan = value.type().id() == TypeId::kFloat64 && std::isnan(value.float64_value());
    throw Error(ErrorKind::kOutOfRange,
                "Window frame offset for PRECEDING or FOLLOWING must be non-negative, but was " +
                    (nan ? std::string("nan") : value.ToString()),
                offset.position);
  }
  return value;
}

WindowFrameSpec BindFrame(Binder& binder, const sql::WindowFrame& frame,
                          const std::vector<OrderItem>& orders) {
  WindowFrameSpec bound;
  bound.unit = frame.unit == sql::WindowFrame::Unit::kRows ? WindowFrameSpec::Unit::kRows
                                                            : WindowFrameSpec::Unit::kRange;
  bound.start.kind = BoundKind(frame.start.kind);
  bound.end.kind = frame.has_end ? BoundKind(frame.end.kind) : WindowFrameBound::Kind::kCurrentRow;
  if (bound.start.kind == WindowFrameBound::Kind::kUnboundedFollowing) {
    throw Error(ErrorKind::kBinding, "Window frame start cannot be UNBOUNDED FOLLOWING",
                frame.position);
  }
  if (bound.end.kind == WindowFrameBound::Kind::kUnboundedPreceding) {
    throw Error(ErrorKind::kBinding, "Window frame end cannot be UNBOUNDED PRECEDING",
                frame.position);
  }
  if (bound.start.kind > bound.end.kind) {
    throw Error(ErrorKind::kBinding,
                "Window frame start " + frame.start.ToString() +
                    " cannot come after the frame end " +
                    (frame.has_end ? frame.end.ToString() : std::string("CURRENT ROW")),
                frame.position);
  }
  bool has_offset = false;
  for (const WindowFrameBound* end : {&bound.start, &bound.end}) {
    has_offset |= end->kind == WindowFrameBound::Kind::kPreceding ||
                  end->kind == WindowFrameBound::Kind::kFollowing;
  }
  LogicalType offset_type(TypeId::kInt64);
  if (has_offset && bound.unit == WindowFrameSpec::Unit::kRange) {
    if (orders.size() != 1) {
      throw Error(ErrorKind::kBinding,
                  "A RANGE-based window with OFFSET PRECEDING or OFFSET FOLLOWING boundaries "
                  "must have exactly one ORDER BY key",
                  frame.position);
    }
    offset_type = orders[0].expression->type;
    TypeId id = offset_type.id();
    if (id != TypeId::kInt64 && id != TypeId::kFloat64 && id != TypeId::kNumeric) {
      throw Error(ErrorKind::kBinding,
                  "ORDER BY key must be numeric in a RANGE-based window with OFFSET PRECEDING or "
                  "OFFSET FOLLOWING boundaries, but has type " +
                      offset_type.ToString(),
                  orders[0].expression->position);
    }
  }
  const sql::FrameBound* ast_bounds[] = {&frame.start, &frame.end};
  WindowFrameBound* bound_ends[] = {&bound.start, &bound.end};
  for (size_t side = 0; side < 2; ++side) {
    WindowFrameBound::Kind kind = bound_ends[side]->kind;
    if (kind != WindowFrameBound::Kind::kPreceding && kind != WindowFrameBound::Kind::kFollowing) {
      continue;
    }
    bound_ends[side]->offset = BindFrameOffset(binder, *ast_bounds[side]->offset, offset_type);
  }
  return bound;
}

// A constant INT64 argument (LAG/LEAD offset, NTILE buckets, NTH_VALUE n).
int64_t ConstantInteger(ExpressionPtr argument, const std::string& what, int64_t position,
                        bool allow_zero) {
  if (!argument->IsConstant()) {
    throw Error(ErrorKind::kBinding, what + " must be a constant", position);
  }
  if (argument->value.is_null()) {
    throw Error(ErrorKind::kOutOfRange, what + " must not be null", position);
  }
  if (!CoercionCost(argument->type, LogicalType(TypeId::kInt64), true)) {
    throw Error(ErrorKind::kBinding, what + " must be of type INT64, but has type " +
                                         argument->type.ToString(),
                position);
  }
  int64_t value = CoerceTo(std::move(argument), LogicalType(TypeId::kInt64))->value.int64_value();
  if (value < 0 || (value == 0 && !allow_zero)) {
    throw Error(ErrorKind::kOutOfRange,
                what + (allow_zero ? " must not be negative" : " must be positive"), position);
  }
  return value;
}

std::string WindowKey(const BoundWindowFunction& function) {
  std::string key = function.name + "|" + std::to_string(function.parameter) + "|" +
                    function.default_value.ToString() + (function.ignore_nulls ? "|I" : "|R");
  if (function.kind == WindowFunctionKind::kAggregate) {
    key += function.aggregate.function->name + (function.aggregate.distinct ? "D" : "");
  }
  function.ForEachExpression([&](const ExpressionPtr& expression) {
    key += "|" + expression->Fingerprint();
  });
  return key + function.SortFingerprint() + function.frame.ToString();
}

}  // namespace

void CheckNamedWindows(const std::vector<sql::NamedWindow>& windows) {
  for (size_t index = 0; index < windows.size(); ++index) {
    for (size_t other = 0; other < index; ++other) {
      if (IdentifierEquals(windows[other].name, windows[index].name)) {
        throw Error(ErrorKind::kBinding, "Duplicate window alias " + windows[index].name,
                    windows[index].spec.position);
      }
    }
    ResolveSpec(windows[index].spec, &windows, index);
  }
}

LogicalOperatorPtr ApplyWindows(LogicalOperatorPtr plan, WindowCollector& windows) {
  if (windows.functions.empty()) return plan;
  auto window = std::make_unique<LogicalWindow>();
  window->window_index = windows.window_index;
  window->functions = std::move(windows.functions);
  windows.functions.clear();
  window->children.push_back(std::move(plan));
  return window;
}

ExpressionPtr ExpressionBinder::BindAnalytic(const sql::FunctionCall& call) {
  std::string written;
  for (size_t index = 0; index < call.name.size(); ++index) {
    written += (index > 0 ? "." : "") + call.name[index];
  }
  std::string name = AsciiUpper(written);
  if (inside_aggregate_) {
    throw Error(ErrorKind::kBinding, "Analytic functions cannot be arguments to aggregate functions",
                call.position);
  }
  if (inside_analytic_) {
    throw Error(ErrorKind::kBinding, "Analytic functions cannot be arguments to analytic functions",
                call.position);
  }
  if (!windows_) {
    throw Error(ErrorKind::kBinding, std::string("Analytic function not allowed in ") + clause_,
                call.position);
  }
  const NavigationInfo* info = FindAnalyticFunction(name);
  const FunctionRegistry& registry = FunctionRegistry::Get();
  bool is_aggregate = !info && (call.star_argument || registry.FindAggregate(name));
  if (!info && !is_aggregate) {
    if (registry.FindScalar(name)) {
      throw Error(ErrorKind::kBinding, "Function " + name + " does not support an OVER clause",
                  call.position);
    }
    throw Error(ErrorKind::kBinding, "Function not found: " + written, call.position);
  }
  if (!call.order_by.empty() || call.limit) {
    throw Error(ErrorKind::kBinding,
                "ORDER BY and LIMIT are not allowed in the arguments of analytic function " + name,
                call.position);
  }
  if (call.distinct && !is_aggregate) {
    throw Error(ErrorKind::kBinding, "DISTINCT is not allowed for analytic function " + name,
                call.position);
  }
  bool allows_null_handling = info && (info->kind == WindowFunctionKind::kFirstValue ||
                                       info->kind == WindowFunctionKind::kLastValue ||
                                       info->kind == WindowFunctionKind::kNthValue);
  if (call.null_handling != sql::NullHandling::kDefault && !allows_null_handling) {
    throw Error(ErrorKind::kBinding,
                "IGNORE NULLS and RESPECT NULLS are not supported for analytic function " + name,
                call.position);
  }
  ResolvedSpec spec = ResolveSpec(*call.over, windows_->named_windows,
                                  windows_->named_windows ? windows_->named_windows->size() : 0);

  BoundWindowFunction function;
  function.name = name;
  function.position = call.position;
  function.ignore_nulls = call.null_handling == sql::NullHandling::kIgnoreNulls;
  std::vector<ExpressionPtr> arguments;
  inside_analytic_ = true;
  try {
    for (const auto& partition : *spec.partition_by) {
      ExpressionPtr bound = Bind(*partition);
      if (!bound->type.SupportsEquality() || !bound->type.SupportsOrdering()) {
        throw Error(ErrorKind::kBinding,
                    "Partitioning by expressions of type " + bound->type.ToString() +
                        " is not allowed",
                    partition->position);
      }
      function.partitions.push_back(std::move(bound));
    }
    for (const sql::OrderByItem& item : *spec.order_by) {
      OrderItem order;
      order.expression = Bind(*item.expression);
      if (!order.expression->type.SupportsOrdering()) {
        throw Error(ErrorKind::kBinding,
                    "Ordering by expressions of type " + order.expression->type.ToString() +
                        " is not allowed",
                    item.expression->position);
      }
      order.descending = item.direction == sql::OrderByItem::Direction::kDescending;
      order.nulls_first = item.nulls == sql::OrderByItem::Nulls::kDefault
                              ? !order.descending
                              : item.nulls == sql::OrderByItem::Nulls::kFirst;
      function.orders.push_back(std::move(order));
    }
    for (const auto& argument : call.arguments) arguments.push_back(Bind(*argument));
  } catch (...) {
    inside_analytic_ = false;
    throw;
  }
  inside_analytic_ = false;

  std::string lower = AsciiLower(name);
  if (spec.frame && info && !info->framed) {
    throw Error(ErrorKind::kBinding,
                "Window framing clause is not allowed for analytic function " + lower,
                spec.frame->position);
  }
  if (info && info->requires_order && function.orders.empty()) {
    throw Error(ErrorKind::kBinding, "Window ORDER BY is required for analytic function " + lower,
                call.position);
  }
  if (spec.frame) function.frame = BindFrame(binder_, *spec.frame, function.orders);

  if (is_aggregate) {
    if (call.distinct && !function.orders.empty()) {
      throw Error(ErrorKind::kBinding,
                  "DISTINCT is not allowed in analytic function " + name +
                      " with an ORDER BY in its window",
                  call.position);
    }
    function.kind = WindowFunctionKind::kAggregate;
    function.aggregate = ResolveAggregate(name, call.star_argument ? "COUNT_STAR" : name,
                                          std::move(arguments), call.distinct, call.position);
    function.return_type = function.aggregate.return_type;
  } else {
    function.kind = info->kind;
    if (arguments.size() < info->min_arguments || arguments.size() > info->max_arguments) {
      throw Error(ErrorKind::kBinding,
                  "Number of arguments does not match for analytic function " + name,
                  call.position);
    }
    switch (function.kind) {
      case WindowFunctionKind::kPercentRank:
      case WindowFunctionKind::kCumeDist:
        function.return_type = LogicalType(TypeId::kFloat64);
        break;
      case WindowFunctionKind::kNtile:
        function.parameter =
            ConstantInteger(std::move(arguments[0]),
                            "The N value (number of buckets) for the NTILE function",
                            call.arguments[0]->position, false);
        arguments.clear();
        function.return_type = LogicalType(TypeId::kInt64);
        break;
      case WindowFunctionKind::kLag:
      case WindowFunctionKind::kLead: {
        if (arguments.size() >= 2) {
          function.parameter = ConstantInteger(std::move(arguments[1]),
                                               "The offset to the function " + name,
                                               call.arguments[1]->position, true);
        }
        LogicalType type = arguments[0]->type;
        if (arguments.size() == 3) {
          if (!arguments[2]->IsConstant()) {
            throw Error(ErrorKind::kBinding,
                        "The third argument (the default expression) to " + name +
                            " must be constant",
                        call.arguments[2]->position);
          }
          auto common = CommonSupertype({arguments[0]->type, arguments[2]->type},
                                        {arguments[0]->IsConstant(), true});
          if (!common) {
            throw Error(ErrorKind::kBinding,
                        "The default value of " + name + " has type " +
                            arguments[2]->type.ToString() + ", which does not match " +
                            arguments[0]->type.ToString(),
                        call.arguments[2]->position);
          }
          type = *common;
        }
        if (type.id() == TypeId::kNull) type = LogicalType(TypeId::kInt64);
        if (arguments.size() == 3) {
          function.default_value = CoerceTo(std::move(arguments[2]), type)->value;
        } else {
          function.default_value = Value::Null(type);
        }
        arguments.resize(1);
        arguments[0] = CoerceTo(std::move(arguments[0]), type);
        function.return_type = type;
        break;
      }
      case WindowFunctionKind::kNthValue:
        function.parameter = ConstantInteger(std::move(arguments[1]),
                                             "The N value for the NTH_VALUE function",
                                             call.arguments[1]->position, false);
        arguments.resize(1);
        [[fallthrough]];
      case WindowFunctionKind::kFirstValue:
      case WindowFunctionKind::kLastValue:
        if (arguments[0]->type.id() == TypeId::kNull) {
          arguments[0] = CoerceTo(std::move(arguments[0]), LogicalType(TypeId::kInt64));
        }
        function.return_type = arguments[0]->type;
        break;
      default: function.return_type = LogicalType(TypeId::kInt64); break;
    }
    function.arguments = std::move(arguments);
  }

  // Reuse an identical call already collected.
  std::string text = call.ToString();
  std::string key = WindowKey(function);
  size_t index = 0;
  while (index < windows_->functions.size() && WindowKey(windows_->functions[index]) != key) {
    ++index;
  }
  if (index == windows_->functions.size()) windows_->functions.push_back(std::move(function));
  ExpressionPtr reference = MakeColumnRef({windows_->window_index, static_cast<uint32_t>(index)},
                                          windows_->functions[index].return_type, text);
  reference->position = call.position;
  return reference;
}

}  // namespace dq
