// The Signalbox page: sign in with an API key, upload files, follow jobs, read a job's summary and charts, download
// its result once. Plain modules, no build step.
import * as api from "./api.js";
import { Upload } from "./upload.js";
import { drawCurves } from "./charts.js";

const main = document.getElementById("main");
const announcer = document.getElementById("announcer");
const ACTIVE = new Set(["AWAITING_UPLOAD", "QUEUED", "PROCESSING"]);
const uploads = [];
let presets = null;
let poll = null;

// ---- small helpers -------------------------------------------------------------------------------------------------

function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (name === "class") element.className = value;
    else element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

function announce(text) {
  announcer.textContent = text;
}

function bytes(n) {
  if (n == null) return "";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let i = 0;
  let value = n;
  while (value >= 1000 && i < units.length - 1) { value /= 1000; i++; }
  return (i === 0 ? value : value.toFixed(value < 10 ? 2 : 1)) + " " + units[i];
}

function duration(seconds) {
  if (seconds == null || !isFinite(seconds)) return "–";
  seconds = Math.round(seconds);
  if (seconds < 60) return seconds + " s";
  if (seconds < 3600) return Math.floor(seconds / 60) + " min " + (seconds % 60) + " s";
  return Math.floor(seconds / 3600) + " h " + Math.floor((seconds % 3600) / 60) + " min";
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" }) : "";
}

function shortly(instant) {
  return instant ? new Date(instant).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" }) : "";
}

function percent(value) {
  return value == null ? "–" : (value * 100).toFixed(2) + " %";
}

function number(value, digits = 2) {
  return value == null ? "–" : Number(value).toFixed(digits);
}

function problemBox(error, prefix) {
  const problem = (error && error.problem) || {};
  const where = api.locationOf(problem);
  return h("div", { class: "problem", role: "alert" },
    h("strong", {}, prefix || problem.title || "Error"), " ",
    problem.detail || error.message,
    where ? h("div", {}, "Where: ", h("code", {}, where)) : null,
    problem.error ? h("div", { class: "muted" }, "Code: ", h("code", {}, problem.error)) : null);
}

function statusBadge(status) {
  return h("span", { class: "status " + status }, status.replace("_", " "));
}

function stopPolling() {
  if (poll) { clearTimeout(poll); poll = null; }
}

/** Polls while something may change, backing off from 1 s to 10 s while nothing does. */
function schedule(task, busy, delay) {
  stopPolling();
  const next = busy ? 1000 : Math.min(10000, Math.max(1000, delay * 1.6));
  poll = setTimeout(() => task(next), next);
}

// ---- sign in ---------------------------------------------------------------------------------------------------------

function renderSignIn(message) {
  document.getElementById("sign-out").hidden = true;
  const key = h("input", { id: "api-key", type: "password", autocomplete: "off", required: true, spellcheck: "false" });
  const form = h("form", { class: "panel", "aria-labelledby": "sign-in-title" },
    h("h1", { id: "sign-in-title" }, "Sign in"),
    h("p", { class: "muted" }, "Your API key stays in this browser tab only; closing the tab forgets it. ",
      "Local mode prints one when it starts (", h("code", {}, "./signalbox local"), ")."),
    h("div", { class: "field" }, h("label", { for: "api-key" }, "API key"), key),
    message ? h("p", { class: "error", role: "alert", id: "sign-in-error" }, message) : null,
    h("button", { type: "submit" }, "Sign in"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    api.signIn(key.value.trim());
    try {
      await api.call("/v1/jobs?limit=1");
      location.hash = "#/";
      route();
    } catch (e) {
      api.signOut();
      renderSignIn(e.status === 401 ? "That API key is not valid." : "The API did not answer: " + e.message);
    }
  });
  main.replaceChildren(form);
  key.focus();
}

// ---- jobs: upload and list -----------------------------------------------------------------------------------------

async function loadPresets() {
  if (!presets) {
    try {
      presets = (await api.call("/v1/recipes/presets")).presets;
    } catch (e) {
      presets = [{ name: "default" }];
    }
  }
  return presets;
}

