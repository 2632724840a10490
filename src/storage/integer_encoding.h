// Lightweight encodings of a stream of 64-bit integers, the building block of column chunks.
//
// Every fixed-width column is turned into one or more int64 streams (DATE widened, FLOAT64 as
// its IEEE bit pattern, NUMERIC as low/high halves, INTERVAL as three streams, string lengths
// and dictionary codes), and each stream picks the smallest of these encodings from cheap
// statistics (min, max, runs, distinct count):
//
//   stream  := u8 encoding, varint count, body
//   kPlain             body = count x u64
//   kBitPack           body = u8 width, packed(values as unsigned)          (all values >= 0)
//   kFrameOfReference  body = u64 min, u8 width, packed(value - min)
//   kRle               body = varint runs, for(run values), for(run lengths)
//   kDictionary        body = varint size, for(sorted distinct values), u8 width, packed(codes)
//   for(x)             = u64 min, u8 width, packed(x - min)   (a nested frame of reference)
//   packed(v)          = ceil(count * width / 8) bytes, value i at bit i*width, LSB first
//
// Arithmetic is modulo 2^64, so every encoding is lossless for any bit pattern.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/status.h"
#include "storage/byte_buffer.h"

namespace dq {

enum class IntEncoding : uint8_t {
  kPlain = 0,
  kBitPack = 1,
  kFrameOfReference = 2,
  kRle = 3,
  kDictionary = 4,
};

std::string_view IntEncodingName(IntEncoding encoding);

// Appends the stream for values[0, count) to `out` and returns the encoding chosen.
IntEncoding EncodeIntegers(const int64_t* values, size_t count, ByteWriter& out);
// Appends the stream with a given encoding (tests and size comparisons).
void EncodeIntegersAs(IntEncoding encoding, const int64_t* values, size_t count, ByteWriter& out);

// Decodes one stream of exactly `count` values into out[0, count). A malformed stream (wrong
// count, truncation, bad code) returns false; the caller reports Corruption with context.
bool DecodeIntegers(ByteReader& in, size_t count, int64_t* out);

}  // namespace dq
