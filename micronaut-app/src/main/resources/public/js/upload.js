// Uploads one file as one job. Where the API offers direct-to-storage multipart uploads (a JSON creation answered
// 202 with presigned part URLs), the file goes straight to storage in parallel parts; otherwise it streams to
// POST /v1/jobs as a multipart form (recipe, signals, file, in that order). The browser reads the file from disk as
// it sends: nothing is held in memory, whatever its size.
import { authorization, url, call, problemOf, ApiError } from "./api.js";

const PARALLEL_PARTS = 3;
// Answers that say "this API has no presigned uploads": then the file is streamed instead.
const NO_PRESIGNED = new Set([404, 405, 415, 501]);

export class Upload {
  /**
   * @param {File} file the prices file
   * @param {{preset?: string, recipe?: string, signals?: File}} choice the recipe (a preset's name or a document)
   *     and the optional signals file
   * @param {(upload: Upload) => void} onChange told on every progress event and state change
   */
  constructor(file, choice, onChange) {
    this.file = file;
    this.choice = choice;
    this.onChange = onChange;
    this.state = "waiting"; // waiting, uploading, done, failed, cancelled
    this.sent = 0;
    this.total = file.size;
    this.speed = 0;
    this.secondsLeft = null;
    this.job = null;
    this.error = null;
    this.route = null; // "presigned" or "streamed"
    this.requests = new Set();
    this.lastSample = null;
  }

  async start() {
    if (this.state !== "waiting") return;
    this.state = "uploading";
    this.startedAt = performance.now();
    this.changed();
    try {
      const presigned = this.choice.signals ? null : await this.createPresigned();
      if (this.state === "cancelled") return;
      if (presigned) {
        this.route = "presigned";
        await this.sendParts(presigned);
      } else {
        this.route = "streamed";
        this.job = await this.stream();
      }
      this.progress(this.total);
      this.state = "done";
    } catch (e) {
      if (this.state === "cancelled") return;
      this.state = "failed";
      this.error = e instanceof ApiError ? e : new ApiError(0, { detail: e.message || String(e) });
    }
    this.changed();
  }

  cancel() {
    if (this.state !== "waiting" && this.state !== "uploading") return;
    const wasUploading = this.state === "uploading";
    this.state = "cancelled";
    for (const request of this.requests) request.abort();
    if (wasUploading && this.route === "presigned" && this.job) {
      call(`/v1/jobs/${this.job.id}/upload`, { method: "DELETE" }).catch(() => {});
    }
    this.changed();
  }

  changed() {
    this.onChange(this);
  }

  progress(sent) {
    const now = performance.now();
    sent = Math.max(this.sent, Math.min(sent, this.total));
    if (this.lastSample == null) {
      this.lastSample = { at: this.startedAt, sent: 0 };
    }
    const seconds = (now - this.lastSample.at) / 1000;
    if (seconds >= 0.5) {
      const rate = (sent - this.lastSample.sent) / seconds;
      this.speed = this.speed === 0 ? rate : 0.7 * this.speed + 0.3 * rate;
      this.lastSample = { at: now, sent };
    }
    this.sent = sent;
    this.secondsLeft = this.speed > 0 ? (this.total - sent) / this.speed : null;
    this.changed();
  }

  /** Asks for a direct-to-storage upload; null when the API does not offer one. */
  async createPresigned() {
    const body = { upload: "presigned", name: this.file.name, size: this.file.size };
    if (this.choice.recipe) body.recipe = JSON.parse(this.choice.recipe);
    else body.preset = this.choice.preset;
    const response = await fetch(url("/v1/jobs"), {
      method: "POST",
      headers: { Authorization: authorization(), "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
    if (NO_PRESIGNED.has(response.status)) return null;
    if (!response.ok) throw await problemOf(response);
    const answer = await response.json();
    if (!Array.isArray(answer.parts)) {
      throw new ApiError(response.status, { detail: "the API created a job but sent no part URLs to upload to" });
    }
    this.job = answer.job || answer;
    this.changed();
    return answer;
  }

  async sendParts(answer) {
    const sentByPart = new Map();
    const done = [];
    const queue = answer.parts.slice();
    const worker = async () => {
      while (queue.length > 0 && this.state === "uploading") {
        const part = queue.shift();
        const first = (part.partNumber - 1) * answer.partSize;
        const blob = this.file.slice(first, Math.min(first + answer.partSize, this.file.size));
        const etag = await this.put(part.url, blob, (loaded) => {
          sentByPart.set(part.partNumber, loaded);
          let sum = 0;
          for (const value of sentByPart.values()) sum += value;
          this.progress(sum);
        });
        done.push({ partNumber: part.partNumber, etag });
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_PARTS, queue.length) }, worker));
    if (this.state !== "uploading") return;
    done.sort((a, b) => a.partNumber - b.partNumber);
    this.job = await call(`/v1/jobs/${this.job.id}/upload/complete`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ parts: done }),
    });
  }

  put(partUrl, blob, onLoaded) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      this.requests.add(xhr);
      xhr.open("PUT", partUrl);
      xhr.upload.onprogress = (e) => onLoaded(e.loaded);
      xhr.onload = () => {
        this.requests.delete(xhr);
        const etag = xhr.getResponseHeader("ETag");
        if (xhr.status >= 200 && xhr.status < 300 && etag) {
          onLoaded(blob.size);
          resolve(etag);
        } else if (xhr.status >= 200 && xhr.status < 300) {
          reject(new Error("storage accepted a part but did not show its ETag (check the bucket's CORS settings)"));
        } else {
          reject(new Error(`storage refused a part with HTTP ${xhr.status}`));
        }
      };
      xhr.onerror = () => { this.requests.delete(xhr); reject(new Error("the connection to storage failed")); };
      xhr.onabort = () => { this.requests.delete(xhr); reject(new Error("cancelled")); };
      xhr.send(blob);
    });
  }

  stream() {
    const form = new FormData();
    if (this.choice.recipe) form.append("recipe", new Blob([this.choice.recipe], { type: "application/json" }));
    if (this.choice.signals) form.append("signals", this.choice.signals, this.choice.signals.name);
    form.append("file", this.file, this.file.name);
    const query = new URLSearchParams({ name: this.file.name });
    if (!this.choice.recipe && this.choice.preset) query.set("recipe", this.choice.preset);
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      this.requests.add(xhr);
      xhr.open("POST", url("/v1/jobs?" + query));
      xhr.setRequestHeader("Authorization", authorization());
      xhr.setRequestHeader("Accept", "application/json");
      xhr.responseType = "json";
      // The form carries a few hundred bytes besides the file: progress is shown against the file's size.
      const overhead = (e) => Math.max(0, e.total - this.file.size);
      xhr.upload.onprogress = (e) => this.progress(e.loaded - overhead(e));
      xhr.onload = () => {
        this.requests.delete(xhr);
        if (xhr.status >= 200 && xhr.status < 300) {
          resolve(xhr.response);
        } else {
          reject(new ApiError(xhr.status, xhr.response || { detail: `HTTP ${xhr.status}` }));
        }
      };
      xhr.onerror = () => { this.requests.delete(xhr); reject(new Error("the connection to the API failed")); };
      xhr.onabort = () => { this.requests.delete(xhr); reject(new Error("cancelled")); };
      xhr.send(form);
    });
  }
}
