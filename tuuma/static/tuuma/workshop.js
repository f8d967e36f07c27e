// Live workshop boards: participants', the facilitator's and the projector's.
// Without JavaScript every page works by plain form posts and reloads. With it, the forms are
// sent in the background, and the board follows the workshop through Server-Sent Events — or,
// when the live connection cannot be had, by asking for changes every two seconds. Either way
// the browser asks for everything after the last change it saw, so nothing is missed.
(function () {
  "use strict";
  const board = document.getElementById("board");
  if (!board || !window.fetch) return;
  const role = board.dataset.role;
  const status = document.getElementById("live-status");
  let lastSeq = parseInt(board.dataset.seq || "0", 10);
  let source = null;
  let pollTimer = null;
  let polling = false;
  let failures = 0;
  let newItems = 0;
  let announceTimer = null;

  function announce(text) {
    if (status) status.textContent = text;
  }

  // --- applying changes ----------------------------------------------------------------------

  function setText(root, field, value) {
    root.querySelectorAll(`[data-field="${field}"]`).forEach((el) => {
      el.textContent = value == null ? "" : String(value);
      if (field === "by" || field === "cluster") el.hidden = !value;
    });
  }

  function newItemElement(id) {
    const template = document.getElementById("item-template");
    if (!template) return null;
    const li = template.content.firstElementChild.cloneNode(true);
    li.id = `item-${id}`;
    li.dataset.id = id;
    li.dataset.mine = "0";
    li.querySelectorAll("form").forEach((form) => {
      form.action = form.getAttribute("action").replace("/ideat/0/", `/ideat/${id}/`);
    });
    li.querySelectorAll("[id]").forEach((el) => { el.id = el.id.replace(/-0$/, `-${id}`); });
    li.querySelectorAll("label[for]").forEach((el) => {
      el.htmlFor = el.htmlFor.replace(/-0$/, `-${id}`);
    });
    li.querySelectorAll("[data-total-for]").forEach((el) => { el.dataset.totalFor = id; });
    li.querySelectorAll(".badge").forEach((el) => el.remove());
    bindForms(li);
    return li;
  }

  const clusterTitles = {};

  function upsertItem(data) {
    if (data.hidden || data.merged_into) return removeItem(data.id);
    let li = document.getElementById(`item-${data.id}`);
    const list = board.querySelector(`ul.items[data-prompt="${data.prompt}"]`);
    if (!li) {
      if (!list) return;
      li = newItemElement(data.id);
      if (!li) return;
      list.appendChild(li);
      const empty = list.closest("section.prompt")?.querySelector(".empty-note");
      if (empty) empty.remove();
      newItems += 1;
      scheduleAnnouncement();
    } else if (list && li.closest("[data-items-for]")?.dataset.itemsFor !== String(data.prompt)) {
      list.appendChild(li);
    }
    setText(li, "text", data.text);
    setText(li, "label", data.text.length > 60 ? `${data.text.slice(0, 59)}…` : data.text);
    setText(li, "by", data.by);
    setText(li, "plus", data.plus);
    if (data.cluster && clusterTitles[data.cluster] !== undefined) {
      setText(li, "cluster", clusterTitles[data.cluster]);
    } else if (!data.cluster) {
      setText(li, "cluster", "");
    }
    li.dataset.cluster = data.cluster || "";
    setText(li, "comment_count", data.comments.length);
    const comments = li.querySelector('[data-field="comments"]');
    if (comments && comments.children.length !== data.comments.length) {
      comments.replaceChildren(...data.comments.map((c) => {
        const item = document.createElement("li");
        item.textContent = c.text;
        if (c.by) {
          const by = document.createElement("span");
          by.className = "muted";
          by.textContent = ` – ${c.by}`;
          item.appendChild(by);
        }
        return item;
      }));
    }
    if (board.dataset.grouped === "1") arrange();
  }

  function removeItem(id) {
    const li = document.getElementById(`item-${id}`);
    if (li && !li.contains(document.activeElement)) li.remove();
    else if (li) li.hidden = true;
    if (board.dataset.grouped === "1") arrange();
  }

  function scheduleAnnouncement() {
    if (announceTimer) return;
    announceTimer = setTimeout(() => {
      announceTimer = null;
      if (newItems) announce(`${board.dataset.msgNew || "+"} ${newItems}`);
      newItems = 0;
    }, 4000);
  }

  function applyTotals(totals) {
    let sum = 0;
    Object.values(totals).forEach((n) => { sum += n; });
    document.querySelectorAll("[data-total-for]").forEach((el) => {
      el.textContent = String(totals[el.dataset.totalFor] || 0);
    });
    document.querySelectorAll("[data-dot-total]").forEach((el) => { el.textContent = sum; });
    if (role === "participant" && board.dataset.revealed === "1") arrange();
  }

  function typing() {
    const active = document.activeElement;
    const field = active && active.closest("#board") && active.matches("input, textarea, select");
    const written = Array.from(board.querySelectorAll("textarea, input[type=text]"))
      .some((el) => el.value.trim() && role === "participant");
    return field || written;
  }

  function reloadSoon() {
    if (typing()) {
      const banner = document.getElementById("phase-banner");
      if (banner) { banner.hidden = false; return; }
      pendingRefresh = true;
      return;
    }
    // Spread the reloads of a full hall over a moment rather than all in the same instant.
    setTimeout(() => window.location.reload(), Math.random() * 1500);
  }

  // The facilitator's and the projector's boards are swapped in whole from the server.
  let fragmentTimer = null;
  let pendingRefresh = false;

  function refreshFragment() {
    if (!board.dataset.fragment) return;
    if (typing()) { pendingRefresh = true; return; }
    if (fragmentTimer) return;
    fragmentTimer = setTimeout(async () => {
      fragmentTimer = null;
      try {
        const response = await fetch(board.dataset.fragment, {credentials: "same-origin"});
        if (!response.ok) return;
        const html = await response.text();
        if (typing()) { pendingRefresh = true; return; }
        board.innerHTML = html;
      } catch (error) { /* offline: the next change tries again */ }
    }, 400);
  }

  document.addEventListener("focusout", () => {
    setTimeout(() => {
      if (pendingRefresh && !typing()) {
        pendingRefresh = false;
        if (role === "participant") reloadSoon(); else refreshFragment();
      }
    }, 50);
  });

  function apply(kind, data) {
    if (kind === "totals") return applyTotals(data);
    if (kind === "gone") return stop();
    if (kind === "cluster") clusterTitles[data.id] = data.title;
    if (role !== "participant") {
      if (kind === "phase" && data.phase !== board.dataset.phase) return reloadSoon();
      // The clock was started, extended or stopped (by another facilitator, or in the
      // settings): the facilitator's page shows the clock's buttons as they now are.
      if (kind === "phase" && role === "facilitator"
          && (!sameTime(data.ends_at, board.dataset.endsAt)
              || String(data.paused_left ?? "") !== (board.dataset.pausedLeft || ""))) {
        return reloadSoon();
      }
      if (kind === "reload") return reloadSoon();
      return refreshFragment();
    }
    if (kind === "item") upsertItem(data);
    else if (kind === "remove") removeItem(data.id);
    else if (kind === "reload") reloadSoon();
    else if (kind === "phase") switchPhase(data); else if (kind === "uncluster") {
      board.querySelectorAll(`.item[data-cluster="${data.id}"]`).forEach((li) => {
        li.dataset.cluster = "";
        setText(li, "cluster", "");
      });
      if (board.dataset.grouped === "1") arrange();
    } else if (kind === "cluster") {
      board.querySelectorAll(`.item[data-cluster="${data.id}"]`).forEach((li) => {
        setText(li, "cluster", data.title);
      });
      if (board.dataset.grouped === "1") arrange();
    }
  }

  function sameTime(a, b) {
    return (a ? Date.parse(a) : 0) === (b ? Date.parse(b) : 0);
  }

  // A new phase is shown in place: every phase's controls are already on the page, so a hall
  // of 2,000 phones does not reload at once when voting opens.
  function switchPhase(data) {
    const changed = data.phase !== board.dataset.phase;
    board.dataset.phase = data.phase;
    board.dataset.revealed = data.revealed ? "1" : "0";
    board.querySelectorAll("[data-phase-block]").forEach((el) => {
      el.hidden = !el.dataset.phaseBlock.split(" ").includes(data.phase);
    });
    board.querySelectorAll('[data-show="totals"]').forEach((el) => { el.hidden = !data.revealed; });
    board.querySelectorAll('[data-show="no-totals"]').forEach((el) => { el.hidden = !!data.revealed; });
    const clock = board.querySelector("[data-clock]");
    if (clock) {
      const paused = data.paused_left !== null && data.paused_left !== undefined;
      clock.hidden = !data.ends_at && !paused;
      clock.querySelector("[data-clock-running]").hidden = !data.ends_at;
      clock.querySelector("[data-clock-paused]").hidden = !paused;
      if (data.ends_at) clock.querySelector("time").dateTime = data.ends_at;
      if (paused) clock.querySelector("[data-paused-left]").textContent = clockText(data.paused_left);
    }
    if (changed) announce(board.querySelector(`strong [data-phase-block="${data.phase}"]`)
      ?.textContent || "");
    arrange();
  }

  // --- the results under their clusters ------------------------------------------------------
  // Once the totals are revealed in the results, each prompt's ideas are ranked and shown under
  // their clusters, the cluster with the most dots first, the ideas in no cluster last, each
  // with its overall place (as views._render_board renders them). Hidden again: one list per
  // prompt in the order posted.

  const numberOf = (el) => parseInt((el && el.textContent) || "0", 10) || 0;
  const totalOf = (li) => numberOf(li.querySelector("[data-total-for]"));
  const byPlace = (a, b) => totalOf(b) - totalOf(a)
    || numberOf(b.querySelector('[data-field="plus"]')) - numberOf(a.querySelector('[data-field="plus"]'))
    || Number(a.dataset.id) - Number(b.dataset.id);
  const byPosting = (a, b) => Number(a.dataset.id) - Number(b.dataset.id);

  function dotsText(n) {
    const form = (n === 1 ? board.dataset.msgDotOne : board.dataset.msgDotOther) || "%(n)s";
    return form.replace("%(n)s", String(n));
  }

  function itemList(prompt, items) {
    const list = document.createElement("ul");
    list.className = "items";
    list.dataset.prompt = prompt;
    list.setAttribute("aria-label", board.dataset.msgIdeas || "");
    list.append(...items);
    return list;
  }

  function clusterSection(prompt, n, cluster, title, total, items) {
    const section = document.createElement("section");
    section.className = "cluster-group";
    section.dataset.group = cluster;
    if (title !== null) {
      const heading = document.createElement("h3");
      heading.className = "cluster-heading";
      heading.id = `group-${prompt}-${n}`;
      heading.textContent = title;
      if (total !== null) {
        const sum = document.createElement("span");
        sum.className = "cluster-total";
        sum.dataset.show = "totals";
        sum.textContent = dotsText(total);
        heading.append(" ", sum);
      }
      section.setAttribute("aria-labelledby", heading.id);
      section.append(heading);
    }
    section.append(itemList(prompt, items));
    return section;
  }

  function arrange() {
    if (role !== "participant") return;
    const grouped = ["results", "closed"].includes(board.dataset.phase)
      && board.dataset.revealed === "1";
    if (!grouped && board.dataset.grouped !== "1") return;  // still as posted
    board.dataset.grouped = grouped ? "1" : "0";
    const boxes = Array.from(board.querySelectorAll("[data-items-for]"));
    const itemsIn = (box) => Array.from(box.querySelectorAll("li.item"));
    if (grouped) {
      let place = 0;
      boxes.flatMap(itemsIn).sort(byPlace).forEach((li) => {
        if (!li.hidden) { place += 1; setText(li, "rank", place); }
      });
    }
    boxes.forEach((box) => {
      const prompt = box.dataset.itemsFor;
      const items = itemsIn(box).sort(grouped ? byPlace : byPosting);
      items.forEach((li) => {
        const line = li.querySelector('[data-field="rank-line"]');
        if (line) line.hidden = !grouped || li.hidden;
      });
      if (!grouped) {
        box.dataset.arrangement = "";
        box.replaceChildren(itemList(prompt, items));
        return;
      }
      const clusters = new Map();
      const loose = [];
      items.forEach((li) => {
        if (!li.dataset.cluster) return loose.push(li);
        if (!clusters.has(li.dataset.cluster)) clusters.set(li.dataset.cluster, []);
        clusters.get(li.dataset.cluster).push(li);
      });
      const sum = (list) => list.reduce((n, li) => n + (li.hidden ? 0 : totalOf(li)), 0);
      // (a stable sort: clusters with the same total keep the order of their best idea)
      const ordered = Array.from(clusters.entries()).sort((a, b) => sum(b[1]) - sum(a[1]));
      const title = (list) => list[0].querySelector('[data-field="cluster"]')?.textContent || "";
      const arrangement = JSON.stringify([ordered.map(([id, list]) => [id, title(list), sum(list),
        list.map((li) => li.dataset.id)]), loose.map((li) => li.dataset.id)]);
      if (box.dataset.arrangement === arrangement) return;  // nothing moved: leave the page be
      box.dataset.arrangement = arrangement;
      const sections = ordered.map(([id, list], i) => clusterSection(
        prompt, i + 1, id, title(list), sum(list), list));
      if (loose.length) {
        sections.push(clusterSection(prompt, sections.length + 1, "",
          ordered.length ? board.dataset.msgLoose || "" : null, null, loose));
      }
      box.replaceChildren(...sections);
    });
  }

  function handle(seq, kind, data) {
    if (seq) {
      if (seq <= lastSeq) return;
      lastSeq = seq;
    }
    apply(kind, data);
  }

  // --- transport -----------------------------------------------------------------------------

  const KINDS = ["item", "remove", "cluster", "uncluster", "phase", "reload", "totals", "gone"];

  function connect() {
    if (!window.EventSource || !board.dataset.live) return startPolling();
    source = new EventSource(`${board.dataset.live}?after=${lastSeq}`);
    KINDS.forEach((kind) => source.addEventListener(kind, (event) => {
      failures = 0;
      // Totals carry no number of their own (the browser would repeat the last event's).
      const seq = kind === "totals" || kind === "gone" ? 0 : parseInt(event.lastEventId || "0", 10);
      handle(seq, kind, JSON.parse(event.data));
    }));
    source.onopen = () => { failures = 0; };
    source.onerror = () => {
      failures += 1;
      // A closed stream (expired page, server refusing) or repeated failures: poll instead.
      if (source.readyState === EventSource.CLOSED || failures >= 3) {
        source.close();
        source = null;
        startPolling();
      } else {
        catchUp();
      }
    };
  }

  async function catchUp() {
    if (polling === "busy") return;
    const wasPolling = polling;
    polling = "busy";
    try {
      const url = new URL(board.dataset.events, window.location.href);
      url.searchParams.set("after", String(lastSeq));
      const response = await fetch(url, {credentials: "same-origin",
                                         headers: {Accept: "application/json"}});
      if (response.ok) {
        const body = await response.json();
        body.events.forEach((e) => handle(e.seq, e.kind, e.data));
        if (body.totals && (role !== "participant" || board.dataset.revealed === "1")) {
          applyTotals(body.totals);
        }
      }
    } catch (error) { /* offline for a moment */ }
    polling = wasPolling;
  }

  function startPolling() {
    if (pollTimer) return;
    board.dataset.transport = "polling";
    polling = true;
    pollTimer = setInterval(catchUp, 2000);
    catchUp();
  }

  function stop() {
    if (source) source.close();
    if (pollTimer) clearInterval(pollTimer);
  }

  // --- forms sent in the background ----------------------------------------------------------

  function showError(form, message) {
    let box = form.querySelector(".error[role=alert]");
    if (!box) {
      box = document.createElement("p");
      box.className = "error";
      box.setAttribute("role", "alert");
      form.prepend(box);
    }
    box.textContent = message;
  }

  function clearError(form) {
    const box = form.querySelector(".error[role=alert]");
    if (box) box.remove();
  }

  function bindForms(root) {
    root.querySelectorAll("form[data-live-form]").forEach((form) => {
      if (form.dataset.bound) return;
      form.dataset.bound = "1";
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        send(form);
      });
    });
  }

  async function send(form) {
    const kind = form.dataset.liveForm;
    const button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    const li = form.closest(".item");
    try {
      let response = null;
      const dot = kind === "dot" || kind === "undot";
      if (dot && li && board.dataset.vote && board.dataset.token) {
        // Dots go to the live endpoint, which knows the seat from the page's token and
        // skips the session and form machinery: thousands arrive within a minute.
        try {
          response = await fetch(board.dataset.vote, {
            method: "POST", headers: {Accept: "application/json"},
            body: new URLSearchParams({token: board.dataset.token, item: li.dataset.id,
                                       do: kind === "dot" ? "add" : "remove",
                                       lang: document.documentElement.lang || ""}),
          });
        } catch (error) { response = null; }
        // An expired token (403), a proxy that does not pass the endpoint on or a failing
        // server: the board's form takes the dot instead.
        const json = response && (response.headers.get("Content-Type") || "")
          .startsWith("application/json");
        if (response && (!json || response.status === 403 || response.status >= 500)) {
          response = null;
        }
      }
      if (!response) {
        response = await fetch(form.action, {
          method: "POST", body: new FormData(form), credentials: "same-origin",
          headers: {Accept: "application/json"},
        });
      }
      let body = {};
      try { body = await response.json(); } catch (error) { body = {}; }
      if (!response.ok) {
        showError(form, body.error || board.dataset.msgOffline || response.statusText);
        return;
      }
      clearError(form);
      if (kind === "post" || kind === "comment") {
        form.querySelector("textarea, input[type=text]").value = "";
      } else if (kind === "plus" && button) {
        const on = form.querySelector('input[name="on"]');
        const pressed = on.value === "1";
        button.setAttribute("aria-pressed", pressed ? "true" : "false");
        on.value = pressed ? "0" : "1";
        if (li && body.plus !== undefined) setText(li, "plus", body.plus);
      } else if ((kind === "dot" || kind === "undot") && li) {
        const mine = Math.max(0, parseInt(li.dataset.mine || "0", 10) + (kind === "dot" ? 1 : -1));
        li.dataset.mine = String(mine);
        setText(li, "mine", mine);
        document.querySelectorAll("[data-dots-left]").forEach((el) => { el.textContent = body.left; });
      }
      // A dot changes nothing on a participant's board before the reveal, and an open live
      // feed brings the totals: no need to ask. Anything else is fetched at once.
      if (!dot || !source || source.readyState !== EventSource.OPEN) catchUp();
    } catch (error) {
      showError(form, board.dataset.msgOffline || "Offline");
    } finally {
      if (button) button.disabled = false;
    }
  }

  // --- the phase clock -----------------------------------------------------------------------

  function clockText(seconds) {
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  }

  function tick() {
    document.querySelectorAll("time[data-countdown]").forEach((el) => {
      if (!el.dateTime) return;  // the clock is paused or stopped
      const text = clockText(Math.max(0, Math.round((new Date(el.dateTime) - Date.now()) / 1000)));
      if (el.textContent !== text) el.textContent = text;
    });
  }

  bindForms(document);
  // Always ticking: a clock started later arrives with the live feed (or a swapped-in board).
  tick();
  setInterval(tick, 1000);
  connect();
})();
