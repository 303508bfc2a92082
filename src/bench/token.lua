-- wrk script: POST /api/v1/auth/token with a client's key and secret. args: api-key api-secret
function init(args)
  headers = { ["X-API-Key"] = args[1], ["X-API-Secret"] = args[2] }
end

function request()
  return wrk.format("POST", "/api/v1/auth/token", headers, nil)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"duration_us":%d,"non2xx":%d,"socket_errors":%d,"p50_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
