#include "vector/vector.h"

#include <algorithm>
#include <cstring>

#include "common/error.h"

namespace dq {

namespace {

// A selection of zeros: every row maps to physical index 0 (constant vectors).
const SelectionVector& ZeroSelection(size_t count, SelectionVector& owned) {
  static const SelectionVector kZeros = [] {
    SelectionVector zeros(kBatchSize);
    std::fill(zeros.data(), zeros.data() + kBatchSize, 0);
    return zeros;
  }();
  if (count <= kBatchSize) return kZeros;
  owned = SelectionVector(count);
  std::fill(owned.data(), owned.data() + count, 0);
  return owned;
}

const SelectionVector& IdentitySelection() {
  static const SelectionVector kIdentity;
  return kIdentity;
}

}  // namespace

Vector::Vector(const LogicalType& type, size_t capacity) : type_(type) { AllocateFlat(capacity); }

void Vector::AllocateFlat(size_t capacity) {
  kind_ = VectorKind::kFlat;
  capacity_ = capacity;
  size_t width = type_.PhysicalSize();
  if (width > 0 && capacity > 0) {
    buffer_ = std::shared_ptr<uint8_t[]>(new uint8_t[width * capacity]);
    data_ = buffer_.get();
    if (type_.IsStringLike()) std::memset(data_, 0, width * capacity);
  } else {
    buffer_.reset();
    data_ = nullptr;
  }
  validity_.Reset();
  selection_ = SelectionVector();
  dictionary_.reset();
  if (type_.id() == TypeId::kArray) {
    array_child_ = std::make_shared<Vector>(type_.element_type(), capacity);
    array_size_ = 0;
  } else {
    array_child_.reset();
  }
  if (type_.id() == TypeId::kStruct) {
    struct_children_ = std::make_shared<std::vector<Vector>>();
    for (const StructField& field : type_.fields()) {
      struct_children_->emplace_back(*field.type, capacity);
    }
  } else {
    struct_children_.reset();
  }
}

Vector Vector::Constant(const Value& value) {
  LogicalType type = value.type();
  if (type.id() == TypeId::kNull) type = TypeId::kInt64;
  Vector vector(type, 1);
  vector.SetValue(0, value);
  vector.kind_ = VectorKind::kConstant;
  return vector;
}

Vector Vector::ConstantNull(const LogicalType& type) {
  Vector vector(type.id() == TypeId::kNull ? LogicalType(TypeId::kInt64) : type, 1);
  vector.SetNull(0);
  vector.kind_ = VectorKind::kConstant;
  return vector;
}

StringHeap& Vector::heap() {
  if (!heap_) heap_ = std::make_shared<StringHeap>();
  return *heap_;
}

void Vector::KeepAlive(const Vector& other) {
  if (!kept_heaps_) kept_heaps_ = std::make_shared<std::vector<std::shared_ptr<StringHeap>>>();
  if (other.heap_) kept_heaps_->push_back(other.heap_);
  if (other.kept_heaps_) {
    kept_heaps_->insert(kept_heaps_->end(), other.kept_heaps_->begin(), other.kept_heaps_->end());
  }
  if (other.dictionary_) KeepAlive(*other.dictionary_);
}

void Vector::Reference(const Vector& other) { *this = other; }

void Vector::Slice(const SelectionVector& selection, size_t count) {
  if (kind_ == VectorKind::kConstant) return;  // a constant stays constant under any selection
  if (kind_ == VectorKind::kDictionary) {
    selection_ = selection.Compose(selection_, count);
    capacity_ = count;
    return;
  }
  auto child = std::make_shared<Vector>(std::move(*this));
  type_ = child->type_;
  kind_ = VectorKind::kDictionary;
  capacity_ = count;
  data_ = nullptr;
  buffer_.reset();
  validity_.Reset();
  heap_.reset();
  kept_heaps_.reset();
  array_child_.reset();
  struct_children_.reset();
  array_size_ = 0;
  dictionary_ = std::move(child);
  selection_ = selection;
}

void Vector::Flatten(size_t count) {
  if (kind_ == VectorKind::kFlat) return;
  Vector flat(type_, std::max<size_t>(count, 1));
  CopyVector(*this, count, flat, 0);
  *this = std::move(flat);
}

void Vector::Reset(size_t capacity) {
  heap_.reset();
  kept_heaps_.reset();
  bool reusable = kind_ == VectorKind::kFlat && !type_.IsNested() && capacity_ >= capacity &&
                  (buffer_ ? buffer_.use_count() == 1 : type_.PhysicalSize() == 0);
  if (reusable) {
    validity_.Reset();
    return;
  }
  AllocateFlat(capacity);
}

void Vector::Resize(size_t count, size_t new_capacity) {
  DQ_CHECK(kind_ == VectorKind::kFlat);
  if (new_capacity <= capacity_) return;
  size_t width = type_.PhysicalSize();
  if (width > 0) {
    std::shared_ptr<uint8_t[]> grown(new uint8_t[width * new_capacity]);
    if (count > 0) std::memcpy(grown.get(), data_, width * count);
    if (type_.IsStringLike()) {
      std::memset(grown.get() + width * count, 0, width * (new_capacity - count));
    }
    buffer_ = std::move(grown);
    data_ = buffer_.get();
  }
  if (!validity_.AllValid()) validity_.EnsureWritable(new_capacity);
  if (type_.id() == TypeId::kStruct) {
    for (Vector& child : *struct_children_) child.Resize(count, new_capacity);
  }
  capacity_ = new_capacity;
}

void Vector::ToUnified(size_t count, UnifiedVector& out) const {
  switch (kind_) {
    case VectorKind::kFlat:
      out.sel = &IdentitySelection();
      out.data = data_;
      out.validity = &validity_;
      out.source = this;
      return;
    case VectorKind::kConstant:
      out.sel = &ZeroSelection(count, out.owned_selection);
      out.data = data_;
      out.validity = &validity_;
      out.source = this;
      return;
    case VectorKind::kDictionary: {
      UnifiedVector child;
      dictionary_->ToUnified(count, child);
      out.data = child.data;
      out.validity = child.validity;
      out.source = child.source;
      if (!child.sel->IsSet()) {
        out.sel = &selection_;
      } else {
        out.owned_selection = selection_.Compose(*child.sel, count);
        out.sel = &out.owned_selection;
      }
      return;
    }
  }
}

Vector& Vector::array_child() {
  DQ_CHECK(type_.id() == TypeId::kArray && array_child_);
  return *array_child_;
}

const Vector& Vector::array_child() const {
  DQ_CHECK(type_.id() == TypeId::kArray && array_child_);
  return *array_child_;
}

void Vector::SetArraySize(size_t count) {
  Vector& child = array_child();
  if (count > child.capacity()) {
    child.Resize(array_size_, std::max(count, child.capacity() * 2));
  }
  array_size_ = count;
}

std::vector<Vector>& Vector::struct_children() {
  DQ_CHECK(type_.id() == TypeId::kStruct && struct_children_);
  return *struct_children_;
}

const std::vector<Vector>& Vector::struct_children() const {
  DQ_CHECK(type_.id() == TypeId::kStruct && struct_children_);
  return *struct_children_;
}

Value Vector::GetValue(size_t row) const {
  UnifiedVector unified;
  ToUnified(row + 1, unified);
  sel_t index = unified.index(row);
  if (!unified.validity->RowIsValid(index)) return Value::Null(type_);
  const uint8_t* data = unified.data;
  switch (type_.id()) {
    case TypeId::kInvalid:
    case TypeId::kNull: return Value();
    case TypeId::kBool: return Value::Bool(reinterpret_cast<const bool*>(data)[index]);
    case TypeId::kInt64: return Value::Int64(reinterpret_cast<const int64_t*>(data)[index]);
    case TypeId::kFloat64: return Value::Float64(reinterpret_cast<const double*>(data)[index]);
    case TypeId::kNumeric: return Value::Numeric(reinterpret_cast<const int128_t*>(data)[index]);
    case TypeId::kString:
      return Value::String(reinterpret_cast<const StringView*>(data)[index].str());
    case TypeId::kBytes:
      return Value::Bytes(reinterpret_cast<const StringView*>(data)[index].str());
    case TypeId::kJson: return Value::Json(reinterpret_cast<const StringView*>(data)[index].str());
    case TypeId::kDate: return Value::Date(reinterpret_cast<const int32_t*>(data)[index]);
    case TypeId::kDatetime: return Value::Datetime(reinterpret_cast<const int64_t*>(data)[index]);
    case TypeId::kTime: return Value::Time(reinterpret_cast<const int64_t*>(data)[index]);
    case TypeId::kTimestamp:
      return Value::Timestamp(reinterpret_cast<const int64_t*>(data)[index]);
    case TypeId::kInterval:
      return Value::IntervalValue(reinterpret_cast<const Interval*>(data)[index]);
    case TypeId::kArray: {
      ArrayEntry entry = reinterpret_cast<const ArrayEntry*>(data)[index];
      const Vector& child = unified.source->array_child();
      std::vector<Value> elements;
      elements.reserve(entry.length);
      for (uint64_t element = 0; element < entry.length; ++element) {
        elements.push_back(child.GetValue(entry.offset + element));
      }
      return Value::Array(type_.element_type(), std::move(elements));
    }
    case TypeId::kStruct: {
      std::vector<Value> fields;
      for (const Vector& child : unified.source->struct_children()) {
        fields.push_back(child.GetValue(index));
      }
      return Value::Struct(type_, std::move(fields));
    }
  }
  return Value();
}

void Vector::SetValue(size_t row, const Value& value) {
  DQ_CHECK(kind_ == VectorKind::kFlat);
  DQ_CHECK_LT(row, capacity_);
  if (value.is_null()) {
    validity_.SetInvalid(row);
    if (type_.id() == TypeId::kArray) Data<ArrayEntry>()[row] = ArrayEntry{array_size_, 0};
    if (type_.id() == TypeId::kStruct) {
      for (Vector& child : struct_children()) child.SetNull(row);
    }
    return;
  }
  validity_.SetValid(row);
  switch (type_.id()) {
    case TypeId::kInvalid:
    case TypeId::kNull: validity_.SetInvalid(row); return;
    case TypeId::kBool: Data<bool>()[row] = value.bool_value(); return;
    case TypeId::kInt64: Data<int64_t>()[row] = value.int64_value(); return;
    case TypeId::kFloat64: Data<double>()[row] = value.float64_value(); return;
    case TypeId::kNumeric: Data<int128_t>()[row] = value.numeric_value(); return;
    case TypeId::kString:
    case TypeId::kBytes:
    case TypeId::kJson: Data<StringView>()[row] = AddString(value.string_value()); return;
    case TypeId::kDate: Data<int32_t>()[row] = value.date_value(); return;
    case TypeId::kDatetime:
    case TypeId::kTime:
    case TypeId::kTimestamp: Data<int64_t>()[row] = value.micros_value(); return;
    case TypeId::kInterval: Data<Interval>()[row] = value.interval_value(); return;
    case TypeId::kArray: {
      const std::vector<Value>& elements = value.children();
      size_t offset = array_size_;
      SetArraySize(offset + elements.size());
      for (size_t element = 0; element < elements.size(); ++element) {
        array_child_->SetValue(offset + element, elements[element]);
      }
      Data<ArrayEntry>()[row] = ArrayEntry{offset, elements.size()};
      return;
    }
    case TypeId::kStruct: {
      std::vector<Vector>& children = struct_children();
      for (size_t field = 0; field < children.size(); ++field) {
        children[field].SetValue(row, value.children()[field]);
      }
      return;
    }
  }
}

std::string Vector::ToString(size_t count) const {
  std::string out = type_.ToString() + "[";
  for (size_t row = 0; row < count; ++row) {
    if (row > 0) out += ", ";
    out += GetValue(row).ToSqlLiteral();
  }
  return out + "]";
}

namespace {

template <typename T>
void CopyFixed(const UnifiedVector& source, const SelectionVector& selection, size_t count,
               Vector& target, size_t target_offset) {
  const T* source_data = source.Data<T>();
  T* target_data = target.Data<T>();
  for (size_t row = 0; row < count; ++row) {
    sel_t index = source.index(selection.get_index(row));
    target_data[target_offset + row] = source_data[index];
  }
}

}  // namespace

void CopyVector(const Vector& source, const SelectionVector& selection, size_t count,
                Vector& target, size_t target_offset) {
  DQ_CHECK(target.kind() == VectorKind::kFlat);
  DQ_CHECK_LE(target_offset + count, target.capacity());
  if (count == 0) return;
  size_t max_row = 0;
  for (size_t row = 0; row < count; ++row) {
    max_row = std::max<size_t>(max_row, selection.get_index(row));
  }
  UnifiedVector unified;
  source.ToUnified(max_row + 1, unified);

  // Validity first.
  ValidityMask& target_validity = target.validity();
  if (target.type().id() == TypeId::kNull) {
    // A column of untyped NULLs stores no values, whatever physical type the source carries
    // (a constant NULL vector is materialised as INT64).
    for (size_t row = 0; row < count; ++row) target_validity.SetInvalid(target_offset + row);
    return;
  }
  if (!unified.validity->AllValid() || !target_validity.AllValid()) {
    for (size_t row = 0; row < count; ++row) {
      target_validity.Set(target_offset + row, unified.IsValid(selection.get_index(row)));
    }
  }

  switch (source.type().id()) {
    case TypeId::kInvalid:
    case TypeId::kNull: return;
    case TypeId::kBool: CopyFixed<bool>(unified, selection, count, target, target_offset); return;
    case TypeId::kDate: CopyFixed<int32_t>(unified, selection, count, target, target_offset); return;
    case TypeId::kInt64:
    case TypeId::kDatetime:
    case TypeId::kTime:
    case TypeId::kTimestamp:
      CopyFixed<int64_t>(unified, selection, count, target, target_offset);
      return;
    case TypeId::kFloat64: CopyFixed<double>(unified, selection, count, target, target_offset); return;
    case TypeId::kNumeric:
      CopyFixed<int128_t>(unified, selection, count, target, target_offset);
      return;
    case TypeId::kInterval:
      CopyFixed<Interval>(unified, selection, count, target, target_offset);
      return;
    case TypeId::kString:
    case TypeId::kBytes:
    case TypeId::kJson: {
      const StringView* source_data = unified.Data<StringView>();
      StringView* target_data = target.Data<StringView>();
      StringHeap& heap = target.heap();
      for (size_t row = 0; row < count; ++row) {
        sel_t index = unified.index(selection.get_index(row));
        if (!unified.validity->RowIsValid(index)) {
          target_data[target_offset + row] = StringView();
          continue;
        }
        const StringView& text = source_data[index];
        target_data[target_offset + row] = text.IsInlined() ? text : heap.Add(text.view());
      }
      return;
    }
    case TypeId::kArray: {
      const ArrayEntry* entries = unified.Data<ArrayEntry>();
      ArrayEntry* target_entries = target.Data<ArrayEntry>();
      const Vector& source_child = unified.source->array_child();
      for (size_t row = 0; row < count; ++row) {
        sel_t index = unified.index(selection.get_index(row));
        ArrayEntry entry = unified.validity->RowIsValid(index) ? entries[index] : ArrayEntry{};
        size_t offset = target.array_size();
        target.SetArraySize(offset + entry.length);
        if (entry.length > 0) {
          SelectionVector child_selection(entry.length);
          for (uint64_t element = 0; element < entry.length; ++element) {
            child_selection.set_index(element, static_cast<sel_t>(entry.offset + element));
          }
          CopyVector(source_child, child_selection, entry.length, target.array_child(), offset);
        }
        target_entries[target_offset + row] = ArrayEntry{offset, entry.length};
      }
      return;
    }
    case TypeId::kStruct: {
      // Children are indexed like the struct itself.
      SelectionVector physical(count);
      for (size_t row = 0; row < count; ++row) {
        physical.set_index(row, unified.index(selection.get_index(row)));
      }
      const std::vector<Vector>& source_children = unified.source->struct_children();
      std::vector<Vector>& target_children = target.struct_children();
      for (size_t field = 0; field < source_children.size(); ++field) {
        CopyVector(source_children[field], physical, count, target_children[field], target_offset);
      }
      return;
    }
  }
}

void CopyVector(const Vector& source, size_t count, Vector& target, size_t target_offset) {
  CopyVector(source, SelectionVector(), count, target, target_offset);
}

}  // namespace dq

