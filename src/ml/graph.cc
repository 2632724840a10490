#include "ml/graph.h"

namespace dq::ml {

bool Node::HasAttribute(std::string_view attribute) const {
  return attributes.find(attribute) != attributes.end();
}

int64_t Node::GetInt(std::string_view attribute, int64_t fallback) const {
  auto found = attributes.find(attribute);
  return found == attributes.end() ? fallback : found->second.int_value;
}

float Node::GetFloat(std::string_view attribute, float fallback) const {
  auto found = attributes.find(attribute);
  return found == attributes.end() ? fallback : found->second.float_value;
}

std::string_view Node::GetString(std::string_view attribute, std::string_view fallback) const {
  auto found = attributes.find(attribute);
  return found == attributes.end() ? fallback : found->second.string_value;
}

std::span<const int64_t> Node::GetInts(std::string_view attribute) const {
  auto found = attributes.find(attribute);
  if (found == attributes.end()) return {};
  return found->second.ints;
}

std::span<const float> Node::GetFloats(std::string_view attribute) const {
  auto found = attributes.find(attribute);
  if (found == attributes.end()) return {};
  return found->second.floats;
}

std::span<const std::string> Node::GetStrings(std::string_view attribute) const {
  auto found = attributes.find(attribute);
  if (found == attributes.end()) return {};
  return found->second.strings;
}

std::string Node::Label() const { return "node '" + name + "' (" + op_type + ")"; }

}  // namespace dq::ml
