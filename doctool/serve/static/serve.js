// doctool serve: approvals without reloading, keyboard navigation, the rebuild's status.
// Text from the server is only ever set as textContent, never parsed as HTML.
"use strict";

(function () {
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const statusBox = document.getElementById("status");
  let polling = null;
  const loadedAt = statusBox ? Number(statusBox.dataset.finished) : 0;

  function showStatus(data) {
    if (!statusBox) return;
    statusBox.className = "status state-" + data.state;
    statusBox.dataset.state = data.state;
    statusBox.dataset.finished = String(data.finished);
    let text = data.state === "idle" ? "no changes yet" : data.message;
    if (data.at && (data.state === "done" || data.state === "failed")) text += " · " + data.at;
    statusBox.textContent = text;
    // a page made before the rebuild shows the old origins and findings: offer the new ones
    if (data.state === "done" && data.finished > loadedAt) {
      const link = document.createElement("a");
      link.href = window.location.pathname + window.location.search;
      link.textContent = " · reload";
      statusBox.appendChild(link);
    }
  }

  function poll() {
    if (polling) return;
    polling = setInterval(async function () {
      try {
        const reply = await fetch("/status", { headers: { Accept: "application/json" } });
        const data = await reply.json();
        showStatus(data);
        if (data.state !== "queued" && data.state !== "running") {
          clearInterval(polling);
          polling = null;
        }
      } catch (err) {
        clearInterval(polling);
        polling = null;
      }
    }, 1000);
  }

  if (statusBox && (statusBox.dataset.state === "queued" || statusBox.dataset.state === "running")) poll();

  // -- review page -------------------------------------------------------------------------

  const segments = Array.from(document.querySelectorAll("article.seg"));
  let current = -1;

  function focusRow(index, edit) {
    if (index < 0 || index >= segments.length) return;
    if (current >= 0) segments[current].classList.remove("current");
    current = index;
    const row = segments[index];
    row.classList.add("current");
    row.scrollIntoView({ block: "center", behavior: "auto" });
    if (edit) row.querySelector("textarea").focus();
    else row.focus();
  }

  function nextUnapproved(from) {
    for (let i = from + 1; i < segments.length; i++) if (segments[i].dataset.approved !== "1") return i;
    return -1;
  }

  async function approve(row, thenNext) {
    const form = row.querySelector("form.en");
    const outcome = row.querySelector(".outcome");
    const body = new FormData(form);
    outcome.className = "outcome";
    outcome.textContent = "approving…";
    let data;
    try {
      const reply = await fetch(form.action, {
        method: "POST", body: body, headers: { Accept: "application/json", "X-CSRF-Token": token },
      });
      data = await reply.json();
    } catch (err) {
      outcome.className = "outcome error";
      outcome.textContent = "the editor did not answer; is doctool serve still running?";
      return;
    }
    outcome.className = "outcome " + (data.ok ? "ok" : "error");
    outcome.textContent = data.message;
    if (data.ok && data.approved) {
      // what the memory holds now is what a later approval of this row replaces
      form.querySelector('input[name="shown"]').value = body.get("en");
      row.dataset.approved = "1";
      row.classList.remove("unapproved");
      row.classList.add("approved");
      const meta = row.querySelector(".meta");
      if (!meta.querySelector(".approved-badge")) {
        const badge = document.createElement("span");
        badge.className = "badge approved-badge";
        badge.textContent = "approved";
        meta.appendChild(badge);
      }
      const button = row.querySelector("button.approve");
      button.classList.add("secondary");
      button.textContent = "Save to memory";
      poll();
      if (thenNext) {
        const next = nextUnapproved(segments.indexOf(row));
        if (next >= 0) focusRow(next, true);
      }
    }
  }

  segments.forEach(function (row, index) {
    const form = row.querySelector("form.en");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      approve(row, false);
    });
    row.addEventListener("focusin", function () {
      if (current !== index) {
        if (current >= 0) segments[current].classList.remove("current");
        current = index;
        row.classList.add("current");
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (!segments.length) return;
    const inText = event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLInputElement;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && current >= 0) {
      event.preventDefault();
      approve(segments[current], true);
      return;
    }
    if (inText) {
      if (event.key === "Escape") segments[current].focus();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "j") focusRow(current + 1, false);
    else if (event.key === "k") focusRow(Math.max(current - 1, 0), false);
    else if (event.key === "n") {
      const next = nextUnapproved(current);
      if (next >= 0) focusRow(next, true);
    } else if (event.key === "e" && current >= 0) focusRow(current, true);
    else return;
    event.preventDefault();
  });

  // -- glossary page -----------------------------------------------------------------------

  document.querySelectorAll("form.confirm").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
})();
