#include "storage/integer_encoding.h"

#include <algorithm>
#include <bit>
#include <unordered_map>
#include <vector>

namespace dq {

namespace {

// Dictionary encoding is only considered up to this many distinct values.
constexpr size_t kMaxDictionarySize = 1 << 16;

int BitWidth(uint64_t value) { return value == 0 ? 0 : 64 - std::countl_zero(value); }

uint64_t PackedBytes(size_t count, int width) {
  return (static_cast<uint64_t>(count) * width + 7) / 8;
}

// Appends packed(values - base) with `width` bits per value.
template <typename Get>
void PackBits(size_t count, int width, ByteWriter& out, Get get) {
  out.PutU8(static_cast<uint8_t>(width));
  if (width == 0 || count == 0) return;
  std::string& bytes = out.bytes();
  size_t start = bytes.size();
  bytes.resize(start + PackedBytes(count, width) + 8, '\0');  // 8 bytes slack for word stores
  uint8_t* base = reinterpret_cast<uint8_t*>(bytes.data() + start);
  uint64_t mask = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
  uint64_t bit = 0;
  for (size_t index = 0; index < count; ++index, bit += width) {
    uint64_t value = get(index) & mask;
    uint8_t* target = base + bit / 8;
    int shift = static_cast<int>(bit % 8);
    uint64_t word;
    std::memcpy(&word, target, 8);
    word |= value << shift;
    std::memcpy(target, &word, 8);
    if (shift + width > 64) target[8] |= static_cast<uint8_t>(value >> (64 - shift));
  }
  bytes.resize(start + PackedBytes(count, width));
}

// Reads a packed block written by PackBits, calling put(index, value) for each value.
template <typename Put>
bool UnpackBits(ByteReader& in, size_t count, Put put) {
  uint8_t width;
  if (!in.GetU8(&width) || width > 64) return false;
  if (width == 0) {
    for (size_t index = 0; index < count; ++index) put(index, 0);
    return true;
  }
  std::string_view packed;
  if (!in.GetBytes(PackedBytes(count, width), &packed)) return false;
  const uint8_t* base = reinterpret_cast<const uint8_t*>(packed.data());
  size_t total = packed.size();
  uint64_t mask = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
  uint64_t bit = 0;
  for (size_t index = 0; index < count; ++index, bit += width) {
    size_t byte = bit / 8;
    int shift = static_cast<int>(bit % 8);
    uint64_t word = 0;
    size_t available = std::min<size_t>(8, total - byte);
    std::memcpy(&word, base + byte, available);
    uint64_t value = word >> shift;
    if (shift + width > 64) value |= static_cast<uint64_t>(base[byte + 8]) << (64 - shift);
    put(index, value & mask);
  }
  return true;
}

void PutFrameOfReference(const int64_t* values, size_t count, ByteWriter& out) {
  int64_t min = count == 0 ? 0 : *std::min_element(values, values + count);
  int64_t max = count == 0 ? 0 : *std::max_element(values, values + count);
  out.PutU64(static_cast<uint64_t>(min));
  int width = BitWidth(static_cast<uint64_t>(max) - static_cast<uint64_t>(min));
  PackBits(count, width, out, [&](size_t index) {
    return static_cast<uint64_t>(values[index]) - static_cast<uint64_t>(min);
  });
}

bool GetFrameOfReference(ByteReader& in, size_t count, int64_t* out) {
  uint64_t min;
  if (!in.GetU64(&min)) return false;
  return UnpackBits(in, count, [&](size_t index, uint64_t value) {
    out[index] = static_cast<int64_t>(value + min);
  });
}

struct StreamStats {
  int64_t min = 0;
  int64_t max = 0;
  size_t runs = 0;
  uint64_t longest_run = 0;
};

StreamStats ComputeStats(const int64_t* values, size_t count) {
  StreamStats stats;
  if (count == 0) return stats;
  stats.min = stats.max = values[0];
  stats.runs = 1;
  uint64_t run = 1;
  for (size_t index = 1; index < count; ++index) {
    int64_t value = values[index];
    stats.min = std::min(stats.min, value);
    stats.max = std::max(stats.max, value);
    if (value == values[index - 1]) {
      ++run;
    } else {
      stats.longest_run = std::max(stats.longest_run, run);
      run = 1;
      ++stats.runs;
    }
  }
  stats.longest_run = std::max(stats.longest_run, run);
  return stats;
}

int RangeWidth(int64_t min, int64_t max) {
  return BitWidth(static_cast<uint64_t>(max) - static_cast<uint64_t>(min));
}

// Sorted distinct values, or empty if there are more than kMaxDictionarySize.
std::vector<int64_t> DistinctValues(const int64_t* values, size_t count) {
  std::unordered_map<int64_t, bool> seen;
  seen.reserve(std::min<size_t>(count, 1024));
  for (size_t index = 0; index < count; ++index) {
    if (index > 0 && values[index] == values[index - 1]) continue;
    seen.emplace(values[index], true);
    if (seen.size() > kMaxDictionarySize) return {};
  }
  std::vector<int64_t> distinct;
  distinct.reserve(seen.size());
  for (const auto& entry : seen) distinct.push_back(entry.first);
  std::sort(distinct.begin(), distinct.end());
  return distinct;
}

void EncodeBody(IntEncoding encoding, const int64_t* values, size_t count, ByteWriter& out,
                const std::vector<int64_t>* dictionary) {
  switch (encoding) {
    case IntEncoding::kPlain:
      out.PutRaw(values, count * sizeof(int64_t));
      return;
    case IntEncoding::kBitPack: {
      uint64_t max = 0;
      for (size_t index = 0; index < count; ++index) {
        max = std::max(max, static_cast<uint64_t>(values[index]));
      }
      PackBits(count, BitWidth(max), out,
               [&](size_t index) { return static_cast<uint64_t>(values[index]); });
      return;
    }
    case IntEncoding::kFrameOfReference:
      PutFrameOfReference(values, count, out);
      return;
    case IntEncoding::kRle: {
      std::vector<int64_t> run_values;
      std::vector<int64_t> run_lengths;
      for (size_t index = 0; index < count; ++index) {
        if (index > 0 && values[index] == values[index - 1]) {
          ++run_lengths.back();
        } else {
          run_values.push_back(values[index]);
          run_lengths.push_back(1);
        }
      }
      out.PutVarint(run_values.size());
      PutFrameOfReference(run_values.data(), run_values.size(), out);
      PutFrameOfReference(run_lengths.data(), run_lengths.size(), out);
      return;
    }
    case IntEncoding::kDictionary: {
      std::vector<int64_t> computed;
      if (dictionary == nullptr) {
        computed = DistinctValues(values, count);
        dictionary = &computed;
      }
      out.PutVarint(dictionary->size());
      PutFrameOfReference(dictionary->data(), dictionary->size(), out);
      std::unordered_map<int64_t, uint32_t> codes;
      codes.reserve(dictionary->size());
      for (size_t code = 0; code < dictionary->size(); ++code) {
        codes.emplace((*dictionary)[code], static_cast<uint32_t>(code));
      }
      int width = BitWidth(dictionary->empty() ? 0 : dictionary->size() - 1);
      PackBits(count, width, out, [&](size_t index) { return codes.at(values[index]); });
      return;
    }
  }
}

}  // namespace

std::string_view IntEncodingName(IntEncoding encoding) {
  switch (encoding) {
    case IntEncoding::kPlain: return "plain";
    case IntEncoding::kBitPack: return "bitpack";
    case IntEncoding::kFrameOfReference: return "for";
    case IntEncoding::kRle: return "rle";
    case IntEncoding::kDictionary: return "dictionary";
  }
  return "unknown";
}

IntEncoding EncodeIntegers(const int64_t* values, size_t count, ByteWriter& out) {
  StreamStats stats = ComputeStats(values, count);
  // Estimated body sizes in bytes; ties go to the simpler (earlier) encoding.
  uint64_t best_size = count * sizeof(int64_t);
  IntEncoding best = IntEncoding::kPlain;
  auto consider = [&](IntEncoding encoding, uint64_t size) {
    if (size < best_size) {
      best_size = size;
      best = encoding;
    }
  };
  if (stats.min >= 0) consider(IntEncoding::kBitPack, 1 + PackedBytes(count, BitWidth(stats.max)));
  int range_width = RangeWidth(stats.min, stats.max);
  consider(IntEncoding::kFrameOfReference, 9 + PackedBytes(count, range_width));
  if (count > 0) {
    uint64_t rle_size = 10 + 18 + PackedBytes(stats.runs, range_width) +
                        PackedBytes(stats.runs, BitWidth(stats.longest_run));
    consider(IntEncoding::kRle, rle_size);
  }
  std::vector<int64_t> dictionary;
  // A dictionary can only win when codes are narrower than the frame-of-reference width.
  if (count > 0 && range_width > 1 && (best_size > PackedBytes(count, 1))) {
    dictionary = DistinctValues(values, count);
    if (!dictionary.empty()) {
      int code_width = BitWidth(dictionary.size() - 1);
      uint64_t dictionary_size = 10 + 9 + PackedBytes(dictionary.size(), range_width) + 1 +
                                 PackedBytes(count, code_width);
      consider(IntEncoding::kDictionary, dictionary_size);
    }
  }
  out.PutU8(static_cast<uint8_t>(best));
  out.PutVarint(count);
  EncodeBody(best, values, count, out, dictionary.empty() ? nullptr : &dictionary);
  return best;
}

void EncodeIntegersAs(IntEncoding encoding, const int64_t* values, size_t count,
                      ByteWriter& out) {
  out.PutU8(static_cast<uint8_t>(encoding));
  out.PutVarint(count);
  EncodeBody(encoding, values, count, out, nullptr);
}

bool DecodeIntegers(ByteReader& in, size_t count, int64_t* out) {
  uint8_t encoding;
  uint64_t stored_count;
  if (!in.GetU8(&encoding) || !in.GetVarint(&stored_count) || stored_count != count) {
    return false;
  }
  switch (static_cast<IntEncoding>(encoding)) {
    case IntEncoding::kPlain:
      return in.GetRaw(out, count * sizeof(int64_t));
    case IntEncoding::kBitPack:
      return UnpackBits(in, count, [&](size_t index, uint64_t value) {
        out[index] = static_cast<int64_t>(value);
      });
    case IntEncoding::kFrameOfReference:
      return GetFrameOfReference(in, count, out);
    case IntEncoding::kRle: {
      uint64_t runs;
      if (!in.GetVarint(&runs) || runs > count) return false;
      std::vector<int64_t> run_values(runs);
      std::vector<int64_t> run_lengths(runs);
      if (!GetFrameOfReference(in, runs, run_values.data()) ||
          !GetFrameOfReference(in, runs, run_lengths.data())) {
        return false;
      }
      size_t position = 0;
      for (size_t run = 0; run < runs; ++run) {
        uint64_t length = static_cast<uint64_t>(run_lengths[run]);
        if (length > count - position) return false;
        std::fill(out + position, out + position + length, run_values[run]);
        position += length;
      }
      return position == count;
    }
    case IntEncoding::kDictionary: {
      uint64_t size;
      if (!in.GetVarint(&size) || size > kMaxDictionarySize || (size == 0 && count > 0)) {
        return false;
      }
      std::vector<int64_t> dictionary(size);
      if (!GetFrameOfReference(in, size, dictionary.data())) return false;
      bool valid = true;
      bool read = UnpackBits(in, count, [&](size_t index, uint64_t code) {
        if (code >= size) {
          valid = false;
          return;
        }
        out[index] = dictionary[code];
      });
      return read && valid;
    }
  }
  return false;
}

}  // namespace dq
