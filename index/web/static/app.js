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
