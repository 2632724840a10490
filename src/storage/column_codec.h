// Column codec: the body of one column chunk of a segment file, for every LogicalType.
//
// A column is encoded as a tree of nodes mirroring its type (rows [0, count)):
//   node      := validity, payload
//   validity  := u8 0                          (no NULLs)
//              | u8 1, ceil(count/8) bytes      (bit i set = row i valid, LSB first)
//   payload by type (int streams per integer_encoding.h; NULL rows hold a filler value that
//   continues the previous row, so runs are not broken):
//     NULL                     nothing
//     BOOL                     stream of 0/1
//     INT64 DATETIME TIME TIMESTAMP DATE   stream of values
//     FLOAT64                  stream of IEEE-754 bit patterns (NaN, -0.0 exact)
//     NUMERIC                  stream of low 64 bits, stream of high 64 bits
//     INTERVAL                 streams of months, days, micros
//     STRING BYTES JSON        u8 0 (plain): stream of lengths, varint total, bytes
//                            | u8 1 (dictionary): varint size, stream of entry lengths,
//                              varint total, entry bytes, stream of codes
//     ARRAY                    stream of lengths (0 for NULL), node of the elements
//     STRUCT                   one node per field (`count` rows each)
// The segment file may compress the whole body with zstd (see segment_format.h).
// Thread-safety: pure functions.
#pragma once

#include "common/status.h"
#include "storage/byte_buffer.h"
#include "storage/integer_encoding.h"
#include "vector/vector.h"

namespace dq {

// Appends the encoding of rows [0, count) of `column` and returns the encoding of its main
// stream (strings: kDictionary or kPlain; nested types: kPlain).
// REQUIRES: column is flat and holds at least `count` rows.
IntEncoding EncodeColumn(const Vector& column, size_t count, ByteWriter& out);

// Decodes `count` rows of `type` into `out`, which is replaced by a fresh flat vector with
// capacity >= max(count, 1). Malformed input returns false.
bool DecodeColumn(ByteReader& in, const LogicalType& type, size_t count, Vector& out);

// Copies rows [start, start + count) of the flat, contiguous vector `source` (as produced by
// DecodeColumn) into rows [0, count) of `target`. Strings are not copied: target keeps
// source's heap alive. REQUIRES: target flat, writable, capacity >= count, same type.
void CopyColumnRange(const Vector& source, size_t start, size_t count, Vector& target);

}  // namespace dq