namespace dq {

namespace {

template <typename T>
void ScatterFixed(const UnifiedVector& source, size_t count, const SelectionVector& positions,
                  Vector& target) {
  const T* source_data = source.Data<T>();
  T* target_data = target.Data<T>();
  for (size_t row = 0; row < count; ++row) {
    target_data[positions.get_index(row)] = source_data[source.index(row)];
  }
}

}  // namespace

void ScatterVector(const Vector& source, size_t count, const SelectionVector& positions,
                   Vector& target) {
  DQ_CHECK(target.kind() == VectorKind::kFlat);
  if (count == 0) return;
  UnifiedVector unified;
  source.ToUnified(count, unified);
  for (size_t row = 0; row < count; ++row) {
    target.validity().Set(positions.get_index(row), unified.IsValid(row));
  }
  if (target.type().id() == TypeId::kNull) return;  // untyped NULLs store no values
  switch (source.type().id()) {
    case TypeId::kBool: ScatterFixed<bool>(unified, count, positions, target); return;
    case TypeId::kDate: ScatterFixed<int32_t>(unified, count, positions, target); return;
    case TypeId::kInt64:
    case TypeId::kDatetime:
    case TypeId::kTime:
    case TypeId::kTimestamp: ScatterFixed<int64_t>(unified, count, positions, target); return;
    case TypeId::kFloat64: ScatterFixed<double>(unified, count, positions, target); return;
    case TypeId::kNumeric: ScatterFixed<int128_t>(unified, count, positions, target); return;
    case TypeId::kInterval: ScatterFixed<Interval>(unified, count, positions, target); return;
    case TypeId::kString:
    case TypeId::kBytes:
    case TypeId::kJson: {
      const StringView* source_data = unified.Data<StringView>();
      StringView* target_data = target.Data<StringView>();
      for (size_t row = 0; row < count; ++row) {
        const StringView& text = source_data[unified.index(row)];
        target_data[positions.get_index(row)] =
            text.IsInlined() ? text : target.AddString(text.view());
      }
      return;
    }
    default:
      // Nested types: row at a time through Value (rare on hot paths).
      for (size_t row = 0; row < count; ++row) {
        target.SetValue(positions.get_index(row), source.GetValue(row));
      }
      return;
  }
}

}  // namespace dq
