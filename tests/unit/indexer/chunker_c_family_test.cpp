#include <gtest/gtest.h>

#include "chunker_test_helpers.h"

namespace gloss::indexer {
namespace {

using testing::expectChunks;
using testing::expectPartition;
using testing::expectSymbols;
using K = ChunkKind;

TEST(ChunkerC, GoldenChunks) {
  std::string text = testing::readChunkerData("sample.c");
  ChunkResult result = chunkFile(Language::C, text);
  expectPartition(result, text);
  expectChunks(
      result,
      {
          {0, 5, K::Preamble, "", "", "", ""},
          {6, 11, K::Class, "point", "point", "", "struct point"},
          {12, 16, K::Class, "point_list", "point_list", "", "typedef struct { ... } point_list"},
          {17, 18, K::Class, "color", "color", "", "enum color"},
          {19, 20, K::Preamble, "", "", "", ""},
          {21, 33, K::Function, "add_point", "add_point", "",
           "int add_point(point_list *list, struct point p)"},
          // `#ifdef` directly above and `#endif` directly below join the function.
          {34, 41, K::Function, "dump", "dump", "", "static void dump(const point_list *list)"},
          {42, 44, K::Function, "square", "square", "", "static inline int square(int v)"},
          {45, 48, K::Function, "main", "main", "", "int main(void)"},
      });
  expectSymbols(result, {
                            {"point", "struct", "", 6, 7},
                            {"point_list", "struct", "", 12, 15},
                            {"color", "enum", "", 17, 17},
                            {"add_point", "function", "", 21, 25},
                            {"dump", "function", "", 35, 35},
                            {"square", "function", "", 42, 42},
                            {"cube", "function", "", 43, 43},
                            {"main", "function", "", 45, 45},
                        });
}

TEST(ChunkerC, ExportLineAndKernelDocStayWithTheFunction) {
  std::string text = testing::readChunkerData("sample.c");
  ChunkResult result = chunkFile(Language::C, text);
  ASSERT_GE(result.chunks.size(), 6u);
  const Chunk& chunk = result.chunks[5];
  std::string_view body(text.data() + chunk.startByte, chunk.endByte - chunk.startByte);
  EXPECT_TRUE(body.starts_with("/**\n * add_point - appends a point"));
  EXPECT_TRUE(body.ends_with("}\nEXPORT_SYMBOL(add_point);\n\n"));
}

TEST(ChunkerCpp, GoldenChunks) {
  std::string text = testing::readChunkerData("sample.cpp");
  ChunkResult result = chunkFile(Language::Cpp, text);
  expectPartition(result, text);
  expectChunks(
      result,
      {
          {0, 2, K::Preamble, "", "", "", ""},
          {3, 24, K::Module, "shapes", "shapes", "", "namespace shapes"},
          {25, 30, K::Module, "(anonymous namespace)", "(anonymous namespace)", "", "namespace"},
          {31, 36, K::Function, "total", "shapes::total", "",
           "double shapes::total(const std::vector<Shape*>& shapes)"},
          {37, 40, K::Method, "Circle", "Circle::Circle", "", "Circle::Circle(double r) : r_(r)"},
          {41, 43, K::Function, "c_entry", "c_entry", "", "extern \"C\" int c_entry(void)"},
      });
  expectSymbols(result, {
                            {"shapes", "namespace", "", 3, 3},
                            {"shapes::Shape", "class", "shapes", 5, 6},
                            {"shapes::Shape::~Shape", "method", "shapes::Shape", 8, 8},
                            {"shapes::Box", "struct", "shapes", 12, 13},
                            {"shapes::Box::Box", "constructor", "shapes::Box", 14, 14},
                            {"shapes::Box::area", "method", "shapes::Box", 15, 15},
                            {"(anonymous namespace)", "namespace", "", 25, 25},
                            {"helper", "function", "(anonymous namespace)", 26, 26},
                            {"shapes::total", "function", "", 31, 31},
                            {"Circle::Circle", "constructor", "", 37, 37},
                            {"c_entry", "function", "", 41, 41},
                        });
}

TEST(ChunkerCpp, LargeNamespaceBecomesOutlineAndMembers) {
  std::string text = testing::readChunkerData("sample.cpp");
  ChunkResult result = chunkFile(Language::Cpp, text, testing::smallBudget(12));
  expectPartition(result, text);
  expectChunks(
      result,
      {
          {0, 2, K::Preamble, "", "", "", ""},
          {3, 4, K::Outline, "shapes", "shapes", "", "namespace shapes"},
          {5, 11, K::Class, "Shape", "shapes::Shape", "shapes", "class Shape"},
          {12, 20, K::Class, "Box", "shapes::Box", "shapes",
           "template <typename T> struct Box : Shape"},
          {21, 24, K::Preamble, "", "", "shapes", ""},
          {25, 30, K::Module, "(anonymous namespace)", "(anonymous namespace)", "", "namespace"},
          {31, 36, K::Function, "total", "shapes::total", "",
           "double shapes::total(const std::vector<Shape*>& shapes)"},
          {37, 40, K::Method, "Circle", "Circle::Circle", "", "Circle::Circle(double r) : r_(r)"},
          {41, 43, K::Function, "c_entry", "c_entry", "", "extern \"C\" int c_entry(void)"},
      });
  EXPECT_EQ(result.chunks[1].outline,
            "namespace shapes {\n"
            "class Shape { ... }\n"
            "template <typename T> struct Box : Shape { ... }\n"
            "double total(const std::vector<Shape*>& shapes);\n"
            "}\n");
}

}  // namespace
}  // namespace gloss::indexer
