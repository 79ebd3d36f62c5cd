-- kokous conversion driver, run once per batch as `pandoc lua pandoc_driver.lua < jobs.json`.
--
-- Why a long-lived `pandoc lua` process: starting the pandoc binary costs ~50 ms, converting
-- a document inside a warm process ~5 ms (HTML) to ~30 ms (DOCX). convert.py writes one JSON
-- job list to stdin; this script converts every document and writes each output to the path
-- the job names (inside a temporary folder convert.py owns). It prints one JSON result to
-- stdout: {"errors": [{"index": i, "format": f, "message": m}, ...]}.
--
-- Safety: the Markdown arrives with record text already escaped, but the reader still runs
-- with every raw-output extension off, and the filters below drop anything that could make a
-- writer touch the filesystem or network (images not among the document's own resources) or
-- make a browser run code (javascript:/data: link targets, on* attributes).

local json = pandoc.json
local job = json.decode(io.read("a"), false)
local config = job.config

local function read_file(path)
  local fh = assert(io.open(path, "rb"))
  local data = fh:read("a")
  fh:close()
  return data
end

local function write_file(path, data)
  local fh = assert(io.open(path, "wb"))
  fh:write(data)
  fh:close()
end

local templates = {
  html = pandoc.template.compile(read_file(config.html_template)),
  typst = pandoc.template.compile(read_file(config.typst_template)),
  odt = pandoc.template.compile(pandoc.template.default("opendocument")),
}
local css = read_file(config.stylesheet)

-- Link targets a reader of a public document may follow; everything else (javascript:,
-- data:, vbscript:, file:, …) is unwrapped to its text.
local SAFE_SCHEMES = { http = true, https = true, mailto = true, tel = true }

local function safe_target(target)
  local scheme = target:match("^%s*([%a][%w+.-]*):")
  if scheme == nil then
    -- relative link or fragment; a leading "//" would be protocol-relative (another host)
    return not target:match("^%s*//") and not target:match("^%s*\\")
  end
  return SAFE_SCHEMES[scheme:lower()] == true
end

-- Attribute keys a writer may pass through; pandoc's HTML writer would emit e.g. onclick.
local SAFE_ATTRIBUTES = { width = true, height = true, lang = true, dir = true,
  ["custom-style"] = true, ["aria-label"] = true }

local function clean_attr(el)
  if el.attr == nil then
    return nil
  end
  local kept = {}
  local changed = false
  for key, value in pairs(el.attr.attributes) do
    if SAFE_ATTRIBUTES[key] then
      kept[key] = value
    else
      changed = true
    end
  end
  if changed then
    el.attr.attributes = kept
    return el
  end
  return nil
end

-- Quotation marks: the markdown reader's `smart` turns "x" into Quoted, which most writers
-- print as English “x”. Finnish and Swedish open and close with the same mark: ”x”.
local QUOTES = {
  fi = { double = { "”", "”" }, single = { "’", "’" } },
  sv = { double = { "”", "”" }, single = { "’", "’" } },
  en = { double = { "“", "”" }, single = { "‘", "’" } },
}

local function typst_string(s)
  return '"' .. s:gsub("\\", "\\\\"):gsub('"', '\\"'):gsub("\r", "\\r"):gsub("\n", "\\n") .. '"'
end

local function html_attr(s)
  return (s:gsub("&", "&amp;"):gsub('"', "&quot;"):gsub("<", "&lt;"):gsub(">", "&gt;"))
end

local function safety_filter(resources, lang)
  local marks = QUOTES[lang] or QUOTES.en
  return {
    Link = function(el)
      clean_attr(el)
      if not safe_target(el.target) then
        return pandoc.Span(el.content)
      end
      return el
    end,
    Image = function(el)
      clean_attr(el)
      if resources[el.src] == nil then
        error("image '" .. el.src .. "' is not among the document's resources")
      end
      return el
    end,
    Quoted = function(el)
      local m = el.quotetype == "DoubleQuote" and marks.double or marks.single
      local out = pandoc.Inlines({ pandoc.Str(m[1]) })
      out:extend(el.content)
      out:insert(pandoc.Str(m[2]))
      return out
    end,
    Span = clean_attr,
    Div = clean_attr,
    Code = clean_attr,
    CodeBlock = clean_attr,
    Header = clean_attr,
    Table = clean_attr,
    Figure = clean_attr,
  }
end

-- Per-format adjustments of the document tree.

local function image_html(resources)
  -- One self-contained page: images become data URIs, the alt text stays on <img>.
  return {
    Image = function(el)
      el.src = resources[el.src].data_uri
      return el
    end,
  }
end

local function image_typst()
  -- pandoc's Typst writer drops an image's alt text, which PDF/UA requires; emit it ourselves.
  -- The path is relative to the per-document Typst root that holds only that document's
  -- resources.
  return {
    Image = function(el)
      local alt = pandoc.utils.stringify(el.caption)
      local args = typst_string(el.src) .. ", alt: " .. typst_string(alt)
      -- Only a plain length passes into Typst code; anything else falls back to full width.
      local width = el.attributes.width or ""
      if not (width:match("^%d+%%$") or width:match("^%d+%.?%d*[cm]m$")) then
        width = "100%"
      end
      args = args .. ", width: " .. width
      return pandoc.RawInline("typst", "#box(image(" .. args .. "))")
    end,
  }
end

local function links_with_urls()
  -- Plain text for e-mail and newswire forms: keep the address a link points to.
  return {
    Link = function(el)
      local text = pandoc.utils.stringify(el.content)
      local url = el.target:gsub("^mailto:", "")
      if text == url or url:sub(1, 1) == "#" then
        return el.content
      end
      local out = pandoc.Inlines(el.content)
      out:insert(pandoc.Str(" (" .. url .. ")"))
      return out
    end,
    Image = function(el)
      return el.caption
    end,
  }
end

-- Word list styles by kind and depth: screen readers and Word's navigation know "List Bullet"
-- and "List Number" (and their level 2/3 variants); pandoc alone would use "Compact".
local LIST_STYLES = { BulletList = "List Bullet", OrderedList = "List Number" }

local function docx_list_styles()
  local function style_lists(blocks, depth)
    local out = pandoc.Blocks({})
    for _, block in ipairs(blocks) do
      local base = LIST_STYLES[block.t]
      if base then
        for i, item in ipairs(block.content) do
          -- pandoc gives a tight list's Plain items its "Compact" style whatever the Div
          -- says; as Para they take the list style (which sets its own tight spacing).
          item = pandoc.Blocks(item):walk({ Plain = function(p) return pandoc.Para(p.content) end })
          block.content[i] = style_lists(item, depth + 1)
        end
        local name = depth == 0 and base or (base .. " " .. math.min(depth + 1, 3))
        out:insert(pandoc.Div({ block }, { ["custom-style"] = name }))
      elseif block.t == "Div" or block.t == "BlockQuote" then
        block.content = style_lists(block.content, depth)
        out:insert(block)
      else
        out:insert(block)
      end
    end
    return out
  end
  return function(doc)
    doc.blocks = style_lists(doc.blocks, 0)
    return doc
  end
end

local function html_scrolling_tables(lang)
  -- A table wider than a phone scrolls inside its own box instead of the page (WCAG 1.4.10).
  -- The box is a labelled, focusable region so keyboard users can scroll it (axe
  -- scrollable-region-focusable); data-scroll tells the 320 px check it may overflow.
  local word = ({ fi = "Taulukko", sv = "Tabell", en = "Table" })[lang] or "Table"
  local count = 0
  return {
    Table = function(el)
      count = count + 1
      local caption = pandoc.utils.stringify(el.caption.long or {})
      local label = caption ~= "" and caption or (word .. " " .. count)
      -- Attributes as a list of pairs: a Lua table's order would change from run to run.
      return pandoc.Div({ el }, pandoc.Attr("", { "table-scroll" }, {
        { "role", "region" }, { "aria-label", label }, { "tabindex", "0" }, { "data-scroll", "" },
      }))
    end,
  }
end

-- A paragraph in a right-to-left script (a quote in Arabic or Hebrew) reads from the right:
-- dir="auto" lets the browser take the direction from its first strong character, so a
-- Finnish paragraph with an Arabic name in it stays left-to-right. UTF-8 lead bytes 0xD6-0xDB
-- start U+0580-U+06FF (Hebrew, Arabic); 0xDC-0xDD Syriac and Arabic Supplement.
local RTL_BYTES = "[\214-\221][\128-\191]"

local html_rtl_paragraphs = {
  Para = function(el)
    if pandoc.utils.stringify(el):find(RTL_BYTES) then
      return pandoc.Div({ el }, pandoc.Attr("", {}, { { "dir", "auto" } }))
    end
  end,
}

local function title_as_docx_title(doc)
  -- Word documents carry the title in the Title style (from metadata) and start sections at
  -- Heading 1: drop the body's first level-1 heading and lift the others by one level.
  local blocks = pandoc.Blocks({})
  local dropped = false
  for _, block in ipairs(doc.blocks) do
    if not dropped and block.t == "Header" and block.level == 1 then
      dropped = true
    else
      blocks:insert(block)
    end
  end
  blocks = blocks:walk({
    Header = function(h)
      if h.level > 1 then
        h.level = h.level - 1
      end
      return h
    end,
  })
  doc.blocks = blocks
  return doc
end

local function notice_blocks(item, style)
  local blocks = pandoc.Blocks({})
  if item.marking ~= "" then
    blocks:insert(pandoc.Div({ pandoc.Para(pandoc.Inlines(item.marking)) },
      { ["custom-style"] = style }))
  end
  if item.banner ~= "" then
    blocks:insert(pandoc.Div({ pandoc.Para({ pandoc.Strong(pandoc.Inlines(item.banner)) }) },
      { ["custom-style"] = style }))
  end
  return blocks
end

local function inlines(text)
  return pandoc.MetaInlines(pandoc.Inlines(text))
end

local function set_meta(doc, item, keys)
  for _, key in ipairs(keys) do
    if item[key] ~= nil and item[key] ~= "" then
      doc.meta[key] = inlines(item[key])
    end
  end
  doc.meta.lang = pandoc.MetaString(item.lang)
  return doc
end

-- Navigation only a web page has (a press release's language switch, its links to the
-- minutes and the desk) comes from the templates as .html-only divs: a <nav> landmark named by
-- its aria-label in HTML, nothing in the other formats (a relative link leads nowhere there).
local function html_only(keep)
  return {
    Div = function(el)
      if not el.classes:includes("html-only") then
        return nil
      end
      if not keep then
        return {}
      end
      local classes = {}
      for _, class in ipairs(el.classes) do
        if class ~= "html-only" then
          classes[#classes + 1] = class
        end
      end
      local out = pandoc.Blocks({ pandoc.RawBlock("html", '<nav class="'
        .. html_attr(table.concat(classes, " ")) .. '" aria-label="'
        .. html_attr(el.attributes["aria-label"] or "") .. '">') })
      out:extend(el.content)
      out:insert(pandoc.RawBlock("html", "</nav>"))
      return out
    end,
  }
end

-- The press release's parts (templates/press-release.md.j2) in the PDF: Typst properties by
-- class, the way the house style sets them in kokous.css for the web page.
local TYPST_CLASSES = {
  -- A signature (minutes): room to sign above the line, kept whole with its name and post.
  signature = { ["typst:above"] = "2.2em", ["typst:breakable"] = "false" },
  ["press-head"] = { ["typst:text:size"] = "9pt", ["typst:text:fill"] = "muted",
    ["typst:below"] = "0.8em" },
  ["press-label"] = { ["typst:text:weight"] = '"bold"', ["typst:text:fill"] = "brand",
    ["typst:below"] = "0.2em" },
  lead = { ["typst:text:weight"] = '"bold"', ["typst:below"] = "1.1em" },
  contacts = { ["typst:width"] = "100%", ["typst:inset"] = "(x: 8pt, y: 6pt)",
    ["typst:fill"] = 'rgb("#f2f5f9")', ["typst:stroke"] = "(left: 3pt + brand)",
    ["typst:above"] = "1.2em", ["typst:text:size"] = "9.5pt", ["typst:breakable"] = "false" },
}

-- pandoc's Typst writer sets a Div's language as "#set text(lang: ..); == Heading" on one
-- line, where Typst no longer reads the heading as one (the annual report's summaries in the
-- other languages printed "== Sammanfattning"): the setting goes on a line of its own.
local typst_div_lang = {
  Div = function(el)
    local lang = el.attributes.lang
    if lang == nil or not lang:match("^%a%a%a?$") then
      return nil
    end
    el.attributes.lang = nil
    el.content:insert(1, pandoc.RawBlock("typst", '#set text(lang: "' .. lang .. '")'))
    return el
  end,
}

local typst_classes = {
  Div = function(el)
    for _, class in ipairs(el.classes) do
      local props = TYPST_CLASSES[class]
      if props then
        for key, value in pairs(props) do
          el.attributes[key] = value
        end
        return el
      end
    end
  end,
}

-- The same parts in Word: paragraph styles of reference.docx (scripts/make_reference_docx.py).
local DOCX_CLASSES = { ["press-head"] = "Press Head", ["press-label"] = "Press Label",
  lead = "Lead", contacts = "Contacts" }

local docx_classes = {
  Div = function(el)
    for _, class in ipairs(el.classes) do
      if DOCX_CLASSES[class] then
        el.attributes["custom-style"] = DOCX_CLASSES[class]
        return el
      end
    end
  end,
}

local function is_press_release(doc)
  local first = doc.blocks[1]
  return first ~= nil and first.t == "Div" and first.classes:includes("press-head")
end

-- A body's seats (templates/partials/composition.md.j2): the template writes a pipe table
-- of organisation | member [| personal deputy], the organisation only in its first seat's
-- row, with the class "seats". Three columns clip on a phone and squeeze names in Word and PDF, so
-- every format gets two columns (member, deputy) with each organisation as a group heading
-- spanning them: an intermediate header row of the table body (<th> in HTML, a header row in
-- Word and Typst).
local seat_tables = {
  Table = function(el)
    if not el.classes:includes("seats") or #el.head.rows ~= 1 then
      return nil
    end
    local head = el.head.rows[1].cells
    local columns = #head - 1
    if columns < 1 then
      return nil
    end
    local function rest(cells)
      local out = {}
      for i = 2, #cells do
        out[#out + 1] = cells[i]
      end
      return out
    end
    local bodies = {}
    local current = nil
    for _, body in ipairs(el.bodies) do
      for _, row in ipairs(body.body) do
        local org = row.cells[1]
        if current == nil or #org.contents > 0 then
          local heading = pandoc.Cell(pandoc.Blocks({ pandoc.Plain({ pandoc.Strong(
            pandoc.utils.blocks_to_inlines(org.contents)) }) }), nil, 1, columns)
          -- A table body is a plain Lua table in pandoc's Lua API (no constructor).
          current = { attr = pandoc.Attr(), row_head_columns = 0,
            head = pandoc.List({ pandoc.Row({ heading }) }), body = pandoc.List({}) }
          bodies[#bodies + 1] = current
        end
        current.body:insert(pandoc.Row(rest(row.cells)))
      end
    end
    el.head = pandoc.TableHead({ pandoc.Row(rest(head)) })
    el.bodies = bodies
    -- Equal shares of the width: a member and a deputy are the same kind of entry.
    el.colspecs = {}
    for i = 1, columns do
      el.colspecs[i] = { pandoc.AlignDefault, 1 / columns }
    end
    return el
  end,
}

-- Document metadata (kokous.convert.Document: author, publisher, date, provenance): each
-- writer puts it where its format keeps such facts. The date arrives as YYYY-MM-DD or "".
local function date_parts(item)
  local y, m, d = (item.date or ""):match("^(%d%d%d%d)-(%d%d)-(%d%d)$")
  if y then
    return tonumber(y), tonumber(m), tonumber(d)
  end
  return nil
end

local function html_meta(item)
  local tags = {}
  local function add(name, content)
    if content ~= nil and content ~= "" then
      tags[#tags + 1] = '<meta name="' .. html_attr(name) .. '" content="' .. html_attr(content) .. '">'
    end
  end
  add("author", item.author)
  add("dcterms.publisher", item.publisher)
  add("dcterms.created", item.date)
  for _, pair in ipairs(item.provenance or {}) do
    add(pair[1], pair[2])
  end
  return table.concat(tags, "\n")
end

local function docx_meta(doc, item)
  -- Every field pandoc does not know goes into docProps/custom.xml as a custom property.
  -- dc:creator and the core dates are set by convert.py: an "author" here would also print
  -- an Author paragraph under the title.
  if item.publisher ~= "" then
    doc.meta.publisher = pandoc.MetaString(item.publisher)
  end
  for _, pair in ipairs(item.provenance or {}) do
    doc.meta[pair[1]] = pandoc.MetaString(pair[2])
  end
  return doc
end

local WRITERS = {}

function WRITERS.html(doc, item, resources)
  doc = doc:walk(image_html(resources)):walk(html_scrolling_tables(item.lang)):walk(html_rtl_paragraphs)
  doc = doc:walk(html_only(true))
  set_meta(doc, item, { "title", "header", "marking", "banner" })
  local out = pandoc.write(doc, "html5", {
    template = templates.html,
    variables = { css = css, ["kokous-meta"] = html_meta(item) },
    section_divs = true,
    wrap_text = "none",
    html_math_method = "mathml",
  })
  -- Header cells get an explicit scope (WCAG H63): a cell spanning the columns heads the
  -- rows of its table body (an organisation's seats, seat_tables), every other one its column.
  out = out:gsub("<th([ >])", '<th scope="col"%1')
  return (out:gsub('<th scope="col" colspan="', '<th scope="rowgroup" colspan="'))
end

-- Pipe tables give pandoc fixed relative column widths, and Typst then overlaps a long word
-- (valtiovarainministeriö) with the next column. Let Typst size the columns to their content.
local typst_auto_columns = {
  Table = function(el)
    if el.classes:includes("seats") then
      return nil -- equal columns, set by seat_tables
    end
    for i, spec in ipairs(el.colspecs) do
      el.colspecs[i] = { spec[1], pandoc.ColWidthDefault }
    end
    return el
  end,
}

-- A non-public item shown in full (internal minutes) is set in a box; the Div comes from the
-- minutes template (record text cannot make one: it arrives escaped), and the safety filter
-- has already dropped every attribute, so these are the only Typst properties it carries.
local typst_secret_box = {
  Div = function(el)
    if el.classes:includes("secret-item") then
      el.attributes["typst:stroke"] = '1pt + rgb("#7a1010")'
      el.attributes["typst:inset"] = "8pt"
      el.attributes["typst:width"] = "100%"
      return el
    end
  end,
}

-- A table's caption stands above it; a short table is kept whole with its caption (an
-- unbreakable block around the figure), so a caption is never left alone at a page's foot.
-- A long table may still break, its header row repeating on the next page.
local TYPST_UNBREAKABLE_ROWS = 25
local typst_keep_short_tables = {
  Table = function(el)
    local rows = #el.head.rows
    for _, body in ipairs(el.bodies) do
      rows = rows + #body.head + #body.body
    end
    if rows > TYPST_UNBREAKABLE_ROWS then
      return nil
    end
    return pandoc.Div({ el }, pandoc.Attr("", {}, { ["typst:breakable"] = "false", ["typst:width"] = "100%" }))
  end,
}

function WRITERS.typst(doc, item)
  doc = doc:walk(html_only(false))
  -- A press release is set on one page where it fits, as the ministries print theirs.
  local variables = is_press_release(doc) and { ["press-release"] = "true" } or {}
  doc = doc:walk(image_typst()):walk(typst_auto_columns):walk(typst_secret_box):walk(typst_keep_short_tables)
  doc = doc:walk(typst_classes):walk(typst_div_lang)
  set_meta(doc, item, { "title", "header", "marking", "banner" })
  if item.author ~= "" then
    variables["author-literal"] = typst_string(item.author)
  end
  local y, m, d = date_parts(item)
  if y then
    variables["date-literal"] = string.format("datetime(year: %d, month: %d, day: %d)", y, m, d)
  end
  -- Typst writes keywords to the Info dictionary and the XMP (pdf:Keywords), a property PDF/A
  -- predefines: the publisher and the provenance go there, "name: value" each.
  local keywords = {}
  if item.publisher ~= "" then
    keywords[#keywords + 1] = typst_string("publisher: " .. item.publisher)
  end
  for _, pair in ipairs(item.provenance or {}) do
    keywords[#keywords + 1] = typst_string(pair[1] .. ": " .. pair[2])
  end
  if #keywords > 0 then
    variables["keywords-literal"] = "(" .. table.concat(keywords, ", ") .. ",)"
  end
  return pandoc.write(doc, "typst", {
    template = templates.typst,
    variables = variables,
    wrap_text = "none",
  })
end

-- Word draws no box around a group of blocks: it frames consecutive paragraphs that share a
-- bordered paragraph style. A non-public item's Div carries custom-style "Secret Item", which
-- reference.docx frames, but pandoc gives a definition list's paragraphs its own Definition
-- styles; inside the box each term becomes a bold paragraph and each definition plain
-- paragraphs, so the whole item is framed.
local docx_secret_box = {
  Div = function(el)
    if not el.classes:includes("secret-item") then
      return nil
    end
    el.content = el.content:walk({
      DefinitionList = function(list)
        local out = pandoc.Blocks({})
        for _, entry in ipairs(list.content) do
          out:insert(pandoc.Para({ pandoc.Strong(entry[1]) }))
          for _, definition in ipairs(entry[2]) do
            out:extend(pandoc.Blocks(definition):walk({
              Plain = function(p) return pandoc.Para(p.content) end,
            }))
          end
        end
        return out
      end,
    })
    return el
  end,
}

function WRITERS.docx(doc, item)
  doc = doc:walk(html_only(false)):walk(docx_classes)
  doc = docx_list_styles()(title_as_docx_title(doc):walk(docx_secret_box))
  local notices = notice_blocks({ marking = "", banner = item.banner }, "Notice")
  notices:extend(doc.blocks)
  doc.blocks = notices
  set_meta(doc, item, { "title" })
  docx_meta(doc, item)
  return pandoc.write(doc, "docx", { reference_doc = config.reference_doc })
end

function WRITERS.odt(doc, item)
  doc = doc:walk(html_only(false))
  local notices = notice_blocks(item, "Notice")
  notices:extend(doc.blocks)
  doc.blocks = notices
  set_meta(doc, item, { "title" })
  if item.author ~= "" then
    doc.meta.author = pandoc.MetaList({ pandoc.MetaString(item.author) })
  end
  -- Without a template pandoc.write is not standalone, and the ODT's content.xml is a bare
  -- fragment that LibreOffice refuses to open: use pandoc's own OpenDocument template.
  return pandoc.write(doc, "odt", { template = templates.odt })
end

function WRITERS.txt(doc, item)
  doc = doc:walk(html_only(false)):walk(links_with_urls())
  local notices = pandoc.Blocks({})
  for _, text in ipairs({ item.marking, item.banner }) do
    if text ~= "" then
      notices:insert(pandoc.Para(pandoc.Inlines("[" .. text .. "]")))
    end
  end
  notices:extend(doc.blocks)
  doc.blocks = notices
  return pandoc.write(doc, "plain", { wrap_text = "none" })
end

local errors = {}

for index, item in ipairs(job.documents) do
  local resources = {}
  pandoc.mediabag.empty()
  local ok, err = pcall(function()
    for _, res in ipairs(item.resources) do
      resources[res.name] = res
      pandoc.mediabag.insert(res.name, res.mime, read_file(res.path))
    end
    -- read_env {} : the reader runs sandboxed and may open no file at all.
    local doc = pandoc.read(item.markdown, config.reader, {}, {})
    return doc:walk(safety_filter(resources, item.lang)):walk(seat_tables)
  end)
  if not ok then
    errors[#errors + 1] = { index = index - 1, format = "read", message = tostring(err) }
  else
    local doc = err
    for fmt, path in pairs(item.outputs) do
      local writer = WRITERS[fmt]
      local wok, out = pcall(writer, doc:clone(), item, resources)
      if wok then
        write_file(path, out)
      else
        errors[#errors + 1] = { index = index - 1, format = fmt, message = tostring(out) }
      end
    end
  end
end

io.write(json.encode({ errors = errors }))
