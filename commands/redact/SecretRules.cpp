#include "commands/redact/SecretRules.h"

#include <algorithm>

#include "commands/redact/CandidateChecks.h"
#include "commands/redact/Entropy.h"

namespace gloss::redact {
namespace {

using K = SecretKind;

// --- Pattern fragments -------------------------------------------------------------------------

// What follows a name before its value: the closing quote or brackets of a key (`"password":`,
// `ENV['TOKEN'] =`, `kKey[] =`), an optional type annotation after `:` or a space
// (`api_key: str =`, `AUTH: &str =`, `var apiKey string =`), and the operator: `=`, `:`, `:=`,
// `==`, `===`, `!=`, `=>` (assignment, mapping, comparison with a literal). All on one line.
constexpr std::string_view kAssign =
    R"(["'\[\]]*(?:(?:[ \t]*:[ \t]*|[ \t]+)[&*]?[A-Za-z_][A-Za-z0-9_.\[\]|<>]*)?)"
    R"([ \t]*(?:[:!=]?==?|=>|:)[ \t]*)";

// A bare token of 16 or more characters: base64, base64url, hex, and the `.`/`~` of some vendor
// formats.
constexpr std::string_view kBareToken = R"(([A-Za-z0-9+/=_.~-]{16,}))";

// Separators between the lines of a PEM block: whitespace, or the `\n` escapes and string
// concatenation of a key pasted into code or JSON.
constexpr std::string_view kPemGap = R"((?:\s|\\[rn]|["'+,])*)";
constexpr std::string_view kPemLabel = R"([A-Z0-9 ]* PRIVATE KEY(?: BLOCK)?-----)";

constexpr std::string_view kPasswordWord = R"((?:pass(?:word|wd|phrase)?|pwd))";
constexpr std::string_view kSecretWord = R"((?:key|secrets?|token|credentials?|auth|signature))";
constexpr std::string_view kNameChars = R"([A-Za-z0-9_.-]*)";

std::string join(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) out += part;
  return out;
}

// A string literal in double, single or back quotes, with backslash escapes; each quote style
// is its own capture group. An optional r/b/u prefix covers Python's literals.
constexpr std::string_view kStringLiteral =
    R"re((?:[rbu]?"((?:[^"\\\r\n]|\\.)+)"|[rbu]?'((?:[^'\\\r\n]|\\.)+)'|`([^`\r\n]+)`))re";

// A value of 16 or more characters in double, single or back quotes; each quote style is its
// own capture group. Any visible character is allowed: Django's generated keys use
// `!@#$%^&*(-_=+)`.
constexpr std::string_view kQuotedLongValue =
    R"re([rbu]?"([^"\s]{16,})"|[rbu]?'([^'\s]{16,})'|`([^`\s]{16,})`)re";

// .NET appSettings: <add key="ApiKey" value="..."/>; the name is in the key attribute.
constexpr std::string_view kAppSettingsEntry =
    R"re((?i)\bkey\s*=\s*"(?P<name>[^"]*)"\s+value\s*=\s*"([^"]+)")re";

// --- Checks --------------------------------------------------------------------------------------

bool notMasked(const RuleMatch& match) {
  return !looksMasked(match.secret);
}

bool hasWhitespace(std::string_view value) {
  return std::any_of(value.begin(), value.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

// A literal that could be a real password: some ASCII letter or digit, and not a placeholder, a
// mask, a path or prose (prose is how labels and translations look: "Mot de passe").
bool passwordLiteral(std::string_view value) {
  constexpr std::size_t kMinPasswordLength = 3;
  bool hasAlphanumeric = std::any_of(value.begin(), value.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
  return value.size() >= kMinPasswordLength && hasAlphanumeric && !isPlaceholder(value) &&
         !looksMasked(value) && !looksLikePath(value) && !hasWhitespace(value);
}

bool connectionPassword(const RuleMatch& match) {
  return passwordLiteral(match.secret);
}

bool quotedPassword(const RuleMatch& match) {
  return isPasswordName(match.name) && passwordLiteral(match.secret);
}

// Unquoted values may be code: `password = args.password`, `self.pw = password_mgr`.
bool linePassword(const RuleMatch& match) {
  return quotedPassword(match) && !looksLikeExpression(match.secret) &&
         !looksLikeCredentialVariable(match.secret);
}

// `password=x` inside a line is as often a keyword argument as a config value, so a plain
// identifier (`password=user_pw`) is taken for a variable.
bool inlinePassword(const RuleMatch& match) {
  return linePassword(match) && !looksLikeBareIdentifier(match.secret);
}

// Generated secrets use letters, digits and some punctuation, but not brackets or backslashes;
// values with those are code or patterns (`r"([A-Za-z]+)"`).
bool randomToken(const RuleMatch& match) {
  std::string_view value = match.secret;
  if (hasWhitespace(value) || value.find_first_of("[]{}<>\\") != value.npos) return false;
  return looksRandom(value) && !looksLikeMemberAccess(value) && !isPlaceholder(value) &&
         !looksMasked(value);
}

bool namedRandomToken(const RuleMatch& match) {
  return isSecretName(match.name) && randomToken(match);
}

// --- Rules ---------------------------------------------------------------------------------------

void addKnownFormats(std::vector<SecretRule>& rules) {
  // The body must start with 32 base64 characters (after optional `Name: value` armor headers),
  // so code that only mentions the header line is left alone. A block cut off by the end of the
  // text (a chunk boundary) is redacted to the end.
  rules.push_back({
      .kind = K::PrivateKey,
      .pattern = join({"-----BEGIN", kPemLabel, kPemGap,
                       R"(((?:[A-Za-z-]+: [^\n\\]*(?:\s|\\[rn])+)*[A-Za-z0-9+/=]{32}(?s:.*?)))",
                       R"((?:)", kPemGap, "-----END", kPemLabel, R"(|\z))"}),
      .accepts = notMasked,
      .longMatches = true,
  });
  // Access key ids: AKIA long-term, ASIA temporary, ABIA/ACCA service credentials.
  rules.push_back({K::AwsAccessKey, R"(\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b)", notMasked});
  // The 40-character secret has no prefix; only its name gives it away.
  rules.push_back({K::AwsSecretKey,
                   join({R"((?i)[A-Za-z0-9_.-]*(?:secret_?access_?key|aws_?secret(?:_?key)?))",
                         kAssign, R"(["'`]?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|\z))"}),
                   notMasked});
  rules.push_back({K::GithubToken,
                   R"(\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,}))", notMasked});
  rules.push_back({K::AnthropicKey, R"(\bsk-ant-[a-z]+[0-9]*-[A-Za-z0-9_-]{32,})", notMasked});
  rules.push_back({K::OpenaiKey,
                   R"(\bsk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{32,}|[A-Za-z0-9]{32,}))",
                   notMasked});
  rules.push_back({K::SlackToken, R"(\b(?:xox[abposre]|xapp)-[0-9]+-[A-Za-z0-9-]{8,})", notMasked});
  // Incoming-webhook URLs: the path is the credential; the host stays readable.
  rules.push_back({K::SlackToken,
                   R"(hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9/_-]{20,}))",
                   notMasked});
  // Secret and restricted keys, and webhook signing secrets; publishable keys are public.
  rules.push_back({K::StripeKey,
                   R"(\b(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{24,}))",
                   notMasked});
  // API keys, OAuth client secrets and OAuth access tokens.
  rules.push_back(
      {K::GoogleApiKey,
       R"(\b(?:AIza[A-Za-z0-9_-]{35}|GOCSPX-[A-Za-z0-9_-]{28}|ya29\.[A-Za-z0-9_-]{20,}))",
       notMasked});
  // Header and payload are base64url JSON objects, so both start with `eyJ` (`{"`).
  rules.push_back(
      {K::Jwt, R"(\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*)", notMasked});
}

void addPasswordRules(std::vector<SecretRule>& rules) {
  // scheme://user:password@host; the password may hold `@` and `:`, the host follows the last `@`.
  rules.push_back({K::ConnectionStringPassword,
                   R"(\b[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@"'<>]*:([^\s/"'<>]+)@)",
                   connectionPassword});
  // ADO.NET/ODBC: `Server=x;User Id=sa;Password=y;`. A `;` before or after tells it from a
  // plain assignment.
  rules.push_back({K::ConnectionStringPassword,
                   join({R"((?i)(?:;[ \t]*(?:password|pwd)[ \t]*=[ \t]*([^;"'\r\n]*[^;"'\s]))",
                         R"(|\b(?:password|pwd)=([^;"'\s]+);))"}),
                   connectionPassword});
  // JDBC and other URLs with the password in the query.
  rules.push_back({K::ConnectionStringPassword,
                   R"((?i)[?&](?:password|passwd|pwd|pass)=([^&\s"'#]+))", connectionPassword});

  std::string name = join({"(?P<name>", kNameChars, kPasswordWord, ")"});
  rules.push_back(
      {K::PasswordAssignment, join({"(?i)", name, kAssign, kStringLiteral}), quotedPassword});
  // .env, ini, properties, YAML: the value is the rest of the line.
  rules.push_back({K::PasswordAssignment,
                   join({R"((?im)^[ \t]*(?:export[ \t]+|set[ \t]+|-[ \t]+)?)", name,
                         R"(["']?[ \t]*[:=][ \t]*([^\s"'`]+)[ \t]*\r?$)"}),
                   linePassword});
  // Command lines, logs, URLs written without the scheme: `--password=x`, `pass=x`.
  rules.push_back({K::PasswordAssignment, join({"(?i)", name, R"(=([^\s"'`&;,()<>=\[\]{}]+))"}),
                   inlinePassword});
  rules.push_back({K::PasswordAssignment,
                   join({R"((?i)<(?P<name>[A-Za-z0-9_.:-]*)", kPasswordWord, R"()>([^<\s]+)</)"}),
                   quotedPassword});
  rules.push_back({K::PasswordAssignment, std::string(kAppSettingsEntry), quotedPassword});
}

void addHighEntropyRules(std::vector<SecretRule>& rules) {
  rules.push_back({K::HighEntropySecret,
                   join({"(?i)(?P<name>", kNameChars, kSecretWord, ")", kAssign,
                         "(?:", kQuotedLongValue, "|", kBareToken, ")"}),
                   namedRandomToken});
  rules.push_back({K::HighEntropySecret, join({R"((?i)\bbearer[ \t]+)", kBareToken}), randomToken});
  rules.push_back({K::HighEntropySecret,
                   join({"(?i)<(?P<name>[A-Za-z0-9_.:-]*", kSecretWord, ")>", kBareToken, "</"}),
                   namedRandomToken});
  rules.push_back({K::HighEntropySecret, std::string(kAppSettingsEntry), namedRandomToken});
}

}  // namespace

std::vector<SecretRule> secretRules() {
  std::vector<SecretRule> rules;
  addKnownFormats(rules);
  addPasswordRules(rules);
  addHighEntropyRules(rules);
  return rules;
}

}  // namespace gloss::redact
