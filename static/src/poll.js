// Polls a submission by id until it is finished.
//
// Grading usually takes tens of milliseconds, so the first checks come quickly and the interval
// grows geometrically: a fast verdict shows up almost at once, and a long queue costs the server
// only a request every couple of seconds per open page. The server may also hold a request open
// briefly (long-poll, `wait` query parameter) and answer as soon as the verdict is stored.

export const FIRST_DELAY_MS = 0;
export const MIN_DELAY_MS = 40;
export const MAX_DELAY_MS = 2000;
export const BACKOFF = 1.6;

/** Delay before poll number `attempt` (0-based). Pure, so it is easy to reason about. */
export function pollDelay(attempt) {
  if (attempt === 0) return FIRST_DELAY_MS;
  return Math.min(MAX_DELAY_MS, Math.round(MIN_DELAY_MS * BACKOFF ** (attempt - 1)));
}

const sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject(new DOMException("aborted", "AbortError"));
    const timer = setTimeout(resolve, ms);
    if (signal) {
      signal.addEventListener("abort", () => {
        clearTimeout(timer);
        reject(new DOMException("aborted", "AbortError"));
      }, { once: true });
    }
  });

/**
 * @param {string} url  the submission's JSON URL
 * @param {{onUpdate: (data: object) => void, signal?: AbortSignal, waitMs?: number}} options
 * @returns {Promise<object>} the final submission data (status graded or error)
 */
export async function pollSubmission(url, { onUpdate, signal, waitMs = 1500 }) {
  let attempt = 0;
  let failures = 0;
  for (;;) {
    await sleep(pollDelay(attempt), signal);
    attempt += 1;
    let data;
    try {
      const sep = url.includes("?") ? "&" : "?";
      const response = await fetch(`${url}${sep}wait=${waitMs}`, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
        signal,
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      data = await response.json();
      failures = 0;
    } catch (error) {
      if (error.name === "AbortError") throw error;
      // A network blip or a restarting server must not lose the verdict: keep trying, slower.
      failures += 1;
      onUpdate({ status: "unreachable", failures });
      await sleep(Math.min(MAX_DELAY_MS * 2, 250 * 2 ** failures), signal);
      continue;
    }
    onUpdate(data);
    if (data.done) return data;
  }
}
