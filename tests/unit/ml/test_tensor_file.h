// Reads the tensor files next to each reference model (tests/data/ml/*.cases.bin), written by
// scripts/tensor_cases.py for make_test_models.py and make_classical_models.py; the format is
// described there.
#pragma once

#include <cstdint>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "ml/tensor.h"

namespace dq::ml::testing {

inline std::string TestDataPath(const std::string& file) {
  return std::string(DEEPQUERY_SOURCE_DIR) + "/tests/data/ml/" + file;
}

inline std::string ReadFileBytes(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  std::stringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

// Tensors by name ("case0/input/features"). Returns an empty map on a malformed file.
inline std::map<std::string, Tensor> ReadTensorFile(const std::string& path) {
  std::string bytes = ReadFileBytes(path);
  std::map<std::string, Tensor> tensors;
  size_t offset = 0;
  auto read = [&](void* target, size_t size) {
    if (offset + size > bytes.size()) return false;
    std::memcpy(target, bytes.data() + offset, size);
    offset += size;
    return true;
  };
  char magic[8];
  uint32_t count = 0;
  if (!read(magic, 8) || std::memcmp(magic, "DQTENSOR", 8) != 0 || !read(&count, 4)) return {};
  for (uint32_t index = 0; index < count; ++index) {
    uint32_t name_length = 0;
    if (!read(&name_length, 4) || offset + name_length > bytes.size()) return {};
    std::string name = bytes.substr(offset, name_length);
    offset += name_length;
    uint8_t element_type = 0;
    uint32_t rank = 0;
    if (!read(&element_type, 1) || !read(&rank, 4)) return {};
    std::vector<int64_t> shape(rank);
    if (rank > 0 && !read(shape.data(), rank * sizeof(int64_t))) return {};
    Tensor tensor(element_type == 0 ? ElementType::kFloat32 : ElementType::kInt64, shape);
    void* data = element_type == 0 ? static_cast<void*>(tensor.floats())
                                   : static_cast<void*>(tensor.int64s());
    if (!read(data, tensor.element_count() * 4 * (element_type == 0 ? 1 : 2))) return {};
    tensors.emplace(name, std::move(tensor));
  }
  return tensors;
}

}  // namespace dq::ml::testing
