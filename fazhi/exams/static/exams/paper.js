// The exam paper: every answer is posted as it is given, one small request each, with a
// sequence number per question so the server refuses a stale or repeated save. Unsent answers
// wait in localStorage (per paper) and go out again when the browser is back online; the bar at
// the top says plainly whether everything is saved.
(function () {
  "use strict";
  const root = document.getElementById("paper");
  if (!root) { return; }
  const d = root.dataset;
  const version = Number(d.version);
  const key = "fazhi-exam-" + d.attempt;
  const csrf = document.querySelector("[name=csrfmiddlewaretoken]").value;
  const bar = document.getElementById("save-state");
  const forms = {};
  const seqs = {};
  let queue = {};
  let offline = !navigator.onLine;
  let sending = false;
  try { queue = JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { queue = {}; }

  document.querySelectorAll("form.question").forEach(function (form) {
    const p = form.dataset.position;
    forms[p] = form;
    seqs[p] = Number(form.dataset.seq);
    form.addEventListener("change", function () { given(form); });
    form.addEventListener("submit", function (event) { event.preventDefault(); given(form); });
    const text = form.querySelector("input[type=text]");
    if (text) {
      let typing = null;
      text.addEventListener("input", function () {
        clearTimeout(typing);
        typing = setTimeout(function () { given(form); }, 600);
      });
    }
  });
  // Answers queued on this device before a reload are newer than what the page was served.
  Object.keys(queue).forEach(function (p) {
    if (!forms[p]) { delete queue[p]; return; }
    seqs[p] = Math.max(seqs[p], queue[p].seq);
    show(forms[p], queue[p].answer);
    itemState(p, "waiting");
  });

  function answerOf(form) {
    const kind = form.dataset.kind;
    if (kind === "fill") { return form.querySelector("input[type=text]").value; }
    const picked = Array.from(form.querySelectorAll("input[name=answer]:checked"))
      .map(function (input) { return Number(input.value); });
    if (kind === "multiple") { return picked; }
    return picked.length ? picked[0] : null;
  }

  function show(form, answer) {
    if (form.dataset.kind === "fill") { form.querySelector("input[type=text]").value = answer || ""; return; }
    const chosen = Array.isArray(answer) ? answer : (answer === null ? [] : [answer]);
    form.querySelectorAll("input[name=answer]").forEach(function (input) {
      input.checked = chosen.indexOf(Number(input.value)) >= 0;
    });
  }

  function store() {
    try { localStorage.setItem(key, JSON.stringify(queue)); } catch (e) { /* full: keep in memory */ }
  }

  function itemState(p, state, text) {
    const el = forms[p] && forms[p].querySelector(".item-state");
    if (!el) { return; }
    el.className = "item-state " + state;
    el.textContent = text || "";
    forms[p].dataset.state = state;
  }

  function summary() {
    const waiting = Object.keys(queue).length;
    const refused = document.querySelectorAll("form.question[data-state=refused]").length;
    let state = "saved";
    let text = d.msgSaved;
    if (waiting && offline) { state = "offline"; text = d.msgOffline + " (" + waiting + ")"; }
    else if (waiting) { state = "saving"; text = d.msgSaving + " (" + waiting + ")"; }
    else if (refused) { state = "refused"; text = d.msgRefused + " (" + refused + ")"; }
    bar.className = "save-state " + state;
    bar.textContent = text;
    bar.dataset.waiting = String(waiting);
  }

  function given(form) {
    const p = form.dataset.position;
    seqs[p] += 1;
    queue[p] = {answer: answerOf(form), seq: seqs[p]};
    store();
    itemState(p, "waiting");
    summary();
    flush();
  }

  async function flush() {
    if (sending) { return; }
    sending = true;
    try {
      for (const p of Object.keys(queue)) {
        const entry = queue[p];
        let response;
        try {
          response = await fetch(d.answerUrl, {
            method: "POST", credentials: "same-origin",
            headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
            body: JSON.stringify({position: Number(p), answer: entry.answer, seq: entry.seq,
                                  paper_version: version})});
        } catch (e) {
          offline = true;
          break;
        }
        offline = false;
        let body = {};
        try { body = await response.json(); } catch (e) { body = {}; }
        if (!response.ok && response.status >= 500) { break; }  // try again later
        if (queue[p] && queue[p].seq === entry.seq) { delete queue[p]; }
        store();
        if (response.ok) {
          itemState(p, queue[p] ? "waiting" : "saved");
        } else if (body.code === "time_up" || body.code === "stale_paper") {
          window.location.href = d.resultUrl;
          return;
        } else {
          itemState(p, "refused", body.detail || d.msgRefused);
        }
      }
    } finally {
      sending = false;
      summary();
    }
    if (Object.keys(queue).length && !offline) { setTimeout(flush, 0); }
  }

  window.addEventListener("online", function () { offline = false; flush(); });
  window.addEventListener("offline", function () { offline = true; summary(); });
  setInterval(function () { if (Object.keys(queue).length) { flush(); } }, 5000);

  // The clock is the server's: the page counts down the seconds it was told remain.
  const timer = document.getElementById("timer");
  const started = performance.now();
  const remaining = Number(d.remaining);
  function tick() {
    const left = Math.max(0, Math.round(remaining - (performance.now() - started) / 1000));
    const h = Math.floor(left / 3600);
    const m = Math.floor((left % 3600) / 60);
    const s = left % 60;
    timer.textContent = (h ? h + ":" : "") + String(m).padStart(2, "0") + ":" + String(s).padStart(2, "0");
    if (left === 0) { flush().finally(function () { window.location.href = d.resultUrl; }); return; }
    setTimeout(tick, 1000);
  }
  tick();

  document.getElementById("submit-form").addEventListener("submit", function (event) {
    if (Object.keys(queue).length) {
      event.preventDefault();
      flush();
      bar.scrollIntoView();
    }
  });
  summary();
  if (Object.keys(queue).length) { flush(); }
}());
