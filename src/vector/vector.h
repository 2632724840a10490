// Vector: a column of up to `capacity` values of one LogicalType, the unit operators work on.
//
// Three kinds:
//  * kFlat       values stored contiguously (physical layout per logical_type.h), with a
//                ValidityMask. ARRAY vectors store ArrayEntry {offset, length} pointing into an
//                array child vector; STRUCT vectors store nothing but one child per field.
//  * kConstant   one value stands for every row (index 0 of data, validity and children).
//  * kDictionary row r is row `selection[r]` of a dictionary vector (filters and joins produce
//                these instead of copying).
// Read any kind uniformly with ToUnified(); write only flat vectors. Buffers are shared by
// reference (Reference, Slice): a vector never mutates a buffer another vector can see, so
// writers call MakeWritable/Reset first (DataChunk::Reset does).
//
// Strings: a StringView longer than 12 bytes points into a StringHeap that the vector holding
// it keeps alive (its own heap_ or a kept-alive heap of a vector it references).
//
// Thread-safety: a Vector is owned by one thread at a time; shared immutable buffers may be
// read concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "types/logical_type.h"
#include "types/value.h"
#include "vector/selection_vector.h"
#include "vector/string_heap.h"
#include "vector/validity_mask.h"

namespace dq {

// Rows per batch (DataChunk) flowing between operators.
inline constexpr size_t kBatchSize = 2048;

enum class VectorKind : uint8_t { kFlat, kConstant, kDictionary };

class Vector;

// Read-only, kind-independent view of a vector: row r's value lives at physical index
// `sel->get_index(r)` of `data` and `validity`. For ARRAY/STRUCT, `source` is the flat or
// constant vector owning the entries/children, indexed the same way.
struct UnifiedVector {
  const SelectionVector* sel = nullptr;
  const uint8_t* data = nullptr;
  const ValidityMask* validity = nullptr;
  const Vector* source = nullptr;
  SelectionVector owned_selection;  // backing store when the view needed a new selection

  template <typename T>
  const T* Data() const {
    return reinterpret_cast<const T*>(data);
  }
  sel_t index(size_t row) const { return sel->get_index(row); }
  bool IsValid(size_t row) const { return validity->RowIsValid(sel->get_index(row)); }
};

class Vector {
 public:
  Vector() = default;
  // A flat vector with room for `capacity` rows, all valid, contents undefined.
  explicit Vector(const LogicalType& type, size_t capacity = kBatchSize);
  // A constant vector holding `value` (of value.type()).
  static Vector Constant(const Value& value);
  // A constant NULL of `type`.
  static Vector ConstantNull(const LogicalType& type);

  const LogicalType& type() const { return type_; }
  VectorKind kind() const { return kind_; }
  size_t capacity() const { return capacity_; }

  // Flat/constant storage. REQUIRES: kind() != kDictionary.
  uint8_t* raw_data() { return data_; }
  const uint8_t* raw_data() const { return data_; }
  template <typename T>
  T* Data() {
    return reinterpret_cast<T*>(data_);
  }
  template <typename T>
  const T* Data() const {
    return reinterpret_cast<const T*>(data_);
  }
  ValidityMask& validity() { return validity_; }
  const ValidityMask& validity() const { return validity_; }

  // Reads row `row` of any kind as a Value (slow; tests, API, constant folding).
  Value GetValue(size_t row) const;
  // Writes a value. REQUIRES: flat, row < capacity(), value type equal to type() or NULL.
  void SetValue(size_t row, const Value& value);
  void SetNull(size_t row) { validity_.SetInvalid(row); }

  // Copies `text` into this vector's heap and returns a view of it.
  StringView AddString(std::string_view text) { return heap().Add(text); }
  StringHeap& heap();
  // Keeps `other`'s string storage alive as long as this vector lives (for views copied from it).
  void KeepAlive(const Vector& other);

  // Becomes a reference to `other` (sharing all buffers).
  void Reference(const Vector& other);
  // Becomes a dictionary over its current contents selecting `count` rows via `selection`.
  void Slice(const SelectionVector& selection, size_t count);
  // Materializes the first `count` rows into a flat vector (no-op for flat vectors).
  void Flatten(size_t count);
  // Fresh, exclusively owned flat storage of `capacity` rows (drops references).
  void Reset(size_t capacity = kBatchSize);
  // Grows a flat vector's capacity keeping its first `count` rows. REQUIRES: kind() == kFlat.
  void Resize(size_t count, size_t new_capacity);

  void ToUnified(size_t count, UnifiedVector& out) const;

  // Dictionary internals. REQUIRES: kind() == kDictionary.
  const SelectionVector& dictionary_selection() const { return selection_; }
  const Vector& dictionary_child() const { return *dictionary_; }

  // ARRAY: the child vector holding all elements, and how many of its rows are used.
  Vector& array_child();
  const Vector& array_child() const;
  size_t array_size() const { return array_size_; }
  // Reserves room for `count` child elements and sets the used size.
  void SetArraySize(size_t count);
  // Appends the elements of `value` (an ARRAY Value) as the entry of `row`. REQUIRES: flat.
  // STRUCT: one child per field.
  std::vector<Vector>& struct_children();
  const std::vector<Vector>& struct_children() const;

  // Debug text of the first `count` rows.
  std::string ToString(size_t count) const;

 private:
  void AllocateFlat(size_t capacity);

  LogicalType type_;
  VectorKind kind_ = VectorKind::kFlat;
  size_t capacity_ = 0;
  uint8_t* data_ = nullptr;
  std::shared_ptr<uint8_t[]> buffer_;
  ValidityMask validity_;
  std::shared_ptr<StringHeap> heap_;
  // Other vectors' string heaps referenced by views in this vector.
  std::shared_ptr<std::vector<std::shared_ptr<StringHeap>>> kept_heaps_;
  // kDictionary
  SelectionVector selection_;
  std::shared_ptr<Vector> dictionary_;
  // ARRAY
  std::shared_ptr<Vector> array_child_;
  size_t array_size_ = 0;
  // STRUCT
  std::shared_ptr<std::vector<Vector>> struct_children_;
};

// Copies rows `source[selection[i]]` for i in [0, count) into flat `target` starting at
// `target_offset`. Strings are copied into target's heap; arrays append to its child.
// REQUIRES: target is flat with capacity >= target_offset + count, same type as source.
void CopyVector(const Vector& source, const SelectionVector& selection, size_t count,
                Vector& target, size_t target_offset);
// Copies rows [0, count) of source (any kind).
void CopyVector(const Vector& source, size_t count, Vector& target, size_t target_offset);

}  // namespace dq

namespace dq {

// Writes row i of `source` to row positions.get_index(i) of flat `target`, for i < count.
// REQUIRES: target flat, same type, capacity above every position.
void ScatterVector(const Vector& source, size_t count, const SelectionVector& positions,
                   Vector& target);

}  // namespace dq
