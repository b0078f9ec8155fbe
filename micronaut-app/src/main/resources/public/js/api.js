// The REST API as the page uses it. The API key lives in this tab only (sessionStorage), never in a cookie or a URL.

const KEY_ITEM = "signalbox.apiKey";
let base = "";

/** Reads config.json next to the page, if there is one: {"apiBaseUrl": "https://…"}; without it, the page's own origin. */
export async function configure() {
  try {
    const response = await fetch("config.json", { cache: "no-store" });
    if (response.ok) {
      const config = await response.json();
      if (typeof config.apiBaseUrl === "string") {
        base = config.apiBaseUrl.replace(/\/+$/, "");
      }
    }
  } catch (e) {
    // No config.json: the API is on this page's origin.
  }
  return base;
}

export function url(path) {
  return base + path;
}

export function apiKey() {
  return sessionStorage.getItem(KEY_ITEM);
}

export function signIn(key) {
  sessionStorage.setItem(KEY_ITEM, key);
}

export function signOut() {
  sessionStorage.removeItem(KEY_ITEM);
}

export function authorization() {
  return "Bearer " + apiKey();
}

/** An answer that was not 2xx, with its RFC 9457 problem detail when it has one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || "HTTP " + status);
    this.status = status;
    this.problem = problem;
  }
}

export async function problemOf(response) {
  let problem = {};
  try {
    problem = await response.json();
  } catch (e) {
    problem = { title: response.statusText };
  }
  return new ApiError(response.status, problem);
}

/** Calls the API with the tab's key; answers the parsed JSON, or throws an ApiError. */
export async function call(path, options = {}) {
  const headers = Object.assign({ Authorization: authorization(), Accept: "application/json" }, options.headers || {});
  const response = await fetch(url(path), Object.assign({ cache: "no-store" }, options, { headers }));
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response.status === 204 ? null : response.json();
}

/** Where a problem is, for a person: the JSON path of a recipe, or the file, line and column of a CSV. */
export function locationOf(problem) {
  const parts = [];
  if (problem.path) parts.push("at " + problem.path);
  if (problem.file) parts.push("in " + problem.file);
  if (problem.line != null) parts.push("line " + problem.line);
  if (problem.column != null) parts.push("column " + problem.column);
  return parts.join(", ");
}
