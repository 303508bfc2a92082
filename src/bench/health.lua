-- wrk script: GET /health (no auth), reported like the others.
function request()
  return wrk.format("GET", "/health")
end

dofile("src/bench/report.lua")
