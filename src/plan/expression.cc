#include "plan/expression.h"

#include "common/error.h"

namespace dq {

std::unique_ptr<Expression> Expression::Copy() const {
  auto copy = std::make_unique<Expression>();
  copy->kind = kind;
  copy->type = type;
  copy->position = position;
  copy->alias = alias;
  copy->binding = binding;
  copy->index = index;
  copy->name = name;
  copy->value = value;
  copy->function = function;
  copy->bind_data = bind_data;
  copy->safe = safe;
  for (const auto& child : children) copy->children.push_back(child->Copy());
  return copy;
}

namespace {

std::string OperatorSymbol(const std::string& name) {
  if (name == "$add") return "+";
  if (name == "$subtract") return "-";
  if (name == "$multiply") return "*";
  if (name == "$divide" || name == "$integer_divide") return "/";
  if (name == "$equal") return "=";
  if (name == "$not_equal") return "!=";
  if (name == "$less") return "<";
  if (name == "$less_equal") return "<=";
  if (name == "$greater") return ">";
  if (name == "$greater_equal") return ">=";
  if (name == "$concat") return "||";
  if (name == "$like") return "LIKE";
  if (name == "$bitwise_and") return "&";
  if (name == "$bitwise_or") return "|";
  if (name == "$bitwise_xor") return "^";
  if (name == "$shift_left") return "<<";
  if (name == "$shift_right") return ">>";
  return "";
}

std::string JoinChildren(const std::vector<ExpressionPtr>& children, const char* separator) {
  std::string out;
  for (size_t index = 0; index < children.size(); ++index) {
    if (index > 0) out += separator;
    out += children[index]->ToString();
  }
  return out;
}

}  // namespace

namespace {
thread_local bool print_bindings = false;
}  // namespace

std::string Expression::Fingerprint() const {
  bool previous = print_bindings;
  print_bindings = true;
  std::string text = ToString();
  print_bindings = previous;
  return text + ":" + type.ToString();
}

std::string Expression::ToString() const {
  switch (kind) {
    case ExpressionKind::kColumnRef:
      if (print_bindings) {
        return "#" + std::to_string(binding.table) + "." + std::to_string(binding.column);
      }
      return name.empty() ? "#" + std::to_string(index) : name;
    case ExpressionKind::kConstant:
      return value.ToSqlLiteral();
    case ExpressionKind::kFunction: {
      std::string function_name = function ? function->name : "?";
      std::string symbol = OperatorSymbol(function_name);
      if (!symbol.empty() && children.size() == 2) {
        return "(" + children[0]->ToString() + " " + symbol + " " + children[1]->ToString() + ")";
      }
      if (function_name == "$negate") return "-" + children[0]->ToString();
      if (function_name == "$bitwise_not") return "~" + children[0]->ToString();
      if (!function_name.empty() && function_name[0] == '$')
        function_name = function_name.substr(1);
      std::string described = bind_data ? bind_data->Describe() : "";
      return (safe ? "SAFE." : "") + function_name + "(" + JoinChildren(children, ", ") +
             (described.empty() ? "" : ", " + described) + ")";
    }
    case ExpressionKind::kCast:
      return std::string(safe ? "SAFE_CAST(" : "CAST(") + children[0]->ToString() + " AS " +
             type.ToString() + ")";
    case ExpressionKind::kAnd:
      return "(" + JoinChildren(children, " AND ") + ")";
    case ExpressionKind::kOr:
      return "(" + JoinChildren(children, " OR ") + ")";
    case ExpressionKind::kNot:
      return "NOT " + children[0]->ToString();
    case ExpressionKind::kIsNull:
      return children[0]->ToString() + " IS NULL";
    case ExpressionKind::kIsNotNull:
      return children[0]->ToString() + " IS NOT NULL";
    case ExpressionKind::kCase: {
      std::string out = "CASE";
      for (size_t index = 0; index + 1 < children.size(); index += 2) {
        out += " WHEN " + children[index]->ToString() + " THEN " + children[index + 1]->ToString();
      }
      return out + " ELSE " + children.back()->ToString() + " END";
    }
    case ExpressionKind::kCoalesce:
      return "COALESCE(" + JoinChildren(children, ", ") + ")";
  }
  return "?";
}

bool Expression::IsFoldable() const {
  if (kind == ExpressionKind::kColumnRef) return false;
  if (kind == ExpressionKind::kFunction && function && !function->deterministic) return false;
  for (const auto& child : children) {
    if (!child->IsFoldable()) return false;
  }
  return true;
}

ExpressionPtr MakeConstant(Value value, int64_t position) {
  auto expression = std::make_unique<Expression>();
  expression->kind = ExpressionKind::kConstant;
  expression->type = value.type();
  expression->value = std::move(value);
  expression->position = position;
  return expression;
}

ExpressionPtr MakeColumnRef(ColumnBinding binding, LogicalType type, std::string name) {
  auto expression = std::make_unique<Expression>();
  expression->kind = ExpressionKind::kColumnRef;
  expression->type = std::move(type);
  expression->binding = binding;
  expression->name = std::move(name);
  return expression;
}

namespace {

thread_local const TimeZone* binding_time_zone = nullptr;

bool IsCivil(TypeId id) {
  return id == TypeId::kString || id == TypeId::kDate || id == TypeId::kDatetime ||
         id == TypeId::kTime;
}

// Whether a cast from `from` to `to` (or between arrays/structs of them) reads civil time.
bool CastDependsOnZone(const LogicalType& from, const LogicalType& to) {
  if (from.id() == TypeId::kArray && to.id() == TypeId::kArray) {
    return CastDependsOnZone(from.element_type(), to.element_type());
  }
  if (from.id() == TypeId::kStruct && to.id() == TypeId::kStruct) {
    if (from.fields().size() != to.fields().size()) return false;
    for (size_t field = 0; field < from.fields().size(); ++field) {
      if (CastDependsOnZone(*from.fields()[field].type, *to.fields()[field].type)) return true;
    }
    return false;
  }
  return (from.id() == TypeId::kTimestamp && IsCivil(to.id())) ||
         (to.id() == TypeId::kTimestamp && IsCivil(from.id()));
}

}  // namespace

BindingTimeZoneScope::BindingTimeZoneScope(const TimeZone* zone) : previous_(binding_time_zone) {
  binding_time_zone = zone;
}

BindingTimeZoneScope::~BindingTimeZoneScope() { binding_time_zone = previous_; }

const TimeZone* BindingTimeZoneScope::Current() { return binding_time_zone; }

ExpressionPtr MakeCast(ExpressionPtr child, LogicalType type, bool safe) {
  auto expression = std::make_unique<Expression>();
  expression->kind = ExpressionKind::kCast;
  expression->type = std::move(type);
  expression->position = child->position;
  expression->safe = safe;
  const TimeZone* zone = binding_time_zone;
  if (zone != nullptr && !zone->is_utc() && CastDependsOnZone(child->type, expression->type)) {
    expression->bind_data = std::make_shared<CastTimeZoneData>(*zone);
  }
  expression->children.push_back(std::move(child));
  return expression;
}

ExpressionPtr MakeFunction(const ScalarFunction* function, std::vector<ExpressionPtr> arguments,
                           LogicalType return_type, std::shared_ptr<FunctionData> bind_data,
                           int64_t position) {
  auto expression = std::make_unique<Expression>();
  expression->kind = ExpressionKind::kFunction;
  expression->function = function;
  expression->type = std::move(return_type);
  expression->bind_data = std::move(bind_data);
  expression->position = position;
  expression->children = std::move(arguments);
  return expression;
}

ExpressionPtr MakeConjunction(ExpressionKind kind, std::vector<ExpressionPtr> children) {
  DQ_CHECK(!children.empty());
  if (children.size() == 1) return std::move(children[0]);
  auto expression = std::make_unique<Expression>();
  expression->kind = kind;
  expression->type = TypeId::kBool;
  expression->position = children[0]->position;
  expression->children = std::move(children);
  return expression;
}

ExpressionPtr SubstituteColumnRefs(ExpressionPtr expression, uint32_t table_index,
                                   const std::vector<ExpressionPtr>& replacements) {
  if (expression->kind == ExpressionKind::kColumnRef && expression->binding.table == table_index) {
    return replacements[expression->binding.column]->Copy();
  }
  for (auto& child : expression->children) {
    child = SubstituteColumnRefs(std::move(child), table_index, replacements);
  }
  return expression;
}

void SplitConjunction(ExpressionPtr expression, std::vector<ExpressionPtr>& terms) {
  if (expression->kind == ExpressionKind::kAnd) {
    for (auto& child : expression->children) SplitConjunction(std::move(child), terms);
    return;
  }
  terms.push_back(std::move(expression));
}

}  // namespace dq
