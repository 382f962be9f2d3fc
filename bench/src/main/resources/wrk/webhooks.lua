-- Signed 1 KiB WhatsApp webhooks for wrk (bench/README.md, "Load generator").
-- The harness writes, into $CHB_WRK_DIR, data.lua (the request head and the body's constant pieces, built by
-- WhatsAppWebhooks) and one file per wrk thread: its first sequence number, then one signature per line,
-- computed in Java over the body this script rebuilds for that number. Signing is done ahead, in Java,
-- because HMAC-SHA256 in Lua would cost the generator more CPU than the request itself.
local dir = os.getenv("CHB_WRK_DIR")
local d = dofile(dir .. "/data.lua")
local threads = {}

function setup(thread)
   thread:set("index", #threads)
   table.insert(threads, thread)
end

local sigs, first, n, i

function init(args)
   sigs = {}
   local lines = io.lines(dir .. "/sigs-" .. index .. ".txt")
   first = tonumber(lines())
   for line in lines do
      sigs[#sigs + 1] = line
   end
   n = #sigs
   i = 0
   reused = 0
end

function request()
   local k = i % n
   if i >= n and d.distinct then
      -- past the pool: the id repeats; the harness reports the count, the hub would drop these as duplicates
      reused = reused + 1
   end
   i = i + 1
   local seq = first + k
   local from = string.format(d.from_format, seq % d.contacts)
   local body = d.b0 .. from .. d.b1 .. from .. d.b2 .. string.format(d.id_format, seq) .. d.b3
   return d.head .. sigs[k + 1] .. "\r\n\r\n" .. body
end

-- One line the harness parses: counts, latency percentiles in µs, and wrk's own CPU from /proc (the process
-- is still there while done runs, its threads' CPU included).
function done(summary, latency, requests)
   local f = io.open("/proc/self/stat")
   local stat = f:read("*a")
   f:close()
   local fields = {}
   for field in stat:match(".*%)%s+(.*)"):gmatch("%S+") do
      fields[#fields + 1] = field
   end
   local reusedTotal = 0
   for _, thread in ipairs(threads) do
      reusedTotal = reusedTotal + (thread:get("reused") or 0)
   end
   local e = summary.errors
   io.write(string.format("wrk-result requests=%d duration_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d"
         .. " p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d cpu_ticks=%d reused=%d\n",
      summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
      latency.max, tonumber(fields[12]) + tonumber(fields[13]), reusedTotal))
end
