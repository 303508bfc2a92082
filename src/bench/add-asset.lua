-- wrk script: distinct, successful POST /api/v1/assets requests.
-- args: accounts-file combos-file token threads
-- Request i of the run is (account i mod A, combo i div A): every request is a new (account, chain, symbol).
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
  counter = 0
end

function request()
  local i = thread_id + counter * threads
  counter = counter + 1
  local account = accounts[(i % #accounts) + 1]
  local combo = combos[(math.floor(i / #accounts) % #combos) + 1]
  local body = '{"account_id":"' .. account .. '","symbol":"' .. combo[2] .. '","chain":"' .. combo[1] .. '"}'
  return wrk.format("POST", "/api/v1/assets", headers, body)
end

dofile("src/bench/report.lua")
