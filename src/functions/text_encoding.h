// Byte encodings shared by function families: base64 (RFC 4648, standard and URL-safe
// alphabets) and hexadecimal. Decoders return false on malformed input.
#pragma once

#include <string>
#include <string_view>

namespace dq {

// Standard alphabet with '=' padding.
void Base64Encode(std::string_view bytes, std::string* out);
// Accepts padded or unpadded input and ignores whitespace; false on other characters.
bool Base64Decode(std::string_view text, std::string* out);
// Lower-case hex, two digits per byte.
void HexEncode(std::string_view bytes, std::string* out);
// Upper or lower case digits; an odd count is read as if it had a leading 0.
bool HexDecode(std::string_view text, std::string* out);

}  // namespace dq
