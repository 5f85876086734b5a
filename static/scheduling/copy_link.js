// "Copy link" for the calendar address: shown only when the browser can copy; the field stays
// selectable for everyone else. The status line is announced to screen readers.
(function () {
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copyTarget);
    var status = document.querySelector(".copy-status");
    if (!field || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) status.textContent = status.dataset.copiedText;
      }, function () {
        field.focus();
        field.select();
      });
    });
  });
})();
