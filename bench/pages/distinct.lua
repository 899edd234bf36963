-- wrk script for bench/pages/run.sh: every request asks a different two-word query (each pair of the words below,
-- the two wrk threads on disjoint halves of the pairs), so no cache holds its answer: what a search costs when the
-- query was not asked since the index last changed. Prints the shared summary line (the validators' summary.lua).
dofile(os.getenv("POLIS_WRK_SUMMARY"))

local words = {
  "police", "training", "border", "human", "rights", "community", "reform", "crime", "investigation", "gender",
  "violence", "trafficking", "drugs", "cyber", "terrorism", "corruption", "management", "security", "public", "order",
  "report", "guide", "manual", "law", "enforcement", "cooperation", "prosecution", "justice", "court", "evidence",
  "forensic", "officer", "academy", "curriculum", "strategy", "assessment", "monitoring", "evaluation", "data",
  "protection", "victims", "women", "children", "migration", "customs", "organised", "financial", "money",
  "laundering", "intelligence", "analysis", "prevention", "policing", "democratic", "oversight", "accountability",
  "ethics", "integrity", "recruitment", "leadership", "planning", "risk", "threat", "hate", "crimes", "minorities",
  "roma", "youth", "school", "internet", "online", "weapons", "firearms", "explosives", "identity", "documents",
  "travel", "passenger", "information", "exchange", "network", "regional", "national", "international", "standards",
  "principles", "handbook", "workshop", "seminar", "conference", "mission", "field", "operation", "state",
  "government", "council", "decision", "annual", "budget", "project",
}
local path = os.getenv("POLIS_WRK_PATH") or "/api/v1/library/search?q="
local threads = 0

function setup(thread)
  thread:set("offset", threads * math.floor(#words * #words / 2))
  threads = threads + 1
end

local n = -1
function request()
  n = n + 1
  local k = ((offset or 0) + n) % (#words * #words)
  return wrk.format(nil, path .. words[k % #words + 1] .. "+" .. words[math.floor(k / #words) + 1])
end
