-- wrk script: complete headless authorization code flows (authorize -> token), one flow at a time on each
-- connection. Run with as many threads as connections (-t N -c N): wrk keeps one Lua state per thread, and
-- a flow's state (the code between the two requests) belongs to one connection.
--
-- Environment:
--   FLOW_STYLE   "minid": GET /authorize with login_hint=testid:<pid>_idporten-loa-substantial (TestID);
--                "mock":  POST /oauth2/authorize with the form field sub=<pid> (oidc-provider-mock's form).
--   FLOW_BASIC   base64 of "client_id:client_secret", sent to the token endpoint (client_secret_basic).
--   FLOW_CLIENT  the client_id.
--   FLOW_PIDS    a file of synthetic identity numbers, one a line; each flow takes the next.
-- Prints "flows <completed> failures <failed> seconds <duration>" when done.

local style = os.getenv("FLOW_STYLE") or "minid"
local basic = os.getenv("FLOW_BASIC")
local client = os.getenv("FLOW_CLIENT")
local redirect = "http%3A%2F%2Flocalhost%3A3000%2Fcallback"
-- A fixed PKCE pair (challenge = BASE64URL(SHA-256(verifier))): a flow's secrecy is not what is measured.
local verifier = "dBjftJeZ4CVP-mJ92K1uGbaXAwIzAUg4djVOuHShmNM"
local challenge = "887_49139QipdFw733MKU5uLY3op3slm8e5LheoRY4g"
local authorize_query = "?client_id=" .. client .. "&response_type=code&scope=openid&redirect_uri=" .. redirect
  .. "&state=s1&nonce=n1&code_challenge=" .. challenge .. "&code_challenge_method=S256"

local threads = {}
local counter = 0

function setup(thread)
  thread:set("offset", counter * 7919)
  counter = counter + 1
  table.insert(threads, thread)
end

local pids = {}
local next_pid = 0
local code = nil
flows = 0
failures = 0

function init(args)
  for line in io.lines(os.getenv("FLOW_PIDS")) do
    table.insert(pids, line)
  end
  next_pid = offset
end

function request()
  if code then
    local body = "grant_type=authorization_code&code=" .. code .. "&redirect_uri=" .. redirect
      .. "&code_verifier=" .. verifier
    local path = style == "mock" and "/oauth2/token" or "/token"
    return wrk.format("POST", path, {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Authorization"] = "Basic " .. basic,
    }, body)
  end
  next_pid = next_pid + 1
  local pid = pids[next_pid % #pids + 1]
  if style == "mock" then
    return wrk.format("POST", "/oauth2/authorize" .. authorize_query,
      { ["Content-Type"] = "application/x-www-form-urlencoded" }, "sub=" .. pid)
  end
  return wrk.format("GET", "/authorize" .. authorize_query .. "&login_hint=testid%3A" .. pid
    .. "_idporten-loa-substantial")
end

function response(status, headers, body)
  if code then
    code = nil
    if status == 200 and body:find('"id_token"', 1, true) then
      flows = flows + 1
    else
      failures = failures + 1
    end
    return
  end
  local location = nil
  for name, value in pairs(headers) do
    if name:lower() == "location" then location = value end
  end
  if status == 302 and location then code = location:match("[?&]code=([^&]+)") end
  if not code then failures = failures + 1 end
end

function done(summary, latency, requests)
  local completed, failed = 0, 0
  for _, thread in ipairs(threads) do
    completed = completed + thread:get("flows")
    failed = failed + thread:get("failures")
  end
  io.write(string.format("flows %d failures %d seconds %.3f\n", completed, failed, summary.duration / 1e6))
end