function uploadPanel() {
  const fileInput = h("input", { id: "files", type: "file", multiple: true, accept: ".csv,.gz,text/csv,application/gzip",
    class: "visually-hidden", tabindex: "-1" });
  const chosen = h("p", { class: "muted", id: "chosen", "aria-live": "polite" }, "No file chosen.");
  let files = [];
  const setFiles = (list) => {
    files = Array.from(list);
    chosen.textContent = files.length === 0 ? "No file chosen."
      : files.map((f) => `${f.name} (${bytes(f.size)})`).join(", ");
  };
  fileInput.addEventListener("change", () => setFiles(fileInput.files));
  const drop = h("label", { for: "files", class: "dropzone", tabindex: "0", role: "button",
    "aria-describedby": "chosen" },
    h("strong", {}, "Drop price files here"), " or press to choose them (CSV, optionally .gz; one job per file)");
  drop.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") { event.preventDefault(); fileInput.click(); }
  });
  drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    setFiles(event.dataTransfer.files);
  });

  const presetSelect = h("select", { id: "preset" });
  loadPresets().then((list) => {
    presetSelect.replaceChildren(...list.map((p) => h("option", { value: p.name }, p.name)));
  });
  const recipeText = h("textarea", { id: "recipe", rows: 8, spellcheck: "false",
    placeholder: '{"version": 1, "indicators": [{"type": "sma", "window": 20}], "backtest": {}}' });
  const presetMode = h("input", { type: "radio", name: "recipe-mode", id: "mode-preset", value: "preset", checked: true });
  const customMode = h("input", { type: "radio", name: "recipe-mode", id: "mode-custom", value: "custom" });
  const presetField = h("div", { class: "field" }, h("label", { for: "preset" }, "Preset"), presetSelect);
  const recipeField = h("div", { class: "field", hidden: true },
    h("label", { for: "recipe" }, "Recipe (JSON)"), recipeText,
    h("button", { type: "button", class: "secondary", onclick: () => {
      const preset = (presets || []).find((p) => p.name === presetSelect.value);
      if (preset && preset.recipe) recipeText.value = JSON.stringify(preset.recipe, null, 2);
    } }, "Start from the preset"));
  const modeChanged = () => {
    presetField.hidden = customMode.checked;
    recipeField.hidden = !customMode.checked;
  };
  presetMode.addEventListener("change", modeChanged);
  customMode.addEventListener("change", modeChanged);
  const signalsInput = h("input", { id: "signals", type: "file", accept: ".csv,.gz,text/csv" });
  const feedback = h("div", { id: "upload-feedback", "aria-live": "polite" });
  const list = h("ul", { class: "uploads", id: "uploads", "aria-label": "Uploads" });
  const submit = h("button", { type: "submit", id: "upload" }, "Upload");

  const form = h("form", { class: "panel", id: "upload-form", "aria-labelledby": "upload-title" },
    h("h2", { id: "upload-title" }, "Upload"),
    h("div", { class: "field" }, drop, fileInput, chosen),
    h("fieldset", {}, h("legend", {}, "Recipe"),
      h("label", { class: "choice", for: "mode-preset" }, presetMode, "A preset"),
      h("label", { class: "choice", for: "mode-custom" }, customMode, "My own recipe")),
    presetField, recipeField,
    h("div", { class: "field" }, h("label", { for: "signals" }, "Signals file (optional, joined on symbol and time)"),
      signalsInput),
    feedback, submit, list);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    feedback.replaceChildren();
    if (files.length === 0) {
      feedback.append(h("p", { class: "error", role: "alert" }, "Choose at least one file to upload."));
      return;
    }
    const choice = { signals: signalsInput.files[0] || null };
    if (customMode.checked) {
      const text = recipeText.value.trim();
      try {
        JSON.parse(text);
      } catch (e) {
        feedback.append(problemBox({ problem: { title: "The recipe is not JSON", detail: e.message } }));
        recipeText.focus();
        return;
      }
      try {
        await api.call("/v1/recipes/validate", { method: "POST", headers: { "Content-Type": "application/json" },
          body: text });
      } catch (e) {
        feedback.append(problemBox(e, "The recipe is invalid; nothing was uploaded."));
        recipeText.focus();
        return;
      }
      choice.recipe = text;
    } else {
      choice.preset = presetSelect.value || "default";
    }
    for (const file of files) {
      const upload = new Upload(file, choice, (u) => renderUpload(u));
      uploads.unshift(upload);
      list.prepend(uploadItem(upload));
    }
    announce(files.length === 1 ? "Upload started." : files.length + " uploads started.");
    setFiles([]);
    fileInput.value = "";
    runQueue();
  });
  for (const upload of uploads) list.append(uploadItem(upload));
  return form;
}

