// Opened from a folder (file://), a browser shows a directory listing for "items/x/":
// point such links at the folder's index.html instead. On a web server nothing changes.
(function () {
  if (location.protocol !== "file:") return;
  document.querySelectorAll("a[href]").forEach(function (a) {
    var href = a.getAttribute("href");
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#") return;
    var parts = href.split("#");
    if (parts[0] === "" ) return;
    if (parts[0].slice(-1) === "/") parts[0] += "index.html";
    else if (parts[0] === "." || parts[0] === "..") parts[0] += "/index.html";
    a.setAttribute("href", parts.join("#"));
  });
})();
