#include <gtest/gtest.h>

#include "chunker_test_helpers.h"

namespace gloss::indexer {
namespace {

using testing::expectChunks;
using testing::expectPartition;
using testing::expectSymbols;
using K = ChunkKind;

TEST(ChunkerGo, GoldenChunks) {
  std::string text = testing::readChunkerData("sample.go");
  ChunkResult result = chunkFile(Language::Go, text);
  expectPartition(result, text);
  expectChunks(
      result,
      {
          {0, 10, K::Preamble, "", "", "", ""},
          {11, 15, K::Class, "Stack", "Stack", "", "type Stack[T any] struct"},
          // `type (` hugs Pusher; Pusher and ID are tiny, so they share a chunk.
          {16, 21, K::Class, "Pusher", "Pusher", "", "Pusher interface"},
          {22, 26, K::Function, "New", "New", "", "func New[T any]() *Stack[T]"},
          {27, 31, K::Method, "Push", "Stack.Push", "", "func (s *Stack[T]) Push(v T)"},
          {32, 42, K::Method, "Pop", "Stack.Pop", "", "func (s *Stack[T]) Pop() (T, error)"},
          {43, 44, K::Method, "Len", "Stack.Len", "", "func (s Stack[T]) Len() int"},
      });
  expectSymbols(result, {
                            {"Stack", "struct", "", 11, 12},
                            {"Pusher", "interface", "", 17, 18},
                            {"ID", "type", "", 19, 19},
                            {"New", "function", "", 22, 23},
                            {"Stack.Push", "method", "", 27, 28},
                            {"Stack.Pop", "method", "", 32, 33},
                            {"Stack.Len", "method", "", 43, 43},
                            {"Stack.String", "method", "", 44, 44},
                        });
}

TEST(ChunkerRust, GoldenChunks) {
  std::string text = testing::readChunkerData("sample.rs");
  ChunkResult result = chunkFile(Language::Rust, text);
  expectPartition(result, text);
  expectChunks(result, {
                           {0, 2, K::Preamble, "", "", "", ""},
                           {3, 9, K::Class, "Point", "Point", "", "pub struct Point"},
                           {10, 20, K::Class, "Point", "Point", "", "impl Point"},
                           {21, 26, K::Class, "Point", "Point", "", "impl fmt::Display for Point"},
                           {27, 33, K::Class, "Shape", "Shape", "", "pub trait Shape"},
                           {34, 38, K::Class, "Kind", "Kind", "", "pub enum Kind"},
                           {39, 45, K::Module, "tests", "tests", "", "mod tests"},
                           {46, 50, K::Function, "square", "square", "", "macro_rules! square"},
                       });
  expectSymbols(result, {
                            {"Point", "struct", "", 3, 5},  // doc comment and #[derive] included
                            {"Point", "impl", "", 10, 10},
                            {"Point::origin", "method", "Point", 11, 12},
                            {"Point::dist", "method", "Point", 16, 16},
                            {"Point", "impl", "", 21, 21},
                            {"Point::fmt", "method", "Point", 22, 22},
                            {"Shape", "trait", "", 27, 27},
                            {"Shape::name", "method", "Shape", 29, 29},
                            {"Kind", "enum", "", 34, 34},
                            {"tests", "module", "", 39, 39},
                            {"tests::origin_is_zero", "function", "tests", 40, 41},
                            {"square", "macro", "", 46, 46},
                        });
}

TEST(ChunkerRust, LargeImplBecomesOutlineAndMethods) {
  std::string text = testing::readChunkerData("sample.rs");
  ChunkResult result = chunkFile(Language::Rust, text, testing::smallBudget(6));
  expectPartition(result, text);
  ASSERT_EQ(result.chunks.size(), 10u);
  ChunkResult impl;  // the chunks of `impl Point`; the others are as in GoldenChunks
  impl.chunks.assign(result.chunks.begin() + 2, result.chunks.begin() + 5);
  expectChunks(
      impl, {
                {10, 10, K::Outline, "Point", "Point", "", "impl Point"},
                {11, 15, K::Method, "origin", "Point::origin", "Point", "pub fn origin() -> Self"},
                {16, 20, K::Method, "dist", "Point::dist", "Point",
                 "pub fn dist(&self, other: &Point) -> f64"},
            });
  EXPECT_EQ(result.chunks[2].outline,
            "impl Point {\n"
            "    pub fn origin() -> Self { ... }\n"
            "    pub fn dist(&self, other: &Point) -> f64 { ... }\n"
            "}\n");
}

TEST(ChunkerJava, GoldenChunks) {
  std::string text = testing::readChunkerData("Sample.java");
  ChunkResult result = chunkFile(Language::Java, text);
  expectPartition(result, text);
  expectChunks(result, {
                           {0, 4, K::Preamble, "", "", "", ""},
                           {5, 33, K::Class, "Cart", "Cart", "", "public class Cart"},
                           {34, 40, K::Class, "Priced", "Priced", "", "interface Priced"},
                       });
  expectSymbols(result, {
                            {"Cart", "class", "", 5, 8},
                            {"Cart.Cart", "constructor", "Cart", 11, 11},
                            {"Cart.add", "method", "Cart", 14, 16},
                            {"Cart.total", "method", "Cart", 20, 20},
                            {"Cart.Item", "class", "Cart", 28, 28},
                            {"Cart.Status", "enum", "Cart", 31, 31},
                            {"Priced", "interface", "", 34, 34},
                            {"Priced.isFree", "method", "Priced", 37, 37},
                        });
}

TEST(ChunkerJava, LargeClassBecomesOutlineAndMembers) {
  std::string text = testing::readChunkerData("Sample.java");
  ChunkResult result = chunkFile(Language::Java, text, testing::smallBudget(10));
  expectPartition(result, text);
  expectChunks(
      result,
      {
          {0, 4, K::Preamble, "", "", "", ""},
          {5, 10, K::Outline, "Cart", "Cart", "", "public class Cart"},
          {11, 13, K::Method, "Cart", "Cart.Cart", "Cart", "public Cart()"},
          // The javadoc and @Override travel with add(); the signature skips the annotation.
          {14, 19, K::Method, "add", "Cart.add", "Cart", "public void add(Item item)"},
          {20, 27, K::Method, "total", "Cart.total", "Cart", "public int total()"},
          {28, 33, K::Class, "Item", "Cart.Item", "Cart",
           "public record Item(String name, int price)"},
          {34, 40, K::Class, "Priced", "Priced", "", "interface Priced"},
      });
  const std::string& outline = result.chunks[1].outline;
  EXPECT_EQ(outline,
            "public class Cart {\n"
            "    private final List<Item> items = new ArrayList<>();\n"
            "    public Cart() { ... }\n"
            "    public void add(Item item) { ... }\n"
            "    public int total() { ... }\n"
            "    public record Item(String name, int price) { ... }\n"
            "    enum Status { ... }\n"
            "}\n");
  EXPECT_EQ(outline.find("sum +="), std::string::npos);
}

}  // namespace
}  // namespace gloss::indexer
