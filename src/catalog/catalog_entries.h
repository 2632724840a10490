// Catalog objects: immutable values describing datasets, tables and their stored row groups.
//
// Entries are plain structs. Once an entry is published in a CatalogSnapshot it is shared as
// std::shared_ptr<const ...> and never mutated; a write transaction builds new entries (copy,
// modify, put) instead. Thread-safety: const entries may be read from any thread.
//
// Names are stored with their original spelling and matched case-insensitively (maps are
// keyed by the lower-cased name, see ToLowerAscii).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "types/logical_type.h"
#include "types/value.h"

namespace dq {

// Rows per row group (segment file). A table's last row group may hold fewer.
inline constexpr size_t kRowGroupRows = 122880;
// A row group is also closed once its rows' array elements and string bytes reach this much
// (tables of embeddings, images or sensor windows: 16 MiB is ~680 rows of 3,072 FLOAT64s), so
// such tables still come in several row groups, scanned in parallel, each decoded in bounded
// memory.
inline constexpr uint64_t kRowGroupBytes = uint64_t{16} << 20;

struct ColumnDefinition {
  std::string name;
  LogicalType type;
  bool not_null = false;
  std::string default_sql;  // empty = no default

  bool operator==(const ColumnDefinition&) const = default;
};

// Zone map of one column chunk.
//  * has_min_max is set only for orderable scalar types (not ARRAY, STRUCT, JSON) when the
//    chunk holds at least one non-NULL value, and never for FLOAT64 chunks holding a NaN.
//  * STRING/BYTES bounds may be shortened to a prefix of at most kStatsStringPrefix bytes:
//    `min` is then a prefix of the true minimum (so min <= every value), and `max` is a
//    prefix with its last byte incremented (so max >= every value). Pruning that treats them
//    as inclusive bounds stays correct; they are not necessarily values of the column.
struct ColumnStats {
  bool has_min_max = false;
  Value min;
  Value max;
  uint64_t null_count = 0;

  bool operator==(const ColumnStats&) const = default;
};

inline constexpr size_t kStatsStringPrefix = 64;

// One immutable segment file holding every column of up to kRowGroupRows rows (fewer when
// they reach kRowGroupBytes of array and string data).
struct RowGroupMeta {
  std::string file;  // relative to the warehouse directory, '/'-separated
  uint64_t row_count = 0;
  std::vector<ColumnStats> stats;  // one per column of the table
  uint64_t byte_size = 0;          // size of the file in bytes

  bool operator==(const RowGroupMeta&) const = default;
};

struct TableEntry {
  std::string dataset;
  std::string name;
  std::vector<ColumnDefinition> columns;
  std::vector<RowGroupMeta> row_groups;
  uint64_t row_count = 0;  // sum of row_groups[*].row_count
  int64_t created_micros = 0;
  int64_t modified_micros = 0;
  std::string id;  // unique in the warehouse, [0-9a-z] only; used in file names

  // Index of the column named `name` (case-insensitive), if any.
  std::optional<size_t> FindColumn(std::string_view name) const;
  std::vector<LogicalType> ColumnTypes() const;
  // Appends row groups and adds their rows to row_count.
  void AddRowGroups(const std::vector<RowGroupMeta>& groups);

  bool operator==(const TableEntry&) const = default;
};

// A logical view: a stored query, bound again each time it is referenced.
struct ViewEntry {
  std::string dataset;
  std::string name;
  std::string sql;                        // the query, in canonical GoogleSQL text
  std::vector<std::string> column_names;  // output names (explicit list or the query's)
  std::vector<LogicalType> column_types;  // output types when the view was created
  int64_t created_micros = 0;
  int64_t modified_micros = 0;

  bool operator==(const ViewEntry&) const = default;
};

// A named tensor of an imported model, as the catalog records it.
struct ModelTensorMeta {
  std::string name;
  std::string type;            // ml::TensorTypeName: "FLOAT32" or "INT64"; classifier outputs
                               // also "STRING", "MAP<INT64, FLOAT32>", "MAP<STRING, FLOAT32>"
  std::vector<int64_t> shape;  // -1 = dynamic (normally the batch dimension)

  bool operator==(const ModelTensorMeta&) const = default;
};

// An imported model: its file is copied into the warehouse (`file`, immutable, named after
// `id`) and checked against `checksum` (xxhash64 of the bytes, see Checksum in
// segment_format.h) whenever it is loaded. Replacing a model writes a new id and file.
struct ModelEntry {
  std::string dataset;
  std::string name;
  std::string id;          // unique in the warehouse, [0-9a-z] only
  std::string file;        // relative to the warehouse directory: models/<id>.onnx
  uint64_t checksum = 0;
  uint64_t byte_size = 0;
  std::string model_type;  // "ONNX"
  std::vector<ModelTensorMeta> inputs;
  std::vector<ModelTensorMeta> outputs;
  int64_t created_micros = 0;

  bool operator==(const ModelEntry&) const = default;
};

struct DatasetEntry {
  std::string name;
  // Tables, views and models share one namespace per dataset; the maps are keyed by
  // lower-cased name.
  std::map<std::string, std::shared_ptr<const TableEntry>> tables;
  std::map<std::string, std::shared_ptr<const ViewEntry>> views;
  std::map<std::string, std::shared_ptr<const ModelEntry>> models;
  int64_t created_micros = 0;
};

// ASCII lower-casing used for all catalog name matching.
std::string ToLowerAscii(std::string_view text);
bool EqualsIgnoreCase(std::string_view left, std::string_view right);
// A new random identifier of 16 lower-case hex digits, for table ids and file names.
std::string NewObjectId();
// Microseconds since the Unix epoch, from the system clock.
int64_t NowMicros();

}  // namespace dq
