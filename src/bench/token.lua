-- wrk script: POST /api/v1/auth/token with a client's key and secret. args: api-key api-secret
function init(args)
  headers = { ["X-API-Key"] = args[1], ["X-API-Secret"] = args[2] }
end

function request()
  return wrk.format("POST", "/api/v1/auth/token", headers, nil)
end

dofile("src/bench/report.lua")
