// The exercise list: search and filters (topic, difficulty, status), all in the browser.
//
// The list is short (a course's worth of exercises) and already on the page, so filtering is a
// matter of hiding rows. The filters live in the query string (replaceState), so a reload or
// the back button from an exercise brings them back.
const FIELDS = ["q", "topic", "difficulty", "status"];

const normalize = (text) => text.toLocaleLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");

function init() {
  const form = document.querySelector("[data-exercise-filters]");
  if (!form) return;
  const rows = [...document.querySelectorAll("[data-exercise-slug]")];
  const groups = [...document.querySelectorAll("[data-exercise-group]")];
  const empty = document.querySelector("[data-filter-empty]");
  const emptyDetail = document.querySelector("[data-filter-empty-detail]");
  const count = form.querySelector("[data-filter-count]");
  const topicSelect = form.querySelector("[data-topic-options]");

  // Only topics that have exercises here, in the order they first appear.
  const topics = new Map();
  for (const row of rows) topics.set(row.dataset.topic, row.dataset.topicLabel);
  for (const [value, label] of topics) topicSelect.append(new Option(label, value));

  const params = new URLSearchParams(window.location.search);
  for (const name of FIELDS) {
    const field = form.elements.namedItem(name);
    if (field && params.has(name)) field.value = params.get(name);
  }

  const values = () => Object.fromEntries(FIELDS.map((name) => {
    const field = form.elements.namedItem(name);
    return [name, field ? field.value.trim() : ""];
  }));

  function apply() {
    const want = values();
    const query = normalize(want.q);
    let shown = 0;
    for (const row of rows) {
      const haystack = normalize(`${row.querySelector(".title").textContent} ${row.dataset.topicLabel} ${row.dataset.exerciseSlug}`);
      const match = (!query || query.split(/\s+/).every((word) => haystack.includes(word)))
        && (!want.topic || row.dataset.topic === want.topic)
        && (!want.difficulty || row.dataset.difficulty === want.difficulty)
        && (!want.status || row.dataset.state === want.status);
      row.hidden = !match;
      shown += match;
    }
    for (const group of groups) group.hidden = !group.querySelector("[data-exercise-slug]:not([hidden])");
    const active = FIELDS.filter((name) => want[name]);
    const noun = rows.length === 1 ? "exercise" : "exercises";
    count.textContent = active.length
      ? `${shown} of ${rows.length} ${noun} shown`
      : `${rows.length} ${noun}`;
    empty.hidden = shown > 0;
    if (!shown) emptyDetail.textContent = describe(want);
    const url = new URL(window.location.href);
    for (const name of FIELDS) {
      if (want[name]) url.searchParams.set(name, want[name]);
      else url.searchParams.delete(name);
    }
    window.history.replaceState(null, "", url);
  }

  function describe(want) {
    const parts = [];
    if (want.q) parts.push(`“${want.q}”`);
    for (const name of ["topic", "difficulty", "status"]) {
      const field = form.elements.namedItem(name);
      if (field && want[name]) parts.push(field.selectedOptions[0].textContent);
    }
    return `Looking for: ${parts.join(" · ")}. Try fewer words or clear a filter.`;
  }

  form.addEventListener("input", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
  document.querySelector("[data-filter-clear]").addEventListener("click", () => {
    form.reset();
    apply();
    form.elements.namedItem("q").focus();
  });
  form.hidden = false;
  apply();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
