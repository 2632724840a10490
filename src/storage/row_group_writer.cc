#include "storage/row_group_writer.h"

#include <zstd.h>

#include "storage/byte_buffer.h"
#include "storage/column_codec.h"
#include "storage/column_stats.h"
#include "storage/file_util.h"
#include "storage/segment_format.h"

namespace dq {

namespace {

constexpr int kZstdLevel = 3;
constexpr size_t kMinCompressibleBytes = 64;

// Compresses `body` when that saves at least 1/8; returns the bytes to store.
std::string MaybeCompress(std::string body, ChunkCompression* compression) {
  *compression = ChunkCompression::kNone;
  if (body.size() < kMinCompressibleBytes) return body;
  std::string compressed(ZSTD_compressBound(body.size()), '\0');
  size_t size = ZSTD_compress(compressed.data(), compressed.size(), body.data(), body.size(),
                              kZstdLevel);
  if (ZSTD_isError(size) || size > body.size() - body.size() / 8) return body;
  compressed.resize(size);
  *compression = ChunkCompression::kZstd;
  return compressed;
}

}  // namespace

Result<RowGroupMeta> RowGroupWriter::Write(const std::string& warehouse_dir,
                                           const std::string& relative_file,
                                           const std::vector<ColumnDefinition>& columns,
                                           const std::vector<const DataChunk*>& chunks) {
  size_t row_count = 0;
  for (const DataChunk* chunk : chunks) {
    if (chunk->column_count() != columns.size()) {
      return Status::Make(ErrorKind::kInternal, "RowGroupWriter: chunk has " +
                                                    std::to_string(chunk->column_count()) +
                                                    " columns, table has " +
                                                    std::to_string(columns.size()));
    }
    row_count += chunk->size();
  }
  std::vector<Vector> data;
  data.reserve(columns.size());
  for (size_t column = 0; column < columns.size(); ++column) {
    data.emplace_back(columns[column].type, std::max<size_t>(row_count, 1));
    size_t offset = 0;
    for (const DataChunk* chunk : chunks) {
      CopyVector(chunk->column(column), chunk->size(), data.back(), offset);
      offset += chunk->size();
    }
  }
  return WriteColumns(warehouse_dir, relative_file, columns, data, row_count);
}

Result<RowGroupMeta> RowGroupWriter::WriteColumns(const std::string& warehouse_dir,
                                                  const std::string& relative_file,
                                                  const std::vector<ColumnDefinition>& columns,
                                                  const std::vector<Vector>& data,
                                                  size_t row_count) {
  DQ_CHECK_EQ(data.size(), columns.size());
  std::string file(kSegmentMagic, sizeof(kSegmentMagic));
  {
    ByteWriter header;
    header.PutU32(kSegmentVersion);
    file += header.bytes();
  }
  SegmentFooter footer;
  footer.row_count = row_count;
  RowGroupMeta meta;
  meta.file = relative_file;
  meta.row_count = row_count;
  for (size_t column = 0; column < columns.size(); ++column) {
    const Vector& vector = data[column];
    DQ_CHECK(vector.type() == columns[column].type);
    ColumnChunkMeta chunk;
    chunk.name = columns[column].name;
    chunk.type = columns[column].type.ToString();
    ByteWriter body;
    chunk.encoding = EncodeColumn(vector, row_count, body);
    chunk.body_size = body.size();
    std::string stored = MaybeCompress(std::move(body.bytes()), &chunk.compression);
    chunk.offset = file.size();
    chunk.length = stored.size();
    chunk.checksum = Checksum(stored);
    chunk.stats = ComputeColumnStats(vector, row_count);
    meta.stats.push_back(chunk.stats);
    file += stored;
    footer.columns.push_back(std::move(chunk));
  }
  PutSegmentFooter(footer, file);
  meta.byte_size = file.size();

  std::string path = warehouse_dir + "/" + relative_file;
  size_t slash = path.rfind('/');
  DQ_RETURN_IF_ERROR(CreateDirectories(path.substr(0, slash)));
  DQ_RETURN_IF_ERROR(WriteFileDurably(path, file));
  return meta;
}

}  // namespace dq
