#include "bench/tpch/tpch_text.h"

#include <cstdio>
#include <initializer_list>

namespace dq::tpch {

const std::vector<std::string_view> kPartNameWords = {
    "almond",   "antique",   "aquamarine", "azure",      "beige",     "bisque",    "black",
    "blanched", "blue",      "blush",      "brown",      "burlywood", "burnished", "chartreuse",
    "chiffon",  "chocolate", "coral",      "cornflower", "cornsilk",  "cream",     "cyan",
    "dark",     "deep",      "dim",        "dodger",     "drab",      "firebrick", "floral",
    "forest",   "frosted",   "gainsboro",  "ghost",      "goldenrod", "green",     "grey",
    "honeydew", "hot",       "indian",     "ivory",      "khaki",     "lace",      "lavender",
    "lawn",     "lemon",     "light",      "lime",       "linen",     "magenta",   "maroon",
    "medium",   "metallic",  "midnight",   "mint",       "misty",     "moccasin",  "navajo",
    "navy",     "olive",     "orange",     "orchid",     "pale",      "papaya",    "peach",
    "peru",     "pink",      "plum",       "powder",     "puff",      "purple",    "red",
    "rose",     "rosy",      "royal",      "saddle",     "salmon",    "sandy",     "seashell",
    "sienna",   "sky",       "slate",      "smoke",      "snow",      "spring",    "steel",
    "tan",      "thistle",   "tomato",     "turquoise",  "violet",    "wheat",     "white",
    "yellow"};

const std::vector<std::string_view> kTypeSyllable1 = {"STANDARD", "SMALL",   "MEDIUM",
                                                      "LARGE",    "ECONOMY", "PROMO"};
const std::vector<std::string_view> kTypeSyllable2 = {"ANODIZED", "BURNISHED", "PLATED", "POLISHED",
                                                      "BRUSHED"};
const std::vector<std::string_view> kTypeSyllable3 = {"TIN", "NICKEL", "BRASS", "STEEL", "COPPER"};
const std::vector<std::string_view> kContainerSyllable1 = {"SM", "LG", "MED", "JUMBO", "WRAP"};
const std::vector<std::string_view> kContainerSyllable2 = {"CASE", "BOX",  "BAG", "JAR",
                                                           "PKG",  "PACK", "CAN", "DRUM"};
const std::vector<std::string_view> kSegments = {"AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY",
                                                 "HOUSEHOLD"};
const std::vector<std::string_view> kPriorities = {"1-URGENT", "2-HIGH", "3-MEDIUM",
                                                   "4-NOT SPECIFIED", "5-LOW"};
const std::vector<std::string_view> kShipInstructions = {"DELIVER IN PERSON", "COLLECT COD", "NONE",
                                                         "TAKE BACK RETURN"};
const std::vector<std::string_view> kShipModes = {"REG AIR", "AIR",  "RAIL", "SHIP",
                                                  "TRUCK",   "MAIL", "FOB"};

const std::vector<NationInfo> kNations = {
    {"ALGERIA", 0},      {"ARGENTINA", 1}, {"BRAZIL", 1}, {"CANADA", 1},
    {"EGYPT", 4},        {"ETHIOPIA", 0},  {"FRANCE", 3}, {"GERMANY", 3},
    {"INDIA", 2},        {"INDONESIA", 2}, {"IRAN", 4},   {"IRAQ", 4},
    {"JAPAN", 2},        {"JORDAN", 4},    {"KENYA", 0},  {"MOROCCO", 0},
    {"MOZAMBIQUE", 0},   {"PERU", 1},      {"CHINA", 2},  {"ROMANIA", 3},
    {"SAUDI ARABIA", 4}, {"VIETNAM", 2},   {"RUSSIA", 3}, {"UNITED KINGDOM", 3},
    {"UNITED STATES", 1}};
const std::vector<std::string_view> kRegions = {"AFRICA", "AMERICA", "ASIA", "EUROPE",
                                                "MIDDLE EAST"};

namespace {

// Word classes of the text grammar (clause 4.2.2.10, abridged).
const std::vector<std::string_view> kNouns = {
    "foxes",          "ideas",     "theodolites", "pinto beans", "instructions", "dependencies",
    "excuses",        "platelets", "asymptotes",  "courts",      "dolphins",     "multipliers",
    "sauternes",      "warthogs",  "frets",       "dinos",       "attainments",  "somas",
    "patterns",       "forges",    "braids",      "frays",       "warhorses",    "dugouts",
    "epitaphs",       "pearls",    "tithes",      "waters",      "orbits",       "gifts",
    "sheaves",        "depths",    "sentiments",  "decoys",      "realms",       "pains",
    "grouches",       "escapades", "packages",    "requests",    "accounts",     "deposits",
    "hockey players", "Tiresias",  "notornis"};
const std::vector<std::string_view> kVerbs = {
    "sleep",  "wake",   "are",       "cajole",   "haggle", "nag",   "use",     "boost",
    "affix",  "detect", "integrate", "maintain", "nod",    "was",   "lose",    "sublate",
    "solve",  "thrash", "promise",   "engage",   "hinder", "print", "x-ray",   "breach",
    "eat",    "grow",   "impress",   "mold",     "poach",  "serve", "run",     "dazzle",
    "snooze", "doze",   "unwind",    "kindle",   "play",   "hang",  "believe", "doubt"};
const std::vector<std::string_view> kAdjectives = {
    "furious",  "sly",     "careful", "blithe",  "quick",  "fluffy", "slow",     "quiet",
    "ruthless", "thin",    "close",   "dogged",  "daring", "brave",  "stealthy", "permanent",
    "enticing", "idle",    "busy",    "regular", "final",  "ironic", "even",     "bold",
    "silent",   "pending", "special", "express", "unusual"};
const std::vector<std::string_view> kAdverbs = {
    "sometimes", "always",    "never",   "furiously",  "slyly",       "carefully",  "blithely",
    "quickly",   "fluffily",  "slowly",  "quietly",    "ruthlessly",  "thinly",     "closely",
    "doggedly",  "daringly",  "bravely", "stealthily", "permanently", "enticingly", "idly",
    "busily",    "regularly", "finally", "ironically", "evenly",      "boldly",     "silently"};
const std::vector<std::string_view> kPrepositions = {
    "about",   "above",      "according to", "across",      "after",  "against",    "along",
    "among",   "around",     "at",           "atop",        "before", "behind",     "beneath",
    "beside",  "besides",    "between",      "beyond",      "by",     "despite",    "during",
    "except",  "for",        "from",         "in place of", "inside", "instead of", "into",
    "near",    "of",         "on",           "outside",     "over",   "past",       "since",
    "through", "throughout", "to",           "toward",      "under",  "until",      "up",
    "upon",    "without",    "with",         "within"};
const std::vector<std::string_view> kAuxiliaries = {
    "do",      "may",          "might",         "shall",         "will",
    "would",   "can",          "could",         "should",        "ought to",
    "must",    "will have to", "shall have to", "could have to", "should have to",
    "need to", "try to"};
const std::vector<std::string_view> kTerminators = {".", ";", ":", "?", "!", "--"};

// Appends one random word of each class, separated by spaces.
void AppendWords(TpchRandom& random, std::string* text,
                 std::initializer_list<const std::vector<std::string_view>*> classes) {
  bool first = true;
  for (const std::vector<std::string_view>* words : classes) {
    if (!first) *text += ' ';
    *text += Pick(random, *words);
    first = false;
  }
}

void AppendNounPhrase(TpchRandom& random, std::string* text) {
  switch (random.Uniform(0, 3)) {
    case 0:
      AppendWords(random, text, {&kNouns});
      break;
    case 1:
      AppendWords(random, text, {&kAdjectives, &kNouns});
      break;
    case 2:
      AppendWords(random, text, {&kAdjectives, &kAdjectives, &kNouns});
      break;
    default:
      AppendWords(random, text, {&kAdverbs, &kAdjectives, &kNouns});
      break;
  }
}

void AppendVerbPhrase(TpchRandom& random, std::string* text) {
  switch (random.Uniform(0, 3)) {
    case 0:
      AppendWords(random, text, {&kVerbs});
      break;
    case 1:
      AppendWords(random, text, {&kAuxiliaries, &kVerbs});
      break;
    case 2:
      AppendWords(random, text, {&kVerbs, &kAdverbs});
      break;
    default:
      AppendWords(random, text, {&kAuxiliaries, &kVerbs, &kAdverbs});
      break;
  }
}

// One sentence: noun phrase, verb phrase, optionally a prepositional phrase, a terminator.
void AppendSentence(TpchRandom& random, std::string* text) {
  AppendNounPhrase(random, text);
  *text += ' ';
  AppendVerbPhrase(random, text);
  if (random.Uniform(0, 1) == 1) {
    (*text += ' ') += Pick(random, kPrepositions);
    *text += " the ";
    AppendNounPhrase(random, text);
  }
  *text += Pick(random, kTerminators);
  *text += ' ';
}

const std::string& TextPool() {
  static const std::string pool = [] {
    constexpr size_t kPoolSize = size_t{4} << 20;
    std::string text;
    text.reserve(kPoolSize + 256);
    TpchRandom random(TableSeed::kTextPool, 0);
    while (text.size() < kPoolSize) AppendSentence(random, &text);
    return text;
  }();
  return pool;
}

}  // namespace

std::string RandomText(TpchRandom& random, int min_length, int max_length) {
  const std::string& pool = TextPool();
  int64_t length = random.Uniform(min_length, max_length);
  int64_t offset = random.Uniform(0, static_cast<int64_t>(pool.size()) - length - 1);
  std::string_view text(pool.data() + offset, static_cast<size_t>(length));
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return std::string(text);
}

std::string RandomVString(TpchRandom& random, int min_length, int max_length) {
  static constexpr char kAlphabet[] =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ, ";
  static_assert(sizeof(kAlphabet) - 1 == 64);
  int64_t length = random.Uniform(min_length, max_length);
  std::string text(static_cast<size_t>(length), ' ');
  for (char& c : text) c = kAlphabet[random.Uniform(0, 63)];
  return text;
}

std::string RandomPhone(TpchRandom& random, int64_t nation_key) {
  char buffer[96];
  std::snprintf(buffer, sizeof(buffer), "%02lld-%03lld-%03lld-%04lld",
                static_cast<long long>(nation_key + 10),
                static_cast<long long>(random.Uniform(100, 999)),
                static_cast<long long>(random.Uniform(100, 999)),
                static_cast<long long>(random.Uniform(1000, 9999)));
  return buffer;
}

}  // namespace dq::tpch
