// Zone maps: computing ColumnStats for a column chunk and serializing them.
//
// Binary form (used in segment footers, and hex-encoded in the manifest):
//   stats        := u8 has_min_max, varint null_count, [value min, value max]
//   value        := the scalar payload for the column's type:
//                   BOOL u8 | INT64, DATETIME, TIME, TIMESTAMP u64 | DATE u32 | FLOAT64 u64 bits
//                   | NUMERIC u64 low, u64 high | STRING, BYTES varint length + bytes
// Only types for which HasZoneMap() is true ever carry min/max.
#pragma once

#include <string>

#include "catalog/catalog_entries.h"
#include "storage/byte_buffer.h"
#include "vector/vector.h"

namespace dq {

// Whether chunks of `type` get min/max: orderable scalars except INTERVAL and JSON.
bool HasZoneMap(const LogicalType& type);

// Stats of rows [0, count) of a flat vector.
ColumnStats ComputeColumnStats(const Vector& column, size_t count);

void PutColumnStats(const ColumnStats& stats, ByteWriter& out);
// Returns false on malformed input.
bool GetColumnStats(ByteReader& in, const LogicalType& type, ColumnStats* stats);

// The scalar payload of a non-NULL value (format above). REQUIRES: HasZoneMap(value.type()).
void PutScalarValue(const Value& value, ByteWriter& out);
bool GetScalarValue(ByteReader& in, const LogicalType& type, Value* value);

}  // namespace dq
