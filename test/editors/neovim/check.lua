-- Neovim (0.7 API) as a second LSP client of the Etcetera server: open a unit,
-- attach `etcetera lsp --stdio`, and check the diagnostics and completion it
-- gets. Run by test/editors/neovim.test.ts:
--   ETCETERA_SERVER=... ETCETERA_UNIT=... nvim --headless --clean -n -i NONE -u NONE -c 'luafile check.lua'
-- Any failure ends Neovim with `:cquit 1`; success with `:qall!`.

local server = assert(os.getenv("ETCETERA_SERVER"), "ETCETERA_SERVER: the bundled server")
local unit = assert(os.getenv("ETCETERA_UNIT"), "ETCETERA_UNIT: the unit file to open")

local function say(msg)
  io.stdout:write(msg .. "\n")
end

local function fail(msg)
  io.stderr:write("FAIL: " .. msg .. "\n")
  vim.cmd("cquit 1")
end

local function check()
  vim.cmd("edit " .. vim.fn.fnameescape(unit))
  local bufnr = vim.api.nvim_get_current_buf()
  local stderr = {}
  -- Neovim 0.7 answers workspace/configuration from `settings` but does not
  -- announce it, and the server only asks clients that do.
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  capabilities.workspace.configuration = true
  local client_id = vim.lsp.start_client({
    capabilities = capabilities,
    name = "etcetera",
    cmd = { "node", server, "lsp", "--stdio" },
    root_dir = vim.fn.fnamemodify(unit, ":h"),
    -- Answered to the server's workspace/configuration request for "etcetera".
    settings = { etcetera = { systemd = { version = 252 } } },
    handlers = {
      ["window/logMessage"] = function() end,
    },
    on_exit = function(code)
      if code ~= 0 then
        stderr[#stderr + 1] = "server exited with " .. code
      end
    end,
  })
  if not client_id then
    return fail("could not start the server")
  end
  if not vim.lsp.buf_attach_client(bufnr, client_id) then
    return fail("could not attach the server to the buffer")
  end

  -- Diagnostics: the misspelled directive, with its rule id, on the exact token.
  local function find_typo()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code == "systemd/unknown-directive" and d.lnum == 5 then
        return d
      end
    end
  end
  if not vim.wait(15000, function() return find_typo() ~= nil end, 50) then
    local got = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      got[#got + 1] = d.lnum .. ": " .. d.message
    end
    return fail("no systemd/unknown-directive diagnostic on line 6 within 15 s; got: " .. table.concat(got, " | ") .. table.concat(stderr, " "))
  end
  local typo = find_typo()
  if typo.col ~= 0 or typo.end_col ~= 7 then
    return fail(("the diagnostic covers columns %d-%d, not the token 'Restrat' (0-7)"):format(typo.col, typo.end_col))
  end
  if not typo.message:find("Restart", 1, true) then
    return fail("the message does not suggest Restart: " .. typo.message)
  end
  say("diagnostic: " .. typo.message)

  -- The settings reached the server: RestartSteps= (systemd 254) is newer than the target 252.
  local function find_newer()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code == "systemd/newer-than-target" and d.lnum == 7 then
        return d
      end
    end
  end
  if not vim.wait(10000, function() return find_newer() ~= nil end, 50) then
    return fail("no systemd/newer-than-target diagnostic on line 8 within 10 s: the settings did not reach the server")
  end
  local newer = find_newer()
  say("settings: " .. newer.message)

  -- Completion after "Res" on line 7 offers Restart, inserting "Restart=".
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = 6, character = 3 } }
  local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/completion", params, 10000)
  local labels = {}
  local restart
  for _, response in pairs(responses or {}) do
    if response.err then
      return fail("completion failed: " .. vim.inspect(response.err))
    end
    local items = response.result and (response.result.items or response.result) or {}
    for _, item in ipairs(items) do
      labels[#labels + 1] = item.label
      if item.label == "Restart" then
        restart = item
      end
    end
  end
  if not restart then
    return fail("completion does not offer Restart; got: " .. table.concat(labels, ", "))
  end
  local inserted = (restart.textEdit and restart.textEdit.newText) or restart.insertText or restart.label
  if inserted ~= "Restart=" then
    return fail("completing Restart inserts '" .. inserted .. "', not 'Restart='")
  end
  say(("completion: %d items, Restart inserts %s"):format(#labels, inserted))

  vim.lsp.stop_client(client_id)
  vim.cmd("qall!")
end

local ok, err = pcall(check)
if not ok then
  fail(tostring(err))
end
