#include "commands/redact/CandidateChecks.h"

#include <algorithm>
#include <array>

#include "commands/redact/LetterRuns.h"

namespace gloss::redact {
namespace {

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), toLower);
  return out;
}

template <std::size_t N>
bool isOneOf(std::string_view word, const std::array<std::string_view, N>& words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

template <std::size_t N>
bool containsAny(std::string_view text, const std::array<std::string_view, N>& parts) {
  return std::any_of(parts.begin(), parts.end(),
                     [&](std::string_view part) { return text.find(part) != text.npos; });
}

// Words before `key` that make it an ordinary key: data structures, databases, UIs, and keys that
// are public by design.
constexpr std::array<std::string_view, 27> kOrdinaryKeyQualifiers{
    "public", "publishable", "cache",   "sort",   "primary", "foreign", "partition",
    "row",    "range",       "hash",    "lookup", "map",     "dict",    "idempotency",
    "i18n",   "translation", "message", "object", "storage", "group",   "shortcut",
    "hot",    "composite",   "unique",  "index",  "routing", "dedup"};

// Words before `token` that make it something other than a credential: pagination cursors and
// the special tokens of language-model tokenizers.
constexpr std::array<std::string_view, 16> kOrdinaryTokenQualifiers{
    "page", "next", "continuation", "cursor", "pagination", "sync",    "eos",   "bos",
    "pad",  "unk",  "sep",          "cls",    "mask",       "special", "start", "end"};

// Single words that end in `key` and name a credential: `APIKEY`, `secretkey`.
constexpr std::array<std::string_view, 11> kSecretKeyWords{
    "apikey",     "secretkey", "accesskey",  "privatekey",    "authkey", "masterkey",
    "signingkey", "clientkey", "licensekey", "encryptionkey", "appkey"};

constexpr std::array<std::string_view, 4> kSecretWordEndings{"token", "secret", "secrets",
                                                             "credential"};

// Whole values that name the thing instead of being it.
constexpr std::array<std::string_view, 37> kPlaceholderWords{
    "password", "passwd",   "pass",      "pwd",      "secret",   "token",  "key",       "apikey",
    "api_key",  "changeme", "change_me", "changeit", "example",  "sample", "dummy",     "fake",
    "redacted", "hidden",   "masked",    "none",     "null",     "nil",    "undefined", "empty",
    "string",   "str",      "bytes",     "required", "optional", "todo",   "tbd",       "default",
    "value",    "test",     "secretstr", "true",     "false"};

// Parts of a value that ask for a secret, fetch it from elsewhere, or format it in
// (`'%s:%s' % (user, pw)`).
constexpr std::array<std::string_view, 21> kPlaceholderParts{
    "your",  "placeholder", "changeme", "change_me",   "replace_me", "replaceme", "insert_",
    "dummy", "redacted",    "example",  "process.env", "os.environ", "getenv",    "env[",
    "env(",  "secrets.",    "%s",       "%d",          "%(",         "{}",        "{0}"};

// Parts of an identifier that make it a variable holding a credential (`password_mgr`).
constexpr std::array<std::string_view, 6> kCredentialWords{"pass",  "pwd",  "secret",
                                                           "token", "cred", "key"};

// How template languages and shells start a reference: `${X}`, `{{ x }}`, `<%= x %>`, `%(x)s`.
constexpr std::array<std::string_view, 8> kTemplateStarts{"${", "$(", "{{", "{%",
                                                          "<%", "%(", "#{", "@{"};

bool isIdentifierChar(char c) {
  return isLetter(c) || isDigit(c) || c == '_';
}

bool isVariableReference(std::string_view value) {
  if (value.size() < 2) return false;
  if (value.front() == '$') {
    return std::all_of(value.begin() + 1, value.end(), isIdentifierChar);
  }
  // %DB_PASSWORD% (Windows) and printf verbs (%s, %v).
  if (value.front() == '%') return value.back() == '%' || value.size() == 2;
  return false;
}

bool isOneRepeatedChar(std::string_view value) {
  return !value.empty() && value.find_first_not_of(value.front()) == value.npos;
}

}  // namespace

