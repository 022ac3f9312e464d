#include "protocol/Uri.h"

#include <gtest/gtest.h>

namespace gloss::protocol {
namespace {

TEST(Uri, DecodesFileUris) {
  EXPECT_EQ(uriToPath("file:///home/u/a.py"), "/home/u/a.py");
  EXPECT_EQ(uriToPath("file:///home/u/my%20file%23.py"), "/home/u/my file#.py");
  EXPECT_EQ(uriToPath("FILE://localhost/x"), "/x");
  EXPECT_EQ(uriToPath("file:///caf%C3%A9"), "/caf\xc3\xa9");
}

TEST(Uri, RefusesOtherSchemesAndMalformedUris) {
  EXPECT_EQ(uriToPath("untitled:Untitled-1"), std::nullopt);
  EXPECT_EQ(uriToPath("https://example.com/x"), std::nullopt);
  EXPECT_EQ(uriToPath("file://otherhost/x"), std::nullopt);
  EXPECT_EQ(uriToPath("file:///bad%2"), std::nullopt);
  EXPECT_EQ(uriToPath("file:///nul%00byte"), std::nullopt);
}

TEST(Uri, EncodesPathsThatRoundTrip) {
  for (std::string path : {"/a/b.c", "/with space/x#y?z", "/caf\xc3\xa9/100%", "/c:/w"}) {
    std::string uri = pathToUri(path);
    EXPECT_EQ(uri.find(' '), std::string::npos);
    EXPECT_EQ(uriToPath(uri), path) << uri;
  }
  EXPECT_EQ(pathToUri("/a b"), "file:///a%20b");
}

}  // namespace
}  // namespace gloss::protocol
