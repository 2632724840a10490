// JSONPath: the subset of JSONPath that GoogleSQL's JSON functions accept.
//
//   $                 the whole value
//   .name             an object member (letters, digits, `_`, and anything but `.` and `[`)
//   ."quoted name"    an object member with any characters (`\"` and `\\` escape)
//   ['name'] ["name"] an object member (JSON_EXTRACT style)
//   [index]           an array element, 0-based
//
// Parse() throws kOutOfRange errors with GoogleSQL's wording ("JSONPath must start with '$'",
// "Invalid token in JSONPath at: ..."). Evaluate() walks a parsed value and returns the node or
// null when any step does not apply (missing member, index out of range, wrong kind).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace dq {

class JsonPath {
 public:
  struct Step {
    bool is_index = false;
    int64_t index = 0;
    std::string name;
  };

  static JsonPath Parse(std::string_view text);

  const std::vector<Step>& steps() const { return steps_; }

  // The node the path selects, or nullptr. Works on nlohmann::json and ordered_json.
  template <typename Json>
  const Json* Evaluate(const Json& root) const {
    const Json* node = &root;
    for (const Step& step : steps_) {
      if (step.is_index) {
        if (!node->is_array() || step.index < 0 ||
            static_cast<uint64_t>(step.index) >= node->size()) {
          return nullptr;
        }
        node = &(*node)[static_cast<size_t>(step.index)];
      } else {
        if (!node->is_object()) return nullptr;
        auto found = node->find(step.name);
        if (found == node->end()) return nullptr;
        node = &*found;
      }
    }
    return node;
  }

 private:
  std::vector<Step> steps_;
};

}  // namespace dq
