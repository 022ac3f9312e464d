#include <gtest/gtest.h>

#include "chunker_test_helpers.h"

namespace gloss::indexer {
namespace {

using testing::expectChunks;
using testing::expectPartition;
using testing::expectSymbols;
using K = ChunkKind;

TEST(ChunkerJavaScript, GoldenChunks) {
  std::string text = testing::readChunkerData("sample.js");
  ChunkResult result = chunkFile(Language::JavaScript, text);
  expectPartition(result, text);
  expectChunks(
      result,
      {
          {0, 5, K::Preamble, "", "", "", ""},
          {6, 14, K::Function, "readJson", "readJson", "", "export function readJson(file)"},
          {15, 18, K::Function, "toUpper", "toUpper", "", "export const toUpper = (text) =>"},
          {19, 24, K::Function, "counter", "counter", "", "function* counter(limit)"},
          {25, 41, K::Class, "Server", "Server", "", "class Server extends Base"},
          {42, 45, K::Function, "helper", "module.exports.helper", "",
           "module.exports.helper = function (value)"},
          {46, 46, K::Preamble, "", "", "", ""},
      });
  expectSymbols(result, {
                            {"readJson", "function", "", 6, 10},
                            {"toUpper", "function", "", 15, 15},
                            {"counter", "function", "", 19, 19},
                            {"Server", "class", "", 25, 25},
                            {"Server.constructor", "constructor", "Server", 26, 26},
                            {"Server.start", "method", "Server", 31, 32},
                            {"Server.handle", "method", "Server", 37, 37},
                            {"module.exports.helper", "function", "", 42, 42},
                        });
}

TEST(ChunkerJavaScript, LargeClassBecomesOutlineAndMembers) {
  std::string text = testing::readChunkerData("sample.js");
  ChunkResult result = chunkFile(Language::JavaScript, text, testing::smallBudget(12));
  expectPartition(result, text);
  expectChunks(
      result,
      {
          {0, 5, K::Preamble, "", "", "", ""},
          {6, 14, K::Function, "readJson", "readJson", "", "export function readJson(file)"},
          {15, 18, K::Function, "toUpper", "toUpper", "", "export const toUpper = (text) =>"},
          {19, 24, K::Function, "counter", "counter", "", "function* counter(limit)"},
          {25, 25, K::Outline, "Server", "Server", "", "class Server extends Base"},
          {26, 30, K::Method, "constructor", "Server.constructor", "Server", "constructor(port)"},
          {31, 36, K::Method, "start", "Server.start", "Server", "start()"},
          {37, 41, K::Method, "handle", "Server.handle", "Server", "handle = (request) =>"},
          {42, 45, K::Function, "helper", "module.exports.helper", "",
           "module.exports.helper = function (value)"},
          {46, 46, K::Preamble, "", "", "", ""},
      });
  EXPECT_EQ(result.chunks[4].outline,
            "class Server extends Base {\n"
            "  constructor(port) { ... }\n"
            "  start() { ... }\n"
            "  handle = (request) => { ... }\n"
            "}\n");
}

TEST(ChunkerTypeScript, GoldenChunks) {
  std::string text = testing::readChunkerData("sample.ts");
  ChunkResult result = chunkFile(Language::TypeScript, text);
  expectPartition(result, text);
  expectChunks(result, {
                           {0, 1, K::Preamble, "", "", "", ""},
                           {2, 6, K::Class, "Options", "Options", "", "export interface Options"},
                           {7, 8, K::Class, "Handler", "Handler", "",
                            "export type Handler = (request: Request) => Promise<void>"},
                           {9, 13, K::Class, "Level", "Level", "", "export enum Level"},
                           {14, 28, K::Class, "Service", "Service", "",
                            "export class Service<T> implements Disposable"},
                           {29, 32, K::Class, "Shape", "Shape", "", "export abstract class Shape"},
                           {33, 38, K::Module, "Geometry", "Geometry", "", "namespace Geometry"},
                           {39, 41, K::Module, "legacy", "legacy", "", "declare module \"legacy\""},
                       });
  expectSymbols(result,
                {
                    {"Options", "interface", "", 2, 2},
                    {"Handler", "type", "", 7, 7},
                    {"Level", "enum", "", 9, 9},
                    {"Service", "class", "", 14, 15},  // the decorator above belongs to the class
                    {"Service.constructor", "constructor", "Service", 18, 18},
                    {"Service.load", "method", "Service", 20, 20},
                    {"Service.dispose", "method", "Service", 24, 24},
                    {"Shape", "class", "", 29, 29},
                    {"Geometry", "namespace", "", 33, 33},
                    {"Geometry.distance", "function", "Geometry", 34, 34},
                    {"legacy", "module", "", 39, 39},
                });
}

TEST(ChunkerTsx, GoldenChunks) {
  std::string text = testing::readChunkerData("sample.tsx");
  ChunkResult result = chunkFile(Language::Tsx, text);
  expectPartition(result, text);
  EXPECT_FALSE(result.hadSyntaxErrors);
  expectChunks(result, {
                           {0, 1, K::Preamble, "", "", "", ""},
                           {2, 3, K::Class, "Props", "Props", "", "type Props"},
                           {4, 8, K::Function, "Title", "Title", "",
                            "export function Title({ title }: Props)"},
                           {9, 16, K::Function, "List", "List", "",
                            "export const List = ({ items }: { items: string[] }) =>"},
                           {17, 21, K::Class, "App", "App", "",
                            "export default class App extends React.Component<Props>"},
                       });
  expectSymbols(result, {
                            {"Props", "type", "", 2, 2},
                            {"Title", "function", "", 4, 5},
                            {"List", "function", "", 9, 9},
                            {"App", "class", "", 17, 17},
                            {"App.render", "method", "App", 18, 18},
                        });
}

}  // namespace
}  // namespace gloss::indexer
