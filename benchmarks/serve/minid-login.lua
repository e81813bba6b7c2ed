-- wrk script: complete MinID logins through the login pages, one at a time on each connection (run with
-- -t N -c N): GET /authorize (the e-ID choice, its login id, form token and the browser cookie), POST
-- /authorize/minid/password (the identity number and password: scrypt at the store's cost), POST
-- /authorize/minid/code (the test store's SMS code 12345), which answers 302 with the authorization code.
--
-- Environment:
--   LOGIN_CLIENT  the client_id.
--   LOGIN_USERS   a file of "pid password" lines; each connection logs in as one of them, in turn.
-- Prints "logins <completed> failures <failed> seconds <duration>" when done.

local client = os.getenv("LOGIN_CLIENT")
local redirect = "http%3A%2F%2Flocalhost%3A3000%2Fcallback"
local challenge = "887_49139QipdFw733MKU5uLY3op3slm8e5LheoRY4g"

local threads = {}
local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local pid, password
local step = "page"
local login, csrf, attempt, attemptToken, cookie
logins = 0
failures = 0

function init(args)
  local users = {}
  for line in io.lines(os.getenv("LOGIN_USERS")) do
    table.insert(users, line)
  end
  pid, password = users[index % #users + 1]:match("(%S+) (%S+)")
end

local function form(path, body)
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
  }, body)
end

function request()
  if step == "password" then
    return form("/authorize/minid/password", "login=" .. login .. "&csrf=" .. csrf .. "&pid=" .. pid .. "&password=" .. password)
  elseif step == "code" then
    return form("/authorize/minid/code", "login=" .. login .. "&csrf=" .. csrf .. "&attempt=" .. attempt .. "&attempt_token=" .. attemptToken .. "&code=12345")
  end
  return wrk.format("GET", "/authorize?client_id=" .. client .. "&response_type=code&scope=openid"
    .. "&redirect_uri=" .. redirect .. "&state=s1&nonce=n1&code_challenge=" .. challenge
    .. "&code_challenge_method=S256")
end

local function fail()
  failures = failures + 1
  step = "page"
end

function response(status, headers, body)
  if step == "page" then
    for name, value in pairs(headers) do
      if name:lower() == "set-cookie" then cookie = value:match("^([^;]+)") end
    end
    login = body:match('name="login" value="([^"]+)"')
    csrf = body:match('name="csrf" value="([^"]+)"')
    if status == 200 and login and csrf and cookie then step = "password" else fail() end
  elseif step == "password" then
    attempt = body:match('name="attempt" value="([^"]+)"')
    attemptToken = body:match('name="attempt_token" value="([^"]+)"')
    if status == 200 and attempt and attemptToken then step = "code" else fail() end
  else
    if status == 302 then
      logins = logins + 1
      step = "page"
    else
      fail()
    end
  end
end

function done(summary, latency, requests)
  local completed, failed = 0, 0
  for _, thread in ipairs(threads) do
    completed = completed + thread:get("logins")
    failed = failed + thread:get("failures")
  end
  io.write(string.format("logins %d failures %d seconds %.3f\n", completed, failed, summary.duration / 1e6))
end
