-- wrk script: one GET, again and again (a list page of the data-growth mode).
-- args: path token
function init(args)
  path = args[1]
  headers = { ["Authorization"] = "Bearer " .. args[2] }
end

function request()
  return wrk.format("GET", path, headers)
end

dofile("src/bench/report.lua")
