// dpa: show an evidence passage in place. Document text is untrusted: it
// only ever reaches the page through textContent and text nodes, never as
// markup. Without this script every link still works (server-rendered).
"use strict";
(function () {
  var panel = document.getElementById("tekst");
  if (!panel) { return; }
  var doc = panel.getAttribute("data-doc");
  var pre = document.getElementById("text");
  var pageno = document.getElementById("pageno");
  var scan = document.getElementById("scan");
  var scanimg = document.getElementById("scanimg");
  var scanrect = document.getElementById("scanrect");

  // showScan shows the page image with the passage's rectangle
  // ("x0 y0 x1 y1", fractions of the image) drawn over it, or hides it.
  function showScan(page, box) {
    if (!scan) { return; }
    var b = box ? box.split(" ").map(Number) : [];
    if (b.length !== 4 || b.some(isNaN)) {
      scan.hidden = true;
      return;
    }
    var src = "/api/documents/" + encodeURIComponent(doc) + "/pages/" + encodeURIComponent(page) + "/image";
    if (scanimg.getAttribute("src") !== src) { scanimg.setAttribute("src", src); }
    scanrect.setAttribute("x", String(b[0]));
    scanrect.setAttribute("y", String(b[1]));
    scanrect.setAttribute("width", String(b[2] - b[0]));
    scanrect.setAttribute("height", String(b[3] - b[1]));
    scan.hidden = false;
  }

  function show(link, page, start, end) {
    var url = "/api/documents/" + encodeURIComponent(doc) + "/pages/" + encodeURIComponent(page);
    if (start !== null) {
      url += "?start=" + encodeURIComponent(start) + "&end=" + encodeURIComponent(end);
    }
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (p) {
        while (pre.firstChild) { pre.removeChild(pre.firstChild); }
        var mark = null;
        if (p.mark) {
          pre.appendChild(document.createTextNode(p.before || ""));
          mark = document.createElement("mark");
          mark.id = "mark";
          mark.textContent = p.mark;
          pre.appendChild(mark);
          pre.appendChild(document.createTextNode(p.after || ""));
        } else {
          pre.textContent = p.text || "";
        }
        pageno.textContent = String(p.page);
        var old = document.querySelectorAll("a.ev.active");
        for (var i = 0; i < old.length; i++) { old[i].classList.remove("active"); }
        if (link) { link.classList.add("active"); }
        showScan(p.page, link && start !== null ? link.getAttribute("data-box") : null);
        history.replaceState(null, "", link ? link.getAttribute("href") : location.href);
        scrollToMark(mark);
      })
      .catch(function () { window.location.href = link.getAttribute("href"); });
  }

  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a.ev, a.pg") : null;
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey) { return; }
    e.preventDefault();
    if (a.classList.contains("ev")) {
      show(a, a.getAttribute("data-page"), a.getAttribute("data-start"), a.getAttribute("data-end"));
    } else {
      show(a, a.getAttribute("data-page"), null, null);
    }
  });

  // scrollToMark scrolls the text box, not the window, to the mark.
  function scrollToMark(mark) {
    pre.scrollTop = mark ? Math.max(0, mark.offsetTop - pre.clientHeight / 3) : 0;
  }

  scrollToMark(document.getElementById("mark"));
})();

// dpa: the register table sorts by a column and filters by text, and the
// correction form posts JSON with the editor's token. Cell text is read and
// written through textContent only.
(function () {
  var table = document.getElementById("register");
  if (!table) { return; }
  var body = table.tBodies[0];
  var filter = document.getElementById("regfilter");
  var count = document.getElementById("regcount");

  function cellText(row, i) { return (row.cells[i] && row.cells[i].textContent) || ""; }

  function refilter() {
    var q = filter ? filter.value.toLowerCase() : "";
    var shown = 0;
    for (var i = 0; i < body.rows.length; i++) {
      var row = body.rows[i];
      var hit = q === "" || row.textContent.toLowerCase().indexOf(q) >= 0;
      row.hidden = !hit;
      if (hit) { shown++; }
    }
    if (count) { count.textContent = shown + " / " + body.rows.length; }
  }

  var buttons = table.tHead.querySelectorAll("button.sort");
  Array.prototype.forEach.call(buttons, function (b, i) {
    b.addEventListener("click", function () {
      var asc = b.getAttribute("data-dir") !== "asc";
      Array.prototype.forEach.call(buttons, function (o) { o.removeAttribute("data-dir"); });
      b.setAttribute("data-dir", asc ? "asc" : "desc");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (x, y) {
        var a = cellText(x, i), c = cellText(y, i);
        var na = parseFloat(a), nc = parseFloat(c);
        var r = (!isNaN(na) && !isNaN(nc) && String(na) === a && String(nc) === c) ? na - nc : a.localeCompare(c, "nl");
        return asc ? r : -r;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  if (filter) { filter.addEventListener("input", refilter); }
  refilter();

  var form = document.getElementById("correction");
  if (!form) { return; }
  var result = document.getElementById("cresult");
  body.addEventListener("click", function (e) {
    var row = e.target.closest ? e.target.closest("tr") : null;
    if (row && !(e.target.closest && e.target.closest("a"))) {
      document.getElementById("cpath").value = row.getAttribute("data-path") || "";
    }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var f = form.elements;
    var req = { path: f.path.value, field: f.field.value, status: f.status.value, note: f.note.value };
    var v = f.value.value.trim();
    if (v !== "") {
      try { req.value = JSON.parse(v); } catch (err) {
        req.value = v.indexOf(",") >= 0 || /^[A-Z]{2}$/.test(v) && /countries$/.test(req.field) ? v.split(",").map(function (s) { return s.trim(); }) : v;
      }
    }
    fetch("/api/corrections", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Authorization": "Bearer " + f.token.value },
      body: JSON.stringify(req)
    }).then(function (r) {
      return r.text().then(function (t) {
        if (!r.ok) { throw new Error(t); }
        result.textContent = "Opgeslagen: " + t;
        setTimeout(function () { location.reload(); }, 800);
      });
    }).catch(function (err) { result.textContent = "Niet opgeslagen: " + err.message; });
  });
})();
