-- wrk: a mix of what visitors ask for — home, lists, profiles, the map,
-- and searches with many different words (so that many miss the page
-- cache) — in turn on every connection. The report is report.lua's.
dofile("bench/report.lua")

local paths = {
  "/", "/lang-nghe", "/cum-cong-nghiep", "/doanh-nghiep", "/san-pham", "/ban-do",
  "/en/craft-villages", "/lang-nghe/xom-mau-2500", "/lang-nghe/xom-mau-17",
  "/api/v1/map?zoom=9", "/api/v1/map?bbox=105.20,20.70,105.50,20.95&zoom=11",
}
local words = { "hop+tac", "det", "may+tre", "ruou", "gom", "mau", "cam", "che", "thoc", "go" }
local counter = 0

request = function()
  counter = counter + 1
  local path
  if counter % 3 == 0 then
    -- A search: a word and a page, so that the page cache sees many keys.
    path = "/tim-kiem?q=" .. words[(counter % #words) + 1] .. "&page=" .. (math.floor(counter / 7) % 40 + 1)
  else
    path = paths[(counter % #paths) + 1]
  end
  return wrk.format("GET", path)
end
