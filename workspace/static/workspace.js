// The workspace works without JavaScript; this only adds a count-down warning before the idle
// timeout signs the coordinator out, so what they were typing is not lost by surprise.
(function () {
  var body = document.body;
  var idle = parseInt(body.getAttribute("data-idle-seconds") || "0", 10);
  var warning = document.getElementById("idle-warning");
  if (!idle || !warning) { return; }
  var shown = false;
  window.setTimeout(function () {
    warning.hidden = false;
    shown = true;
  }, Math.max(idle - 120, 1) * 1000);
  document.addEventListener("keydown", function (event) {
    if (shown && event.key === "Escape") { warning.hidden = true; }
  });
})();
