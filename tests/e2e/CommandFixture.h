// A small Python repository for the code-aware command tests: a helper in one module, the
// function under test in another, a caller in a third, an existing pytest test, and a secret
// planted inside the function under test (it must never reach a provider).
#pragma once

#include "TempWorkspace.h"

namespace gloss::test {

inline constexpr const char* kPlantedToken = "ghp_Zx81mZ4rT0vLw6Yb2Nc9Pd3Hs7Kj5Fa1Ge0Q";

inline void writeCommandFixture(const TempWorkspace& ws) {
  ws.write("pytest.ini", "[pytest]\ntestpaths = tests\n");
  ws.write("pkg/__init__.py", "");
  ws.write("pkg/textutil.py",
           "\"\"\"Text helpers shared by the reports.\"\"\"\n"
           "\n"
           "\n"
           "def normalize(text):\n"
           "    \"\"\"Lower-case the text and strip surrounding blanks.\"\"\"\n"
           "    return text.strip().lower()\n"
           "\n"
           "\n"
           "def tokenize(text):\n"
           "    \"\"\"Split normalized text into words.\"\"\"\n"
           "    return [w for w in normalize(text).split() if w]\n");
  ws.write("pkg/report.py",
           "from pkg.textutil import tokenize\n"
           "\n"
           "\n"
           "def word_count(text):\n"
           "    \"\"\"Count the words of a text.\"\"\"\n"
           "    # uploader token: " +
               std::string(kPlantedToken) +
               "\n"
               "    words = tokenize(text)\n"
               "    return len(words)\n"
               "\n"
               "\n"
               "def helper():\n"
               "    return 1\n");
  ws.write("pkg/other.py", "def helper():\n    return 2\n");
  ws.write("app.py",
           "from pkg.report import word_count\n"
           "\n"
           "\n"
           "def main():\n"
           "    total = word_count(\"a b c\")\n"
           "    print(total)\n");
  ws.write("tests/test_textutil.py",
           "import pytest\n"
           "\n"
           "from pkg.textutil import normalize\n"
           "\n"
           "\n"
           "def test_normalize():\n"
           "    assert normalize(\"  A \") == \"a\"\n");
}

}  // namespace gloss::test
