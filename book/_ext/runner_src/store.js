// What the reader did, kept in this browser only (localStorage; nothing is sent anywhere):
// per page, the edited code of each cell and the state of each exercise check.
//
// Key `micrograd-book:<page>` -> {cells: {<index>: {hash, source}}, checks: {<index>: {title,
// state}}, total}. `hash` is a hash of the cell's original source when the edit was made: when the
// book changes that cell, the old edit is not restored silently (see `restorable`).
const PREFIX = "micrograd-book:";

export function hash(text) {
  // FNV-1a, 32 bits, as 8 hex digits: enough to tell two versions of a cell apart
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

function storage() {
  try {
    return window.localStorage; // throws when storage is disabled
  } catch (error) {
    return null;
  }
}

export function read(page) {
  const box = storage();
  if (!box) return null;
  try {
    const data = JSON.parse(box.getItem(PREFIX + page) || "null");
    return data && typeof data === "object" ? { cells: {}, checks: {}, ...data } : null;
  } catch (error) {
    return null;
  }
}

// Save `data` for `page`; throws an Error with a reader-facing message when it cannot.
export function write(page, data) {
  const box = storage();
  if (!box) throw new Error("this browser does not let the book store anything (storage is disabled)");
  const empty = !Object.keys(data.cells || {}).length && !Object.keys(data.checks || {}).length;
  try {
    if (empty) box.removeItem(PREFIX + page);
    else box.setItem(PREFIX + page, JSON.stringify(data));
  } catch (error) {
    throw new Error("this browser's storage for the book is full or disabled " +
      `(${error && error.name || "error"})`);
  }
}

export function pages() {
  const box = storage();
  const out = [];
  if (!box) return out;
  for (let i = 0; i < box.length; i += 1) {
    const key = box.key(i);
    if (key && key.startsWith(PREFIX)) out.push(key.slice(PREFIX.length));
  }
  return out.sort();
}

export function forget(page) {
  const box = storage();
  if (box) box.removeItem(PREFIX + page);
}

// {passed, failed, tried, total} of a page's saved check states.
export function tally(data) {
  const states = Object.values((data && data.checks) || {}).map((c) => c.state);
  const passed = states.filter((s) => s === "passed").length;
  const failed = states.filter((s) => s === "failed").length;
  return { passed, failed, total: (data && data.total) || states.length };
}
