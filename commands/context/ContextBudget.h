// Fitting the collected pieces into the token budget, and the titles they are sent under.
#pragma once

#include <vector>

#include "commands/context/ContextBuilder.h"

namespace gloss::commands {

// What a piece costs: estimateTokens(itemTitle(item, "") + "\n" + text). The title is counted
// with its absolute path, so the cost is an upper bound for any shorter, relative title.
int itemTokens(const ContextItem& item);

// Takes `ordered` (best first) while the budget lasts: a piece that does not fit is skipped and
// counted in droppedItems, and a smaller later one may still be taken. A Target piece too large
// for what is left is cut to its head (with a "[... N lines omitted]" line) instead of dropped.
// Sets each taken item's tokens and the total.
void fitToBudget(std::vector<ContextItem> ordered, int budgetTokens, BuiltContext& context);

}  // namespace gloss::commands
