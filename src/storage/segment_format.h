// Segment file format: one immutable file per row group holding every column of up to
// kRowGroupRows rows (fewer at kRowGroupBytes of array and string data; catalog_entries.h).
// Written by RowGroupWriter, read by RowGroupReader.
//
//   file        := header, chunk*, footer, tail
//   header      := "DQSG" (4 bytes), u32 format version (= 1)
//   chunk       := the stored bytes of one column: its column_codec.h body, zstd-compressed
//                  when that saves at least 1/8 of the size
//   footer      := varint row_count, varint column_count, column*
//   column      := string name, string type (LogicalType::ToString, checked when opened),
//                  u64 offset, u64 length (of the stored chunk),
//                  u64 checksum (XXH64, seed 0, of the stored chunk bytes),
//                  u8 compression (0 none, 1 zstd), varint body_size (uncompressed),
//                  u8 encoding (IntEncoding of the main stream, informational),
//                  stats (column_stats.h)
//   tail        := u64 XXH64 of the footer bytes, u32 footer length, "DQSG"
// Integers are little-endian; strings are varint length + bytes. A reader reads the tail,
// then the footer, then only the chunks it needs; every checksum is verified before use.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/catalog_entries.h"
#include "storage/integer_encoding.h"

namespace dq {

inline constexpr char kSegmentMagic[4] = {'D', 'Q', 'S', 'G'};
inline constexpr uint32_t kSegmentVersion = 1;
inline constexpr size_t kSegmentHeaderSize = 8;
inline constexpr size_t kSegmentTailSize = 16;

enum class ChunkCompression : uint8_t { kNone = 0, kZstd = 1 };

struct ColumnChunkMeta {
  std::string name;
  std::string type;  // LogicalType::ToString()
  uint64_t offset = 0;
  uint64_t length = 0;
  uint64_t checksum = 0;
  ChunkCompression compression = ChunkCompression::kNone;
  uint64_t body_size = 0;
  IntEncoding encoding = IntEncoding::kPlain;
  ColumnStats stats;
};

struct SegmentFooter {
  uint64_t row_count = 0;
  std::vector<ColumnChunkMeta> columns;
};

// Appends footer and tail.
void PutSegmentFooter(const SegmentFooter& footer, std::string& file);
// Parses the footer bytes (already checksum-verified) of a file expected to hold columns of
// `types`. Returns false with a description in *error when malformed or of other types.
bool ParseSegmentFooter(std::string_view bytes, const std::vector<LogicalType>& types,
                        SegmentFooter* footer, std::string* error);

uint64_t Checksum(std::string_view bytes);

}  // namespace dq
