// How each language names a source file from elsewhere: Python's dotted module, a Rust crate
// and module path, a Java package. Shared by detection (where the new test goes) and the
// skeletons (what the test imports). Internal to commands/testgen.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::commands::testgen {

// "pkg.geometry" for root/pkg/geometry.py when pkg/ is a package; a file outside any package
// is named by its path from the root (a leading src/ dropped), so namespace packages work too.
std::string pythonModule(const std::filesystem::path& root, const std::filesystem::path& source);

// The [lib] or [package] name of a Cargo.toml, with '-' turned into '_' as `use` needs it.
std::string rustCrateName(const std::filesystem::path& cargoToml);

// Module path of a file inside <crate>/src ({} for lib.rs, {"shapes"} for src/shapes.rs or
// src/shapes/mod.rs); nullopt for binaries (main.rs, src/bin/) and files outside src/, which
// integration tests cannot reach.
std::optional<std::vector<std::string>> rustModulePath(const std::filesystem::path& crateRoot,
                                                       const std::filesystem::path& source);

// "com.example" from a `package com.example;` line; empty for the default package.
std::string javaPackage(std::string_view text);

bool isIdentifier(std::string_view text);

}  // namespace gloss::commands::testgen
