/* The error summary (the GOV.UK pattern): move focus to it when the page loads, so a screen reader
   reads the problems first; a link in it moves focus to the field, not only the view. */
(function () {
    "use strict";
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener("click", function (event) {
        var link = event.target.closest("a[href^='#']");
        if (!link) { return; }
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (!target) { return; }
        event.preventDefault();
        var field = target.matches("input, select, textarea, button") ? target
            : target.querySelector("input:not([type=hidden]), select, textarea");
        var legendOrLabel = target.closest("fieldset") || target;
        legendOrLabel.scrollIntoView({ block: "start" });
        (field || target).focus({ preventScroll: true });
    });
})();
