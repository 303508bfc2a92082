-- wrk script: distinct, successful POST /api/v1/assets requests.
-- args: accounts-file combos-file token threads pattern
-- pattern "spread" (default): request i is (account i mod A, combo i div A): consecutive requests on different accounts.
-- pattern "same-account": request i is (account i div C, combo i mod C): every offered token of one account, then
-- the next account (the natural way to provision).
-- Either way every request is a new (account, chain, symbol).
local threads_seen = 0

function setup(thread)
  thread:set("thread_id", threads_seen)
  threads_seen = threads_seen + 1
end

function init(args)
  accounts, combos = {}, {}
  for line in io.lines(args[1]) do accounts[#accounts + 1] = line end
  for line in io.lines(args[2]) do
    local chain, symbol = line:match("(%S+)%s+(%S+)")
    combos[#combos + 1] = { chain, symbol }
  end
  headers = { ["Authorization"] = "Bearer " .. args[3], ["Content-Type"] = "application/json" }
  threads = tonumber(args[4])
  same_account = args[5] == "same-account"
  counter = 0
end

function request()
  local i = thread_id + counter * threads
  counter = counter + 1
  local account, combo
  if same_account then
    account = accounts[(math.floor(i / #combos) % #accounts) + 1]
    combo = combos[(i % #combos) + 1]
  else
    account = accounts[(i % #accounts) + 1]
    combo = combos[(math.floor(i / #accounts) % #combos) + 1]
  end
  local body = '{"account_id":"' .. account .. '","symbol":"' .. combo[2] .. '","chain":"' .. combo[1] .. '"}'
  return wrk.format("POST", "/api/v1/assets", headers, body)
end

dofile("src/bench/report.lua")