std::vector<std::string> nameWords(std::string_view name) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < name.size()) {
    if (!isLetter(name[i])) {
      ++i;
      continue;
    }
    std::size_t end = letterRunEnd(name, i);
    words.push_back(lowered(name.substr(i, end - i)));
    i = end;
  }
  return words;
}

bool isSecretName(std::string_view name) {
  std::vector<std::string> words = nameWords(name);
  if (words.empty()) return false;
  const std::string& last = words.back();
  std::string_view previous = words.size() > 1 ? std::string_view(words[words.size() - 2]) : "";
  if (last == "key") return !previous.empty() && !isOneOf(previous, kOrdinaryKeyQualifiers);
  if (isOneOf(last, kSecretKeyWords)) return true;
  if (last == "auth" || last == "signature" || last == "credentials") return true;
  bool secretEnding = std::any_of(kSecretWordEndings.begin(), kSecretWordEndings.end(),
                                  [&](std::string_view ending) { return last.ends_with(ending); });
  if (!secretEnding) return false;
  return last != "token" || !isOneOf(previous, kOrdinaryTokenQualifiers);
}

bool isPasswordName(std::string_view name) {
  std::vector<std::string> words = nameWords(name);
  if (words.empty()) return false;
  const std::string& last = words.back();
  return last == "pass" || last == "pwd" || last.ends_with("password") ||
         last.ends_with("passwd") || last.ends_with("passphrase");
}

bool isPlaceholder(std::string_view value) {
  if (value.empty() || isOneRepeatedChar(value) || isVariableReference(value)) return true;
  if (value.front() == '<' || value.front() == '[' || value.front() == '{') return true;
  for (std::string_view start : kTemplateStarts) {
    if (value.starts_with(start)) return true;
  }
  std::string lower = lowered(value);
  return isOneOf(std::string_view(lower), kPlaceholderWords) ||
         containsAny(std::string_view(lower), kPlaceholderParts);
}

bool looksMasked(std::string_view value) {
  constexpr std::string_view kMaskChars = "xX*#.";
  constexpr std::size_t kMaskRun = 5;
  std::size_t run = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    bool mask = kMaskChars.find(value[i]) != kMaskChars.npos;
    run = !mask ? 0 : (i > 0 && value[i - 1] == value[i]) ? run + 1 : 1;
    if (run >= kMaskRun) return true;
  }
  return false;
}

bool looksLikePath(std::string_view value) {
  if (value.starts_with('/') || value.starts_with("./") || value.starts_with("../") ||
      value.starts_with("~/") || value.starts_with("\\\\")) {
    return true;
  }
  return value.size() >= 3 && isLetter(value[0]) && value[1] == ':' &&
         (value[2] == '\\' || value[2] == '/');
}

bool looksLikeExpression(std::string_view value) {
  if (value.find_first_of("()[]{}") != value.npos) return true;
  if (value.find("->") != value.npos || value.find("::") != value.npos) return true;
  if (value.ends_with(';') || value.ends_with(',')) return true;
  return looksLikeMemberAccess(value);
}

bool looksLikeMemberAccess(std::string_view value) {
  if (value.find('.') == value.npos) return false;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t dot = std::min(value.find('.', start), value.size());
    std::string_view part = value.substr(start, dot - start);
    if (part.empty() || isDigit(part.front())) return false;
    if (!std::all_of(part.begin(), part.end(), isIdentifierChar)) return false;
    start = dot + 1;
  }
  return true;
}

bool looksLikeCredentialVariable(std::string_view value) {
  if (value.empty() || isDigit(value.front())) return false;
  if (!std::all_of(value.begin(), value.end(), isIdentifierChar)) return false;
  std::string lower = lowered(value);
  return containsAny(std::string_view(lower), kCredentialWords);
}

bool looksLikeBareIdentifier(std::string_view value) {
  if (value.empty() || isDigit(value.front())) return false;
  return std::all_of(value.begin(), value.end(), [](char c) { return isLetter(c) || c == '_'; });
}

}  // namespace gloss::redact