/** Two uploads at a time; the others wait their turn. */
function runQueue() {
  const running = uploads.filter((u) => u.state === "uploading").length;
  const waiting = uploads.filter((u) => u.state === "waiting").reverse();
  for (const upload of waiting.slice(0, Math.max(0, 2 - running))) {
    upload.start().then(() => { runQueue(); refreshJobs(); });
  }
  refreshJobs();
}

function uploadItem(upload) {
  const index = uploads.indexOf(upload);
  const bar = h("progress", { max: upload.total || 1, value: upload.sent, "aria-label": "Sent of " + upload.file.name });
  const item = h("li", { class: "upload", id: "upload-" + index, "data-state": upload.state },
    h("header", {}, h("span", { class: "name" }, upload.file.name),
      h("button", { type: "button", class: "secondary cancel", "aria-label": "Cancel upload of " + upload.file.name,
        onclick: () => upload.cancel() }, "Cancel")),
    bar, h("div", { class: "stats" }), h("div", { class: "outcome" }));
  upload.element = item;
  renderUpload(upload);
  return item;
}

function renderUpload(upload) {
  const item = upload.element;
  if (!item) return;
  item.dataset.state = upload.state;
  item.dataset.sent = upload.sent;
  item.dataset.total = upload.total;
  const bar = item.querySelector("progress");
  bar.max = upload.total || 1;
  bar.value = upload.sent;
  const share = upload.total ? Math.floor((100 * upload.sent) / upload.total) : 100;
  item.dataset.percent = share;
  const stats = item.querySelector(".stats");
  const cancel = item.querySelector(".cancel");
  cancel.disabled = !(upload.state === "waiting" || upload.state === "uploading");
  if (upload.state === "waiting") {
    stats.textContent = `Waiting · ${bytes(upload.total)}`;
  } else {
    stats.textContent = `${share} % · ${bytes(upload.sent)} of ${bytes(upload.total)} · `
      + `${upload.speed > 0 ? bytes(upload.speed) + "/s" : "–"} · ${duration(upload.secondsLeft)} left`
      + (upload.route ? ` · ${upload.route}` : "");
  }
  const outcome = item.querySelector(".outcome");
  if (upload.state === "done" && upload.job && !outcome.hasChildNodes()) {
    outcome.append("Uploaded: ", h("a", { href: "#/jobs/" + upload.job.id }, "job " + upload.job.id.slice(0, 8)));
    stats.textContent = `100 % · ${bytes(upload.total)} sent in ${duration((performance.now() - upload.startedAt) / 1000)}`;
    announce(upload.file.name + " uploaded.");
  } else if (upload.state === "failed") {
    outcome.replaceChildren(problemBox(upload.error, "Upload failed."));
  } else if (upload.state === "cancelled") {
    outcome.replaceChildren(h("span", { class: "muted" }, "Cancelled."));
  }
}

function progressCell(job) {
  if (job.status !== "PROCESSING" || !job.progress) return "";
  const p = job.progress;
  const rows = p.rowsProcessed.toLocaleString() + " rows";
  if (p.percent == null) return rows;
  return h("div", { class: "job-progress", "data-percent": p.percent },
    h("progress", { max: 100, value: p.percent, "aria-label": "Processed of " + job.inputName }),
    `${rows} · ${p.percent} % of about ${p.rowsExpected.toLocaleString()}`);
}

