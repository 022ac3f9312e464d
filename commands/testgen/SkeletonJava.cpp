// JUnit skeletons: `<Class>Test` in the source's package, one test method per public method
// (named after it; methods of other classes in the file get the class name in front), each
// disabled (@Disabled / @Ignore) and failing with its TODO once enabled.
#include <filesystem>

#include "commands/testgen/LanguagePaths.h"
#include "commands/testgen/SkeletonParts.h"

namespace gloss::commands::testgen {
namespace {

bool hasWord(std::string_view text, std::string_view word) {
  for (std::size_t at = text.find(word); at != std::string_view::npos;
       at = text.find(word, at + 1)) {
    bool startOk = at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]));
    std::size_t end = at + word.size();
    bool endOk = end == text.size() || !std::isalnum(static_cast<unsigned char>(text[end]));
    if (startOk && endOk) return true;
  }
  return false;
}

}  // namespace

TestFile writeJavaSkeleton(const SkeletonSource& source) {
  const SkeletonInput& input = source.input;
  std::vector<TestCase> cases = selectTestCases(
      source, {[](const indexer::Symbol& symbol, const indexer::Symbol* owner) {
                 std::string modifiers = symbol.signature.substr(0, symbol.signature.find('('));
                 // Interface members are public without saying so.
                 return hasWord(modifiers, "public") || (owner && owner->kind == "interface");
               },
               nullptr});
  bool junit5 = input.framework.framework == TestFramework::JUnit5;
  std::string testClass = std::filesystem::path(input.framework.proposedPath).stem().string();
  std::string primary = std::filesystem::path(input.sourcePath).stem().string();

  TestFile file{input.framework.proposedPath, {}, {}};
  std::string& text = file.content;
  if (std::string package = javaPackage(input.sourceText); !package.empty()) {
    text += "package " + package + ";\n\n";
  }
  if (junit5) {
    text +=
        "import static org.junit.jupiter.api.Assertions.fail;\n\n"
        "import org.junit.jupiter.api.Disabled;\nimport org.junit.jupiter.api.Test;\n\n";
  } else {
    text +=
        "import static org.junit.Assert.fail;\n\nimport org.junit.Ignore;\nimport "
        "org.junit.Test;\n\n";
  }
  text += "/** Test skeleton for " + primary + ": each test is disabled until it is written. */\n";
  text += (junit5 ? "class " : "public class ") + testClass + " {\n";
  UniqueNames names;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const TestCase& testCase = cases[i];
    std::string wanted = testCase.wholeClass ? lowerFirst(testCase.name)
                         : testCase.owner == primary
                             ? testCase.name
                             : lowerFirst(testCase.owner) + upperFirst(testCase.name);
    std::string name = names.take(identifierFrom(wanted));
    text += i ? "\n" : "";
    text += "  @Test\n";
    text += junit5 ? "  @Disabled(\"TODO: write this test\")\n  void "
                   : "  @Ignore(\"TODO: write this test\")\n  public void ";
    text += name + "() {\n    fail(\"TODO: test " + escaped(testCase.qualified) + "\");\n  }\n";
    file.testNames.push_back(testClass + "." + name);
  }
  text += "}\n";
  return file;
}

}  // namespace gloss::commands::testgen
