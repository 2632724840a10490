#include "storage/row_group_reader.h"

#include <zstd.h>

#include <cstring>

#include "storage/byte_buffer.h"
#include "storage/column_codec.h"

namespace dq {

namespace {

Status FileCorruption(const std::string& file, const std::string& what) {
  return Status::Corruption("Corruption: segment file " + file + ": " + what);
}

}  // namespace

Result<std::unique_ptr<RowGroupReader>> RowGroupReader::Open(
    const std::string& warehouse_dir, const RowGroupMeta& meta,
    const std::vector<LogicalType>& types) {
  std::unique_ptr<RowGroupReader> reader(new RowGroupReader());
  reader->relative_file_ = meta.file;
  reader->types_ = types;
  DQ_ASSIGN_OR_RETURN(reader->file_, RandomAccessFile::Open(warehouse_dir + "/" + meta.file));
  const RandomAccessFile& file = *reader->file_;
  if (file.size() < kSegmentHeaderSize + kSegmentTailSize) {
    return FileCorruption(meta.file, "file too short");
  }
  std::string header;
  std::string tail;
  DQ_RETURN_IF_ERROR(file.Read(0, kSegmentHeaderSize, &header));
  DQ_RETURN_IF_ERROR(file.Read(file.size() - kSegmentTailSize, kSegmentTailSize, &tail));
  uint32_t version;
  std::memcpy(&version, header.data() + 4, sizeof(version));
  if (std::memcmp(header.data(), kSegmentMagic, 4) != 0 ||
      std::memcmp(tail.data() + 12, kSegmentMagic, 4) != 0) {
    return FileCorruption(meta.file, "bad magic number");
  }
  if (version != kSegmentVersion) {
    return FileCorruption(meta.file, "unsupported format version " + std::to_string(version));
  }
  uint64_t footer_checksum;
  uint32_t footer_length;
  std::memcpy(&footer_checksum, tail.data(), 8);
  std::memcpy(&footer_length, tail.data() + 8, 4);
  if (footer_length > file.size() - kSegmentHeaderSize - kSegmentTailSize) {
    return FileCorruption(meta.file, "bad footer length");
  }
  std::string footer_bytes;
  DQ_RETURN_IF_ERROR(
      file.Read(file.size() - kSegmentTailSize - footer_length, footer_length, &footer_bytes));
  if (Checksum(footer_bytes) != footer_checksum) {
    return FileCorruption(meta.file, "footer checksum mismatch");
  }
  std::string error;
  if (!ParseSegmentFooter(footer_bytes, types, &reader->footer_, &error)) {
    return FileCorruption(meta.file, error);
  }
  for (size_t column = 0; column < types.size(); ++column) {
    const ColumnChunkMeta& chunk = reader->footer_.columns[column];
    if (chunk.offset > file.size() || chunk.length > file.size() - chunk.offset) {
      return FileCorruption(meta.file, "column " + chunk.name + " lies outside the file");
    }
  }
  if (reader->footer_.row_count != meta.row_count) {
    return FileCorruption(meta.file, "holds " + std::to_string(reader->footer_.row_count) +
                                         " rows, catalog says " + std::to_string(meta.row_count));
  }
  reader->decoded_.resize(types.size());
  return reader;
}

Status RowGroupReader::ChunkCorruption(size_t column, const std::string& what) const {
  return FileCorruption(relative_file_, what + " in column " + footer_.columns[column].name +
                                            " (#" + std::to_string(column) + ")");
}

Status RowGroupReader::LoadColumn(size_t column) {
  const ColumnChunkMeta& chunk = footer_.columns[column];
  std::string stored;
  DQ_RETURN_IF_ERROR(file_->Read(chunk.offset, chunk.length, &stored));
  if (Checksum(stored) != chunk.checksum) return ChunkCorruption(column, "checksum mismatch");
  std::string body;
  if (chunk.compression == ChunkCompression::kZstd) {
    body.resize(chunk.body_size);
    size_t size = ZSTD_decompress(body.data(), body.size(), stored.data(), stored.size());
    if (ZSTD_isError(size) || size != chunk.body_size) {
      return ChunkCorruption(column, "zstd decompression failed");
    }
  } else {
    body = std::move(stored);
  }
  ByteReader in(body);
  auto decoded = std::make_unique<Vector>();
  if (!DecodeColumn(in, types_[column], footer_.row_count, *decoded) || in.remaining() != 0) {
    return ChunkCorruption(column, "malformed encoding");
  }
  decoded_[column] = std::move(decoded);
  return Status::OK();
}

Status RowGroupReader::ReadColumn(size_t column, uint64_t row_start, size_t count, Vector& out) {
  DQ_CHECK_LT(column, types_.size());
  DQ_CHECK_LE(row_start + count, footer_.row_count);
  DQ_CHECK_LE(count, out.capacity());
  DQ_CHECK(out.type() == types_[column]);
  DQ_RETURN_IF_ERROR(EnsureLoaded(column));
  CopyColumnRange(*decoded_[column], row_start, count, out);
  return Status::OK();
}

Status RowGroupReader::EnsureLoaded(size_t column) {
  std::lock_guard<std::mutex> lock(load_mutex_);
  if (decoded_[column]) return Status::OK();
  return LoadColumn(column);
}

Status RowGroupReader::VerifyAllColumns() {
  for (size_t column = 0; column < types_.size(); ++column) {
    DQ_RETURN_IF_ERROR(EnsureLoaded(column));
  }
  return Status::OK();
}

}  // namespace dq
