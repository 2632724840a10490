#include "functions/text_encoding.h"

#include <cstdint>

namespace dq {

namespace {

constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int Base64Digit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

void Base64Encode(std::string_view bytes, std::string* out) {
  out->reserve(out->size() + (bytes.size() + 2) / 3 * 4);
  size_t index = 0;
  for (; index + 2 < bytes.size(); index += 3) {
    uint32_t group = static_cast<uint8_t>(bytes[index]) << 16 |
                     static_cast<uint8_t>(bytes[index + 1]) << 8 |
                     static_cast<uint8_t>(bytes[index + 2]);
    out->push_back(kBase64Alphabet[group >> 18]);
    out->push_back(kBase64Alphabet[(group >> 12) & 63]);
    out->push_back(kBase64Alphabet[(group >> 6) & 63]);
    out->push_back(kBase64Alphabet[group & 63]);
  }
  size_t rest = bytes.size() - index;
  if (rest == 0) return;
  uint32_t group = static_cast<uint8_t>(bytes[index]) << 16;
  if (rest == 2) group |= static_cast<uint8_t>(bytes[index + 1]) << 8;
  out->push_back(kBase64Alphabet[group >> 18]);
  out->push_back(kBase64Alphabet[(group >> 12) & 63]);
  out->push_back(rest == 2 ? kBase64Alphabet[(group >> 6) & 63] : '=');
  out->push_back('=');
}

bool Base64Decode(std::string_view text, std::string* out) {
  uint32_t group = 0;
  int bits = 0;
  size_t padding = 0;
  size_t digits = 0;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    int digit = Base64Digit(c);
    if (digit < 0 || padding > 0) return false;
    ++digits;
    group = group << 6 | static_cast<uint32_t>(digit);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((group >> bits) & 0xFF));
    }
  }
  if (digits % 4 == 1 || padding > 2) return false;
  if (padding > 0 && (digits + padding) % 4 != 0) return false;
  return true;
}

void HexEncode(std::string_view bytes, std::string* out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out->reserve(out->size() + bytes.size() * 2);
  for (char c : bytes) {
    out->push_back(kDigits[static_cast<uint8_t>(c) >> 4]);
    out->push_back(kDigits[static_cast<uint8_t>(c) & 15]);
  }
}

bool HexDecode(std::string_view text, std::string* out) {
  size_t index = 0;
  if (text.size() % 2 == 1) {
    int digit = HexDigit(text[0]);
    if (digit < 0) return false;
    out->push_back(static_cast<char>(digit));
    index = 1;
  }
  for (; index < text.size(); index += 2) {
    int high = HexDigit(text[index]);
    int low = HexDigit(text[index + 1]);
    if (high < 0 || low < 0) return false;
    out->push_back(static_cast<char>(high << 4 | low));
  }
  return true;
}

}  // namespace dq
