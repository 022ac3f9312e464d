// Checks that turn a regex match into a verdict: is the assigned name one that holds a secret,
// and is the value a real one rather than a placeholder, a template, a path or code?
// All ASCII, case-insensitive where it says so; bytes above 0x7f are ordinary characters.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gloss::redact {

// The lower-case words of an identifier: split at anything but letters and at case humps.
// `self.apiKey` -> self, api, key; `AWS_SECRET_ACCESS_KEY2` -> aws, secret, access, key.
std::vector<std::string> nameWords(std::string_view name);

// Names whose value is a credential: the last word is token, secret(s), credential(s),
// signature or auth (a word ending in token or secret counts too: `authtoken`); or key after a
// word that does not make it an ordinary key (`api_key` yes; `cache_key`, `public_key` and a
// bare `key` no). Tokens that are not credentials (`next_page_token`, `eos_token`) do not count.
bool isSecretName(std::string_view name);

// Names whose value is a password: the last word is pass, pwd, or ends in password, passwd or
// passphrase (`DB_PASS`, `PGPASSWORD`, `userPassword`; not `bypass` or `password_hint`).
bool isPasswordName(std::string_view name);

// A value that stands for a secret instead of being one: a template or variable reference
// (`${DB_PASSWORD}`, `{password}`, `%s`, `$TOKEN`, `<password>`, `process.env.X`), a word that
// names the thing (`password`, `secret`, `changeme`, `none`, `string`), or text asking for one
// (`your-api-key`, `REPLACE_ME`, `placeholder`).
bool isPlaceholder(std::string_view value);

// A value hidden with mask characters: a run of 5 or more of `x`, `X`, `*`, `#` or `.`,
// as in `AKIAXXXXXXXXXXXXXXXX` or `sk-****`. Doc examples look like this.
bool looksMasked(std::string_view value);

// An absolute, relative or home path, or a Windows drive path.
bool looksLikePath(std::string_view value);

// Code rather than a literal, for unquoted values: calls, indexing, member access
// (`config.db.password`), or a statement end (`pw;`).
bool looksLikeExpression(std::string_view value);

// Identifiers joined by dots: `config.db.password`, `self.features.get`.
bool looksLikeMemberAccess(std::string_view value);

// An identifier that names a credential (`password_mgr`, `new_pwd`, `apiToken`): unquoted, a
// variable holding the secret, not the secret.
bool looksLikeCredentialVariable(std::string_view value);

// An identifier of letters and underscores only (`user_pw`, `dbPassword`): when unquoted, a
// variable far more often than a password.
bool looksLikeBareIdentifier(std::string_view value);

}  // namespace gloss::redact
