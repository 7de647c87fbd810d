// The study timer: opens a visit for this material, then reports every few seconds while the
// page is visible, and once when it is hidden. The server counts the time between reports on
// its own clock and decides the credit; this script only says the page is still being read.
(function () {
  "use strict";
  const box = document.getElementById("study-timer");
  if (!box || !window.fetch) { return; }
  const d = box.dataset;
  const csrf = box.querySelector("[name=csrfmiddlewaretoken]").value;
  const state = document.getElementById("timer-state");
  const minutes = document.getElementById("timer-minutes");
  const every = Number(d.beat) * 1000;
  let beatUrl = null;
  let seq = 0;
  let timer = null;
  let stopped = false;

  function say(text) { state.textContent = text; }

  function post(url, body, keepalive) {
    const form = new URLSearchParams(body);
    form.set("csrfmiddlewaretoken", csrf);
    return fetch(url, {method: "POST", body: form, credentials: "same-origin", keepalive: !!keepalive,
                       headers: {"X-CSRFToken": csrf, "Accept": "application/json"}});
  }

  function beat(visible) {
    if (!beatUrl || stopped) { return; }
    if (!navigator.onLine) { say(d.msgOffline); return; }
    seq += 1;
    post(beatUrl, {seq: String(seq), visible: visible ? "on" : ""}, !visible).then(function (r) {
      return r.json().then(function (data) { return [r.status, data]; });
    }).then(function (pair) {
      const status = pair[0], data = pair[1];
      if (status === 200) {
        minutes.textContent = data.material_minutes + " " + d.msgMinutes;
        if (data.capped === "material") { say(d.msgCappedMaterial); }
        else if (data.capped === "day") { say(d.msgCappedDay); }
        else { say(visible ? d.msgCounting : d.msgPaused); }
      } else {
        say(d.msgRefused + ": " + (data.detail || status));
        if (data.code === "superseded") { stop(); }
      }
    }).catch(function () { say(d.msgOffline); });
  }

  function start() {
    clearInterval(timer);
    timer = setInterval(function () {
      if (document.visibilityState === "visible") { beat(true); }
    }, every);
  }

  function stop() { stopped = true; clearInterval(timer); }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { beat(false); clearInterval(timer); }
    else { beat(true); start(); }
  });

  post(d.openUrl, {}).then(function (r) { return r.json(); }).then(function (data) {
    beatUrl = data.beat_url;
    say(document.visibilityState === "visible" ? d.msgCounting : d.msgPaused);
    start();
  }).catch(function () { say(d.msgOffline); });
}());
