#include "storage/table_appender.h"

#include <algorithm>

#include "storage/row_group_writer.h"

namespace dq {

namespace {

// Bytes of array elements (flat, fixed-width elements; 16 per element otherwise) and string
// data in each row of `chunk`; empty when the table has no ARRAY or STRING-like column.
std::vector<uint64_t> VariableRowBytes(const DataChunk& chunk) {
  std::vector<uint64_t> bytes;
  const size_t rows = chunk.size();
  for (size_t column = 0; column < chunk.column_count(); ++column) {
    const LogicalType& type = chunk.column(column).type();
    if (type.id() != TypeId::kArray && !type.IsStringLike()) continue;
    if (bytes.empty()) bytes.assign(rows, 0);
    UnifiedVector unified;
    chunk.column(column).ToUnified(rows, unified);
    const size_t element_size =
        type.id() == TypeId::kArray ? type.element_type().PhysicalSize() : 0;
    for (size_t row = 0; row < rows; ++row) {
      if (!unified.IsValid(row)) continue;
      if (type.id() == TypeId::kArray) {
        const ArrayEntry& entry = unified.Data<ArrayEntry>()[unified.index(row)];
        bytes[row] += entry.length * (element_size == 0 ? 16 : element_size);
      } else {
        bytes[row] += unified.Data<StringView>()[unified.index(row)].size();
      }
    }
  }
  return bytes;
}

}  // namespace

TableAppender::TableAppender(std::string warehouse_dir, std::string relative_directory,
                             std::vector<ColumnDefinition> columns,
                             std::shared_ptr<WrittenFiles> written_files)
    : warehouse_dir_(std::move(warehouse_dir)),
      relative_directory_(std::move(relative_directory)),
      columns_(std::move(columns)),
      written_files_(std::move(written_files)) {}

Status TableAppender::Append(const DataChunk& chunk) {
  if (chunk.column_count() != columns_.size()) {
    return Status::Make(ErrorKind::kInternal,
                        "TableAppender: chunk has " + std::to_string(chunk.column_count()) +
                            " columns, table has " + std::to_string(columns_.size()));
  }
  size_t rows = chunk.size();
  for (size_t column = 0; column < columns_.size(); ++column) {
    if (chunk.column(column).type() != columns_[column].type) {
      return Status::Make(ErrorKind::kInternal,
                          "TableAppender: column " + columns_[column].name + " has type " +
                              chunk.column(column).type().ToString() + ", expected " +
                              columns_[column].type.ToString());
    }
    if (!columns_[column].not_null) continue;
    UnifiedVector unified;
    chunk.column(column).ToUnified(rows, unified);
    for (size_t row = 0; row < rows; ++row) {
      if (!unified.IsValid(row)) {
        return Status::InvalidInput("Required field " + columns_[column].name +
                                    " cannot be NULL");
      }
    }
  }
  if (buffer_.empty()) {
    for (const ColumnDefinition& column : columns_) buffer_.emplace_back(column.type, kRowGroupRows);
  }
  const std::vector<uint64_t> row_bytes = VariableRowBytes(chunk);
  size_t done = 0;
  while (done < rows) {
    size_t take = std::min(rows - done, kRowGroupRows - buffered_rows_);
    uint64_t take_bytes = 0;
    if (!row_bytes.empty()) {  // stop at kRowGroupBytes, taking at least one row per group
      size_t within = 0;
      while (within < take &&
             (buffered_rows_ + within == 0 ||
              buffered_bytes_ + take_bytes + row_bytes[done + within] <= kRowGroupBytes)) {
        take_bytes += row_bytes[done + within];
        ++within;
      }
      take = within;
    }
    SelectionVector selection;  // identity when the whole chunk fits
    if (done != 0 || take != rows) {
      selection = SelectionVector(take);
      for (size_t row = 0; row < take; ++row) selection.set_index(row, static_cast<sel_t>(done + row));
    }
    for (size_t column = 0; column < columns_.size(); ++column) {
      CopyVector(chunk.column(column), selection, take, buffer_[column], buffered_rows_);
    }
    buffered_rows_ += take;
    buffered_bytes_ += take_bytes;
    done += take;
    if (buffered_rows_ == kRowGroupRows || done < rows) DQ_RETURN_IF_ERROR(FlushBuffer());
  }
  rows_appended_ += rows;
  return Status::OK();
}

Status TableAppender::FlushBuffer() {
  if (buffered_rows_ == 0) return Status::OK();
  std::string relative_file = relative_directory_ + "/" + NewObjectId() + ".seg";
  if (written_files_) written_files_->Add(relative_file);  // before writing: abort cleans up
  DQ_ASSIGN_OR_RETURN(RowGroupMeta meta, RowGroupWriter::WriteColumns(
                                             warehouse_dir_, relative_file, columns_, buffer_,
                                             buffered_rows_));
  row_groups_.push_back(std::move(meta));
  for (Vector& vector : buffer_) vector.Reset(kRowGroupRows);
  buffered_rows_ = 0;
  buffered_bytes_ = 0;
  return Status::OK();
}

Result<std::vector<RowGroupMeta>> TableAppender::Finish() {
  DQ_RETURN_IF_ERROR(FlushBuffer());
  return std::move(row_groups_);
}

}  // namespace dq
