// A light reading of C++ class bodies: which member functions a class declares and under which
// access specifier. The chunker only reports definitions, so a header's declared-only methods
// and the access of out-of-line definitions come from here. Internal to commands/testgen.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::commands::testgen {

struct CppMember {
  std::string name;
  bool isPublic = false;
  std::size_t offset = 0;  // of the declaration's first character in the text
};

// Member functions (no constructors, destructors or operators) of the first `class`/`struct`
// named `className` that starts in [from, to); nullopt when there is none with a body.
std::optional<std::vector<CppMember>> cppClassMembers(std::string_view text,
                                                      std::string_view className,
                                                      std::size_t from = 0,
                                                      std::size_t to = std::string_view::npos);

}  // namespace gloss::commands::testgen
