// Regular expression functions with RE2 semantics, on STRING (UTF-8, positions in characters)
// and BYTES (Latin-1, positions in bytes):
//   REGEXP_CONTAINS(value, regexp)                       BOOL
//   REGEXP_EXTRACT / REGEXP_SUBSTR(value, regexp[, position[, occurrence]])
//                                                        the match, or its one capturing group
//   REGEXP_EXTRACT_ALL(value, regexp)                    ARRAY of all non-overlapping matches
//   REGEXP_REPLACE(value, regexp, replacement)           `\1`..`\9` insert groups, `\0` the match
//   REGEXP_INSTR(value, regexp[, position[, occurrence[, occurrence_position]]])
//                                                        1-based position of a match, 0 if none
//
// A constant pattern is compiled once at bind time (bind_data); other patterns once per
// distinct value in a batch. A pattern RE2 rejects is an error when a row uses it ("Cannot
// parse regular expression: missing ): (", kOutOfRange), so SAFE. turns it into NULL. A
// pattern with more than one capturing group is an error in the extraction functions.
// An empty match advances by one character, as in GoogleSQL.
#include <re2/re2.h>

#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "common/utf8.h"
#include "functions/array_result.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/scalar/string_kernels.h"

namespace dq {

namespace {

enum class RegexpFunction { kContains, kExtract, kExtractAll, kReplace, kInstr };

// A compiled pattern, or the error RE2 reported for it.
class CompiledRegexp : public FunctionData {
 public:
  CompiledRegexp(std::string_view pattern, bool utf8) {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_encoding(utf8 ? RE2::Options::EncodingUTF8 : RE2::Options::EncodingLatin1);
    regexp_ = std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  }

  // The compiled expression; throws the compile error if there was one.
  const RE2& Get() const {
    if (!regexp_->ok()) {
      throw Error(ErrorKind::kOutOfRange, "Cannot parse regular expression: " + regexp_->error());
    }
    return *regexp_;
  }

 private:
  std::unique_ptr<RE2> regexp_;
};

// Resolves the pattern of each row: the bound one, or a per-batch cache by pattern text.
class PatternSource {
 public:
  PatternSource(const FunctionData* bound, bool utf8)
      : bound_(static_cast<const CompiledRegexp*>(bound)), utf8_(utf8) {}

  const RE2& Get(std::string_view pattern) {
    if (bound_ != nullptr) return bound_->Get();
    auto found = cache_.find(std::string(pattern));
    if (found == cache_.end()) {
      found = cache_.emplace(std::string(pattern), std::make_unique<CompiledRegexp>(pattern, utf8_))
                  .first;
    }
    return found->second->Get();
  }

 private:
  const CompiledRegexp* bound_;
  bool utf8_;
  std::unordered_map<std::string, std::unique_ptr<CompiledRegexp>> cache_;
};

std::string_view ToView(const re2::StringPiece& piece) {
  return std::string_view(piece.data(), piece.size());
}

void CheckExtractionGroups(const RE2& regexp) {
  if (regexp.NumberOfCapturingGroups() > 1) {
    throw Error(ErrorKind::kOutOfRange,
                "Regular expressions passed into extraction functions must not have more than 1 "
                "capturing group");
  }
}

void CheckPositionAndOccurrence(int64_t position, int64_t occurrence) {
  if (position < 1) throw Error(ErrorKind::kOutOfRange, "Position must be positive");
  if (occurrence < 1) throw Error(ErrorKind::kOutOfRange, "Occurrence must be positive");
}

// Successive non-overlapping matches of `regexp` in `text` (GoogleSQL's extraction order):
// each yields the whole match, or the capturing group when there is one.
class MatchIterator {
 public:
  MatchIterator(const RE2& regexp, std::string_view text, bool utf8)
      : regexp_(regexp), text_(text), utf8_(utf8) {}

