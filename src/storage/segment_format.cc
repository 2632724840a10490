#include "storage/segment_format.h"

#include <xxhash.h>

#include "storage/byte_buffer.h"
#include "storage/column_stats.h"

namespace dq {

uint64_t Checksum(std::string_view bytes) { return XXH64(bytes.data(), bytes.size(), 0); }

void PutSegmentFooter(const SegmentFooter& footer, std::string& file) {
  ByteWriter out;
  out.PutVarint(footer.row_count);
  out.PutVarint(footer.columns.size());
  for (const ColumnChunkMeta& column : footer.columns) {
    out.PutString(column.name);
    out.PutString(column.type);
    out.PutU64(column.offset);
    out.PutU64(column.length);
    out.PutU64(column.checksum);
    out.PutU8(static_cast<uint8_t>(column.compression));
    out.PutVarint(column.body_size);
    out.PutU8(static_cast<uint8_t>(column.encoding));
    PutColumnStats(column.stats, out);
  }
  ByteWriter tail;
  tail.PutU64(Checksum(out.bytes()));
  tail.PutU32(static_cast<uint32_t>(out.size()));
  tail.PutRaw(kSegmentMagic, sizeof(kSegmentMagic));
  file += out.bytes();
  file += tail.bytes();
}

bool ParseSegmentFooter(std::string_view bytes, const std::vector<LogicalType>& types,
                        SegmentFooter* footer, std::string* error) {
  ByteReader in(bytes);
  uint64_t column_count;
  *error = "malformed footer";
  if (!in.GetVarint(&footer->row_count) || !in.GetVarint(&column_count)) return false;
  if (column_count != types.size()) {
    *error = "holds " + std::to_string(column_count) + " columns, expected " +
             std::to_string(types.size());
    return false;
  }
  footer->columns.resize(column_count);
  for (size_t index = 0; index < column_count; ++index) {
    ColumnChunkMeta& column = footer->columns[index];
    uint8_t compression, encoding;
    if (!in.GetString(&column.name) || !in.GetString(&column.type)) return false;
    if (column.type != types[index].ToString()) {
      *error = "column " + column.name + " has type " + column.type + ", expected " +
               types[index].ToString();
      return false;
    }
    if (!in.GetU64(&column.offset) || !in.GetU64(&column.length) ||
        !in.GetU64(&column.checksum) || !in.GetU8(&compression) ||
        !in.GetVarint(&column.body_size) || !in.GetU8(&encoding) ||
        !GetColumnStats(in, types[index], &column.stats)) {
      return false;
    }
    if (compression > 1 || encoding > static_cast<uint8_t>(IntEncoding::kDictionary)) return false;
    column.compression = static_cast<ChunkCompression>(compression);
    column.encoding = static_cast<IntEncoding>(encoding);
  }
  if (in.remaining() != 0) return false;
  error->clear();
  return true;
}

}  // namespace dq
