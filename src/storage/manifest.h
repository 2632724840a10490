// Manifest: the persisted form of one CatalogSnapshot, stored as `manifest-<version>` (20
// decimal digits) in the warehouse directory; `CURRENT` names the live one.
//
//   file    := "DQMANIFEST 1 " <16 hex digits: XXH64 of body> " " <body length> "\n" body
//   body    := JSON (UTF-8):
//   { "format_version": 1, "version": <commit number>,
//     "datasets": [ { "name": "shop", "created_micros": <int>,
//                     "tables": [ table* ],
//                     "views": [ view* ], "models": [ model* ] } ] }
//   table   := { "name", "id", "created_micros", "modified_micros", "row_count",
//                "columns": [ { "name", "type": type, "not_null": bool, "default_sql" } ],
//                "row_groups": [ { "file", "row_count", "byte_size",
//                                  "stats": [ <hex of column_stats.h binary stats> ] } ] }
//   view    := { "name", "sql", "column_names", "column_types": [ type ], "created_micros",
//                "modified_micros" }
//   model   := { "name", "id", "file": "models/<id>.onnx", "checksum": <16 hex digits, XXH64>,
//                "byte_size", "model_type": "ONNX", "created_micros",
//                "inputs"/"outputs": [ { "name", "type": "FLOAT32"|"INT64", "shape": [int] } ] }
//   type    := { "id": "INT64" | ... } | { "id": "ARRAY", "element": type }
//            | { "id": "STRUCT", "fields": [ { "name", "type": type } ] }
// 64-bit integers are JSON numbers (nlohmann keeps them exact). Readers ignore unknown keys,
// so later object kinds (views, models) add arrays without a format version change; a change
// that old readers would misread must bump format_version.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "catalog/catalog_snapshot.h"
#include "common/status.h"

namespace dq {

inline constexpr uint32_t kManifestFormatVersion = 1;

std::string ManifestFileName(uint64_t version);
// Renders the file contents (header + JSON body). Fails only on names that are not UTF-8.
Result<std::string> SerializeManifest(const CatalogSnapshot& snapshot);
// Parses and checksum-verifies a manifest; `file_name` is used in error messages (kCorruption).
Result<std::shared_ptr<const CatalogSnapshot>> ParseManifest(std::string_view contents,
                                                             const std::string& file_name);

}  // namespace dq
