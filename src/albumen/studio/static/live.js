// The studio's live preview: when a build is published, reload this page if its file changed; when a build
// fails, show its errors on top of the page (the page below keeps the last good content).
(function () {
  "use strict";
  // The studio's language: this script's words, translated in <script id="albumen-strings"> (none in English).
  var _ = (function () {
    var el = document.getElementById("albumen-strings");
    var words = el ? JSON.parse(el.textContent) : {};
    return function (text) { return words[text] || text; };
  })();
  var script = document.currentScript;
  var digest = script ? script.getAttribute("data-page-digest") : "";
  var banner = null;

  function showErrors(state) {
    if (banner) { banner.remove(); banner = null; }
    if (!state.errors.length && !state.message) { return; }
    banner = document.createElement("section");
    banner.className = "albumen-studio-errors";
    banner.setAttribute("role", "alert");
    var heading = document.createElement("h2");
    heading.textContent = _("Your last change can't be published yet");
    banner.appendChild(heading);
    var note = document.createElement("p");
    note.textContent = _("The site below is the last good one. Fix this and it updates by itself:");
    banner.appendChild(note);
    var list = document.createElement("ul");
    if (state.message) {
      var only = document.createElement("li");
      only.textContent = state.message;
      list.appendChild(only);
    }
    state.errors.forEach(function (error) {
      var li = document.createElement("li");
      var where = document.createElement("code");
      where.textContent = error.where;
      li.appendChild(where);
      li.appendChild(document.createTextNode(": " + error.message + " "));
      if (error.fix) {
        var link = document.createElement("a");
        link.href = error.fix;
        link.textContent = _("Fix it");
        li.appendChild(link);
      }
      list.appendChild(li);
    });
    banner.appendChild(list);
    document.body.insertBefore(banner, document.body.firstChild);
  }

  function check() {
    fetch("/_studio/state?path=" + encodeURIComponent(location.pathname), {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        showErrors(state);
        if (digest && state.page && state.page !== digest && !state.errors.length && !state.message) {
          location.reload();
        }
      })
      .catch(function () { /* the server stopped: keep the page as it is */ });
  }

  // On a topic's page in the studio: photos dropped anywhere on the page are added to that topic.
  var topic = script ? script.getAttribute("data-topic") : "";
  if (topic) {
    document.addEventListener("dragover", function (event) {
      if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0) {
        event.preventDefault();
        document.body.classList.add("albumen-studio-dropping");
      }
    });
    document.addEventListener("dragleave", function () { document.body.classList.remove("albumen-studio-dropping"); });
    document.addEventListener("drop", function (event) {
      if (!event.dataTransfer || !event.dataTransfer.files.length) { return; }
      event.preventDefault();
      document.body.classList.remove("albumen-studio-dropping");
      var body = new FormData();
      body.append("key", script.getAttribute("data-key"));
      body.append("topic", topic);
      Array.prototype.forEach.call(event.dataTransfer.files, function (file) { body.append("photos", file); });
      fetch("/_studio/add", {method: "POST", body: body}).then(function (response) {
        location.href = response.redirected ? response.url : "/_studio/add?topic=" + encodeURIComponent(topic);
      });
    });
  }

  if (window.EventSource) {
    new EventSource("/_studio/events").addEventListener("build", check);
  }
})();
