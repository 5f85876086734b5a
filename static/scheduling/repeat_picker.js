/* The repeat picker: show only the questions that matter for the choice made. Without this script
   every question is shown, and the server ignores those that do not apply. */
(function () {
    "use strict";
    var picker = document.querySelector("[data-repeat-picker]");
    if (!picker) { return; }
    function group(name) {
        var input = picker.querySelector('[name="' + name + '"]');
        return input ? input.closest(".field") : null;
    }
    function value(name) {
        var checked = picker.querySelector('[name="' + name + '"]:checked');
        return checked ? checked.value : "";
    }
    function show(name, visible) {
        var el = group(name);
        if (el) { el.hidden = !visible; }
    }
    function update() {
        var repeat = value("repeat");
        var repeating = repeat !== "" && repeat !== "keep";
        show("repeat_weekday", repeating);
        show("repeat_ordinal", repeat === "monthly");
        show("repeat_end", repeating);
        var end = value("repeat_end") || "count";
        show("repeat_count", repeating && end === "count");
        show("repeat_until", repeating && end === "until");
    }
    picker.addEventListener("change", update);
    update();
})();