  // Sets *match (data null for an unmatched optional group); false when no match is left.
  bool Next(std::string_view* match) {
    if (done_) return false;
    re2::StringPiece groups[2];
    re2::StringPiece input(text_.data(), text_.size());
    if (!regexp_.Match(input, position_, text_.size(), RE2::UNANCHORED, groups, 2)) {
      done_ = true;
      return false;
    }
    position_ = static_cast<size_t>(groups[0].data() - text_.data()) + groups[0].size();
    if (regexp_.NumberOfCapturingGroups() == 0) {
      *match = ToView(groups[0]);
      group_end_ = position_;
    } else {
      *match = ToView(groups[1]);
      group_end_ = groups[1].data() == nullptr
                       ? position_
                       : static_cast<size_t>(groups[1].data() - text_.data()) + groups[1].size();
    }
    if (groups[0].empty() && position_ < text_.size()) {
      position_ += utf8_ ? Utf8CharLength(static_cast<unsigned char>(text_[position_])) : 1;
    }
    if (position_ >= text_.size()) done_ = true;
    return true;
  }
  // Byte offset just past the last returned match (or group).
  size_t match_end() const { return group_end_; }

 private:
  const RE2& regexp_;
  std::string_view text_;
  bool utf8_;
  size_t position_ = 0;
  size_t group_end_ = 0;
  bool done_ = false;
};

// The suffix of `text` starting at 1-based `position` (characters or bytes), or false when
// the position lies past the end.
bool SkipToPosition(std::string_view text, int64_t position, bool utf8, std::string_view* rest) {
  if (position == 1) {
    *rest = text;
    return true;
  }
  int64_t length = utf8 ? Utf8CharCount(text) : static_cast<int64_t>(text.size());
  if (position > length) return false;
  size_t offset = utf8 ? Utf8ByteOffset(text, position - 1) : static_cast<size_t>(position - 1);
  *rest = text.substr(offset);
  return true;
}

// Appends `rewrite` with `\N` replaced by group N and `\\` by a backslash.
void AppendRewrite(std::string_view rewrite, const re2::StringPiece* groups, std::string* out) {
  for (size_t index = 0; index < rewrite.size(); ++index) {
    char c = rewrite[index];
    if (c != '\\' || index + 1 == rewrite.size()) {
      out->push_back(c);
      continue;
    }
    char next = rewrite[++index];
    if (next >= '0' && next <= '9') {
      const re2::StringPiece& group = groups[next - '0'];
      out->append(group.data(), group.size());
    } else {
      out->push_back(next);  // `\\` (CheckRewriteString rejects anything else)
    }
  }
  if (out->size() > kMaxStringResultBytes) ThrowResultTooLarge("REGEXP_REPLACE");
}

void Replace(const RE2& regexp, std::string_view text, std::string_view rewrite, bool utf8,
             std::string* out) {
  std::string rewrite_error;
  if (!regexp.CheckRewriteString(re2::StringPiece(rewrite.data(), rewrite.size()),
                                 &rewrite_error)) {
    throw Error(ErrorKind::kOutOfRange, "Invalid REGEXP_REPLACE pattern: " + rewrite_error);
  }
  re2::StringPiece groups[10];
  re2::StringPiece input(text.data(), text.size());
  out->clear();
  // End of the previous match, so an empty match right after a non-empty one is skipped.
  int64_t last_end = -1;
  size_t position = 0;
  while (position <= text.size()) {
    if (!regexp.Match(input, position, text.size(), RE2::UNANCHORED, groups, 10)) {
      out->append(text.substr(position));
      break;
    }
    size_t match_begin = static_cast<size_t>(groups[0].data() - text.data());
    out->append(text.substr(position, match_begin - position));
    position = match_begin;
    if (!groups[0].empty()) {
      AppendRewrite(rewrite, groups, out);
      position = match_begin + groups[0].size();
    } else {
      if (static_cast<int64_t>(match_begin) != last_end) AppendRewrite(rewrite, groups, out);
      if (position >= text.size()) break;
      size_t step = utf8 ? Utf8CharLength(static_cast<unsigned char>(text[position])) : 1;
      step = std::min(step, text.size() - position);
      out->append(text.substr(position, step));
      position += step;
    }
    last_end = static_cast<int64_t>(match_begin + groups[0].size());
  }
}

// ---- bind ----

template <RegexpFunction kFunction>
bool BindRegexp(const ScalarBindInput& input, ScalarBindOutput* output) {
  const std::vector<LogicalType>& types = input.argument_types;
  size_t text_arguments = kFunction == RegexpFunction::kReplace ? 3 : 2;
  if (types.size() < text_arguments) return false;
  TypeId type = TypeId::kNull;
  for (size_t index = 0; index < text_arguments; ++index) {
    TypeId id = types[index].id();
    if (id == TypeId::kNull) continue;
    if (id != TypeId::kString && id != TypeId::kBytes) return false;
    if (type != TypeId::kNull && id != type) return false;
    type = id;
  }
  if (type == TypeId::kNull) type = TypeId::kString;
  output->argument_types.assign(text_arguments, type);
  for (size_t index = text_arguments; index < types.size(); ++index) {
    output->argument_types.push_back(TypeId::kInt64);
  }
  switch (kFunction) {
    case RegexpFunction::kContains:
      output->return_type = TypeId::kBool;
      break;
    case RegexpFunction::kExtract:
    case RegexpFunction::kReplace:
      output->return_type = type;
      break;
    case RegexpFunction::kExtractAll:
      output->return_type = LogicalType::Array(type);
      break;
    case RegexpFunction::kInstr:
      output->return_type = TypeId::kInt64;
      break;
  }
  const Value* pattern = input.constant_arguments.size() > 1 ? input.constant_arguments[1] : nullptr;
  if (pattern != nullptr && !pattern->is_null()) {
    output->bind_data =
        std::make_shared<CompiledRegexp>(pattern->string_value(), type == TypeId::kString);
  }
  return true;
}

// ---- kernels ----

// Calls operation(row, text, regexp, integers) for each row without NULL arguments (NULL
// rows become NULL). `integers` holds the optional INT64 arguments (absent ones keep their
// defaults); `extra` is the third string argument (REGEXP_REPLACE) or empty.
template <typename Operation>
void ForEachRegexpRow(const ScalarCall& call, const DataChunk& args, Vector& result,
                      size_t string_arguments, Operation&& operation) {
  const size_t count = args.size();
  const size_t columns = args.column_count();
  std::vector<UnifiedVector> inputs(columns);
  for (size_t column = 0; column < columns; ++column) {
    args.column(column).ToUnified(count, inputs[column]);
  }
  bool utf8 = args.column(0).type().id() != TypeId::kBytes;
  PatternSource patterns(call.bind_data, utf8);
  int64_t integers[3];
  for (size_t row = 0; row < count; ++row) {
    bool is_null = false;
    for (size_t column = 0; column < columns && !is_null; ++column) {
      is_null = !inputs[column].IsValid(row);
    }
    if (is_null) {
      result.SetNull(row);
      continue;
    }
    auto string_at = [&](size_t column) {
      return inputs[column].Data<StringView>()[inputs[column].index(row)].view();
    };
    integers[0] = 1;
    integers[1] = 1;
    integers[2] = 0;
    for (size_t column = string_arguments; column < columns; ++column) {
      integers[column - string_arguments] =
          inputs[column].Data<int64_t>()[inputs[column].index(row)];
    }
    std::string_view extra = string_arguments > 2 ? string_at(2) : std::string_view();
    operation(row, string_at(0), patterns.Get(string_at(1)), extra, integers, utf8);
  }
}

void ContainsKernel(const ScalarCall& call, const DataChunk& args, Vector& result) {
  bool* out = result.Data<bool>();
  ForEachRegexpRow(call, args, result, 2,
                   [&](size_t row, std::string_view text, const RE2& regexp, std::string_view,
                       const int64_t*, bool) {
                     out[row] = RE2::PartialMatch(re2::StringPiece(text.data(), text.size()),
                                                  regexp);
                   });
}

void ExtractKernel(const ScalarCall& call, const DataChunk& args, Vector& result) {
  result.KeepAlive(args.column(0));
  StringView* out = result.Data<StringView>();
  ForEachRegexpRow(call, args, result, 2,
                   [&](size_t row, std::string_view text, const RE2& regexp, std::string_view,
                       const int64_t* integers, bool utf8) {
                     CheckPositionAndOccurrence(integers[0], integers[1]);
                     CheckExtractionGroups(regexp);
                     std::string_view rest;
                     if (!SkipToPosition(text, integers[0], utf8, &rest)) {
                       result.SetNull(row);
                       return;
                     }
                     MatchIterator matches(regexp, rest, utf8);
                     std::string_view match;
                     for (int64_t occurrence = 0; occurrence < integers[1]; ++occurrence) {
                       if (!matches.Next(&match)) {
                         result.SetNull(row);
                         return;
                       }
                     }
                     if (match.data() == nullptr) {
                       result.SetNull(row);
                     } else {
                       out[row] = ViewOf(match);
                     }
                   });
}

void ExtractAllKernel(const ScalarCall& call, const DataChunk& args, Vector& result) {
  ArrayResultBuilder builder(result);
  ForEachRegexpRow(call, args, result, 2,
                   [&](size_t row, std::string_view text, const RE2& regexp, std::string_view,
                       const int64_t*, bool utf8) {
                     CheckExtractionGroups(regexp);
                     builder.BeginRow();
                     MatchIterator matches(regexp, text, utf8);
                     std::string_view match;
                     while (matches.Next(&match)) builder.AppendString(match);
                     builder.FinishRow(row);
                   });
  // NULL rows: give them empty entries.
  for (size_t row = 0; row < args.size(); ++row) {
    if (!result.validity().RowIsValid(row)) result.Data<ArrayEntry>()[row] = ArrayEntry{0, 0};
  }
}

void ReplaceKernel(const ScalarCall& call, const DataChunk& args, Vector& result) {
  StringView* out = result.Data<StringView>();
  std::string buffer;
  ForEachRegexpRow(call, args, result, 3,
                   [&](size_t row, std::string_view text, const RE2& regexp,
                       std::string_view rewrite, const int64_t*, bool utf8) {
                     Replace(regexp, text, rewrite, utf8, &buffer);
                     out[row] = result.AddString(buffer);
                   });
}

void InstrKernel(const ScalarCall& call, const DataChunk& args, Vector& result) {
  int64_t* out = result.Data<int64_t>();
  ForEachRegexpRow(
      call, args, result, 2,
      [&](size_t row, std::string_view text, const RE2& regexp, std::string_view,
          const int64_t* integers, bool utf8) {
        int64_t position = integers[0];
        int64_t occurrence = integers[1];
        int64_t occurrence_position = integers[2];
        CheckPositionAndOccurrence(position, occurrence);
        if (occurrence_position != 0 && occurrence_position != 1) {
          throw Error(ErrorKind::kOutOfRange, "Invalid occurrence_position in REGEXP_INSTR: " +
                                                  std::to_string(occurrence_position));
        }
        CheckExtractionGroups(regexp);
        out[row] = 0;
        std::string_view rest;
        if (regexp.pattern().empty() || !SkipToPosition(text, position, utf8, &rest)) return;
        MatchIterator matches(regexp, rest, utf8);
        std::string_view match;
        for (int64_t index = 0; index < occurrence; ++index) {
          if (!matches.Next(&match)) return;
        }
        if (match.data() == nullptr) return;
        size_t end = matches.match_end();
        size_t bytes_before = occurrence_position == 0 ? end - match.size() : end;
        int64_t units = utf8 ? Utf8CharCount(rest.substr(0, bytes_before))
                             : static_cast<int64_t>(bytes_before);
        out[row] = units + position;
      });
}

void AddRegexp(FunctionRegistry& registry, const char* name, ScalarKernel kernel, ScalarBind bind,
               size_t min_arguments, size_t max_arguments) {
  registry.AddScalar(ScalarFunction{.name = name,
                                    .kernel = kernel,
                                    .bind = bind,
                                    .min_arguments = min_arguments,
                                    .max_arguments = max_arguments});
}

}  // namespace

void RegisterRegexpFunctions(FunctionRegistry& registry) {
  AddRegexp(registry, "REGEXP_CONTAINS", ContainsKernel, BindRegexp<RegexpFunction::kContains>,
            2, 2);
  AddRegexp(registry, "REGEXP_EXTRACT", ExtractKernel, BindRegexp<RegexpFunction::kExtract>, 2,
            4);
  AddRegexp(registry, "REGEXP_SUBSTR", ExtractKernel, BindRegexp<RegexpFunction::kExtract>, 2,
            4);
  AddRegexp(registry, "REGEXP_EXTRACT_ALL", ExtractAllKernel,
            BindRegexp<RegexpFunction::kExtractAll>, 2, 2);
  AddRegexp(registry, "REGEXP_REPLACE", ReplaceKernel, BindRegexp<RegexpFunction::kReplace>, 3,
            3);
  AddRegexp(registry, "REGEXP_INSTR", InstrKernel, BindRegexp<RegexpFunction::kInstr>, 2, 5);
}

}  // namespace dq