function jobsTable(jobs) {
  if (jobs.length === 0) return h("p", { class: "muted" }, "No jobs yet: upload a file above.");
  return h("div", { class: "table-wrap" }, h("table", { id: "jobs" },
    h("caption", { class: "visually-hidden" }, "Your jobs, newest first"),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, "File"), h("th", { scope: "col" }, "Status"),
      h("th", { scope: "col", class: "hide-narrow" }, "Created"), h("th", { scope: "col", class: "num hide-narrow" }, "Size"),
      h("th", { scope: "col" }, "Progress or outcome"))),
    h("tbody", {}, jobs.map((job) => h("tr", { "data-job": job.id, "data-status": job.status },
      h("td", {}, h("a", { href: "#/jobs/" + job.id }, job.inputName)),
      h("td", {}, statusBadge(job.status)),
      h("td", { class: "hide-narrow", title: when(job.createdAt) }, shortly(job.createdAt)),
      h("td", { class: "num hide-narrow" }, bytes(job.inputBytes)),
      h("td", {}, job.failure ? h("div", { class: "failure" }, job.failure.reason)
        : job.status === "PROCESSING" ? progressCell(job)
        : job.rows != null ? job.rows.toLocaleString() + " rows" : ""))))));
}

let jobsSection = null;

async function refreshJobs(delay = 1000) {
  if (!jobsSection || !jobsSection.isConnected) return;
  try {
    const page = await api.call("/v1/jobs?limit=50");
    const table = jobsTable(page.jobs);
    jobsSection.querySelector(".jobs-body").replaceChildren(table);
    const busy = page.jobs.some((job) => ACTIVE.has(job.status)) || uploads.some((u) => u.state === "uploading");
    schedule(refreshJobs, busy, delay);
  } catch (e) {
    if (e.status === 401) { api.signOut(); renderSignIn("Your API key is no longer valid."); return; }
    jobsSection.querySelector(".jobs-body").replaceChildren(problemBox(e, "The job list could not be loaded."));
    schedule(refreshJobs, false, delay);
  }
}

function renderJobs() {
  document.title = "Jobs · Signalbox";
  jobsSection = h("section", { class: "panel", "aria-labelledby": "jobs-title" },
    h("h2", { id: "jobs-title" }, "Jobs"), h("div", { class: "jobs-body" }, h("p", { class: "muted" }, "Loading…")));
  main.replaceChildren(h("h1", {}, "Your jobs"), h("div", { class: "jobs-layout" }, uploadPanel(), jobsSection));
  refreshJobs();
}

// ---- one job ---------------------------------------------------------------------------------------------------------

const FIGURES = [
  ["total_return", "Total return", percent],
  ["cagr", "CAGR", percent],
  ["sharpe", "Sharpe", (v) => number(v)],
  ["sortino", "Sortino", (v) => number(v)],
  ["max_drawdown", "Max drawdown", percent],
  ["trades", "Trades", (v) => (v == null ? "–" : v.toLocaleString())],
  ["win_rate", "Win rate", percent],
];

function summaryTable(summary) {
  const rows = Object.entries(summary.symbols || {});
  if (summary.all) rows.push(["(all symbols)", summary.all]);
  return h("div", { class: "table-wrap" }, h("table", { id: "figures" },
    h("caption", { class: "visually-hidden" }, "Figures per symbol"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Symbol"),
      FIGURES.map(([, label]) => h("th", { scope: "col", class: "num" }, label)))),
    h("tbody", {}, rows.map(([symbol, figures]) => h("tr", { "data-symbol": symbol },
      h("th", { scope: "row" }, symbol === "" ? "(the file)" : symbol),
      FIGURES.map(([key, , format]) => h("td", { class: "num" }, format(figures[key]))))))));
}

function conventionsBlock(conventions) {
  return h("details", { id: "conventions" }, h("summary", {}, "Conventions the figures follow"),
    h("dl", { class: "conventions" }, Object.entries(conventions).flatMap(([key, value]) => [
      h("dt", {}, key), h("dd", {}, typeof value === "object" ? JSON.stringify(value) : String(value))])));
}

const DELETION_REASONS = {
  downloaded: "the result was downloaded and its grace window ended",
  acknowledged: "you confirmed that you have the result",
  "picked-up": "the partner picked the result up",
  expired: "nobody downloaded the result within the retention",
  cancelled: "the job was cancelled",
  failed: "the job failed",
};

function deletionReason(job) {
  const reason = job.deletedBecause
    || { DOWNLOADED: "downloaded", EXPIRED: "expired", CANCELLED: "cancelled", FAILED: "failed" }[job.status];
  return reason ? DELETION_REASONS[reason] || reason : null;
}

