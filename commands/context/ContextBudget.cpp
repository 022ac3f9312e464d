// Budget fitting for the context builder (ContextBudget.h).
#include "commands/context/ContextBudget.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "commands/llm/ModelLimits.h"

namespace gloss::commands {
namespace {

std::string omittedLine(std::size_t lines) {
  return "[... " + std::to_string(lines) + (lines == 1 ? " line omitted]" : " lines omitted]");
}

// Byte offsets just past each line's '\n' (the last line may lack one).
std::vector<std::size_t> lineEnds(std::string_view text) {
  std::vector<std::size_t> ends;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') ends.push_back(i + 1);
  }
  if (ends.empty() || ends.back() != text.size()) ends.push_back(text.size());
  return ends;
}

// Backs off so that a cut never splits a UTF-8 sequence.
std::size_t utf8Boundary(std::string_view text, std::size_t at) {
  while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
  return at;
}

// The head of `item` that fits in `available` tokens: whole lines when at least one fits, else
// part of the first line. nullopt when not even that does.
std::optional<ContextItem> cutToFit(const ContextItem& item, int available) {
  std::vector<std::size_t> ends = lineEnds(item.text);
  ContextItem cut = item;
  auto withHead = [&](std::size_t bytes, std::size_t omitted) {
    std::string head = item.text.substr(0, bytes);
    if (!head.empty() && head.back() != '\n') head += " ...\n";
    cut.text = head + omittedLine(omitted);
    return itemTokens(cut) <= available;
  };
  // Whole lines: the largest count k (fewer than all) whose head fits, by binary search.
  std::size_t low = 0;
  std::size_t high = ends.size() - 1;
  while (low < high) {
    std::size_t mid = (low + high + 1) / 2;
    if (withHead(ends[mid - 1], ends.size() - mid)) {
      low = mid;
    } else {
      high = mid - 1;
    }
  }
  if (low > 0) {
    withHead(ends[low - 1], ends.size() - low);
    return cut;
  }
  // Not one whole line: as much of the first line as fits.
  std::size_t lowBytes = 0;
  std::size_t highBytes = ends.front();
  while (lowBytes < highBytes) {
    std::size_t mid = (lowBytes + highBytes + 1) / 2;
    if (withHead(utf8Boundary(item.text, mid), ends.size() - 1)) {
      lowBytes = mid;
    } else {
      highBytes = mid - 1;
    }
  }
  std::size_t bytes = utf8Boundary(item.text, lowBytes);
  if (bytes == 0 || !withHead(bytes, ends.size() - 1)) return std::nullopt;
  return cut;
}

}  // namespace

int itemTokens(const ContextItem& item) {
  return llm::estimateTokens(itemTitle(item, "") + "\n" + item.text);
}

void fitToBudget(std::vector<ContextItem> ordered, int budgetTokens, BuiltContext& context) {
  for (ContextItem& item : ordered) {
    int available = budgetTokens - context.tokens;
    item.tokens = itemTokens(item);
    if (item.tokens > available && item.role == PieceRole::Target) {
      if (std::optional<ContextItem> cut = cutToFit(item, available)) {
        item = std::move(*cut);
        item.tokens = itemTokens(item);
      }
    }
    if (item.tokens > available) {
      ++context.droppedItems;
      continue;
    }
    context.tokens += item.tokens;
    context.items.push_back(std::move(item));
  }
}

}  // namespace gloss::commands