function receipt(job) {
  const at = job.deletedAt || job.filesDeletedAt;
  if (!at) return null;
  const keys = job.deletedKeys || [];
  const reason = deletionReason(job);
  return h("div", { class: "receipt", id: "receipt", "data-reason": job.deletedBecause || "" },
    h("strong", {}, "Files deleted"), ` on ${when(at)}`,
    reason ? ` because ${reason}.` : ".",
    keys.length ? h("details", {}, h("summary", {}, `${keys.length} stored object(s) deleted`),
      h("ul", {}, keys.map((key) => h("li", {}, h("code", {}, key))))) : null);
}

async function acknowledge(job, button, outcome) {
  button.disabled = true;
  try {
    await api.call(`/v1/jobs/${job.id}`, { method: "DELETE" });
    announce("The result and your input were deleted.");
  } catch (e) {
    outcome.replaceChildren(problemBox(e, "The files could not be deleted."));
    button.disabled = false;
  }
}

/** What the last download of each job said, so that the page still says it after the job moved on. */
const downloadOutcomes = new Map();

async function download(job, button, outcome) {
  button.disabled = true;
  outcome.replaceChildren(h("span", { class: "muted" }, "Downloading…"));
  try {
    // no-store: a copy from the browser's cache is no download, and must not hide that the result is gone.
    const response = await fetch(api.url(`/v1/jobs/${job.id}/result`),
      { headers: { Authorization: api.authorization() }, cache: "no-store" });
    if (!response.ok) throw await api.problemOf(response);
    const name = (/filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") || "") || [])[1]
      || "result.csv";
    let size;
    if (window.showSaveFilePicker && job.resultBytes > 200e6) {
      // A large result goes straight to disk as it arrives; only Chromium-based browsers can do this.
      const handle = await window.showSaveFilePicker({ suggestedName: name });
      const writable = await handle.createWritable();
      await response.body.pipeTo(writable);
      size = job.resultBytes;
    } else {
      const blob = await response.blob();
      size = blob.size;
      const link = h("a", { href: URL.createObjectURL(blob), download: name });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    }
    downloadOutcomes.set(job.id, `Downloaded ${name} (${bytes(size)}).`);
    outcome.replaceChildren(h("span", { id: "downloaded" }, downloadOutcomes.get(job.id)));
    announce("Result downloaded.");
  } catch (e) {
    outcome.replaceChildren(problemBox(e, "Download failed."));
  } finally {
    button.disabled = false;
  }
}

async function renderJob(id, delay = 1000) {
  stopPolling();
  let job;
  try {
    job = await api.call(`/v1/jobs/${encodeURIComponent(id)}`);
  } catch (e) {
    if (e.status === 401) { api.signOut(); renderSignIn("Your API key is no longer valid."); return; }
    main.replaceChildren(h("h1", {}, "Job"), problemBox(e, "This job could not be loaded."));
    return;
  }
  if (location.hash !== "#/jobs/" + id) return;
  document.title = `${job.inputName} · Signalbox`;
  const previous = main.querySelector("#job");
  const sameState = previous && previous.dataset.status === job.status
    && previous.dataset.deleted === String(Boolean(job.deletedAt || job.filesDeletedAt));
  if (sameState && !ACTIVE.has(job.status)) {
    schedule((next) => renderJob(id, next), false, delay);
    return;
  }
  const section = h("section", { id: "job", "data-status": job.status,
    "data-deleted": String(Boolean(job.deletedAt || job.filesDeletedAt)) },
    h("p", {}, h("a", { href: "#/" }, "← All jobs")),
    h("h1", {}, job.inputName, " ", statusBadge(job.status)),
    h("dl", { class: "conventions" },
      h("dt", {}, "Job"), h("dd", {}, job.id),
      h("dt", {}, "Recipe"), h("dd", {}, job.recipe),
      h("dt", {}, "Input"), h("dd", {}, `${bytes(job.inputBytes)}${job.inputSha256 ? " · SHA-256 " + job.inputSha256 : ""}`),
      h("dt", {}, "Created"), h("dd", {}, when(job.createdAt)),
      job.rows != null ? [h("dt", {}, "Rows"), h("dd", {}, job.rows.toLocaleString())] : null,
      job.status === "PROCESSING" ? [h("dt", {}, "Progress"), h("dd", {}, progressCell(job))] : null),
    job.failure ? h("div", { class: "problem", role: "alert", id: "failure" }, h("strong", {}, "The job failed. "),
      job.failure.reason, h("div", { class: "muted" }, "Code: ", h("code", {}, job.failure.code))) : null);

  const resultPanel = h("div", { class: "panel", id: "result" }, h("h2", {}, "Result"));
  if (job.status === "DOWNLOADED" && !(job.deletedAt || job.filesDeletedAt)) {
    const outcome = h("div", { id: "download-outcome", "aria-live": "polite" },
      downloadOutcomes.has(job.id) ? h("span", { id: "downloaded" }, downloadOutcomes.get(job.id)) : null);
    const again = h("button", { type: "button", id: "download", class: "secondary" }, "Download again");
    again.addEventListener("click", () => download(job, again, outcome));
    const done = h("button", { type: "button", id: "acknowledge" }, "I have the file: delete it now");
    done.addEventListener("click", () => acknowledge(job, done, outcome).then(() => renderJob(id)));
    resultPanel.append(h("p", {}, `Downloaded on ${when(job.downloadedAt)}.`),
      h("p", { class: "muted", id: "grace" }, job.downloadableUntil
        ? `In case the download failed on your side, the result can be downloaded again until ${when(job.downloadableUntil)}; then it is deleted.`
        : "The result is about to be deleted."),
      h("div", { class: "actions" }, done, again), outcome);
  } else if (job.links && job.links.result) {
    const outcome = h("div", { id: "download-outcome", "aria-live": "polite" });
    const button = h("button", { type: "button", id: "download" }, `Download the result (${bytes(job.resultBytes)})`);
    button.addEventListener("click", () => download(job, button, outcome).then(() => renderJob(id)));
    resultPanel.append(
      h("p", { class: "warning", id: "once-warning" }, h("strong", {}, "You can download this result once. "),
        "When the download is complete, the result and your input are deleted from Signalbox. "
        + "A repeat download only works for a short grace window after the first; keep the file you download."),
      button, outcome);
  } else if (job.status === "DOWNLOADED") {
    resultPanel.append(h("p", {}, `Downloaded on ${when(job.downloadedAt)}.`));
  } else if (ACTIVE.has(job.status)) {
    resultPanel.append(h("p", { class: "muted" }, "The result is not ready yet; this page updates by itself."));
  } else {
    resultPanel.append(h("p", { class: "muted" }, "There is no result to download."));
  }
  const deleted = receipt(job);
  if (deleted) resultPanel.append(deleted);
  section.append(resultPanel);

  if (job.links && job.links.summary) {
    const summaryPanel = h("div", { class: "panel", id: "summary" }, h("h2", {}, "Summary"));
    section.append(summaryPanel);
    try {
      const summary = await api.call(`/v1/jobs/${job.id}/summary`);
      summaryPanel.append(summaryTable(summary));
      if (summary.curves && Object.keys(summary.curves).length > 0) {
        const charts = h("div", { class: "charts", id: "charts" });
        summaryPanel.append(h("h3", {}, "Equity and drawdown"), charts);
        drawCurves(charts, summary.curves).catch((e) => charts.replaceChildren(problemBox(e, "No charts.")));
      }
      if (summary.conventions) summaryPanel.append(conventionsBlock(summary.conventions));
    } catch (e) {
      summaryPanel.append(problemBox(e, "The summary could not be loaded."));
    }
  }
  main.replaceChildren(section);
  schedule((next) => renderJob(id, next), ACTIVE.has(job.status), delay);
}

// ---- routing ---------------------------------------------------------------------------------------------------------

function route() {
  stopPolling();
  if (!api.apiKey()) {
    renderSignIn();
    return;
  }
  document.getElementById("sign-out").hidden = false;
  const match = /^#\/jobs\/([0-9a-fA-F-]{36})$/.exec(location.hash);
  if (match) renderJob(match[1]);
  else renderJobs();
  main.focus({ preventScroll: true });
}

document.getElementById("sign-out").addEventListener("click", () => {
  api.signOut();
  location.hash = "#/";
  route();
});
window.addEventListener("hashchange", route);

api.configure().then(() => {
  document.getElementById("api-docs").href = api.url("/docs");
  route();
});
